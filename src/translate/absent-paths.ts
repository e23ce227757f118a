// Reads of a path the input's own values lack. Ansible templates a variable where a task reads it,
// so a role value like `{{ idp.list.0.url }}` over `idp: {}` fails only in a task that reads it
// (one a feature flag leaves out never does); an attribute file computes every value on every node
// at load and would stop the run there. deferred.ts computes such a definition at each use instead.
import type { YNode } from '../load/ansible/yaml.js';
import { keyName } from '../load/ansible/yaccess.js';
import { containsJinja, parseString } from '../load/jinja/index.js';

type Step = string | number;

/** Filters and tests that make an undefined operand no error. */
const GUARD_FILTERS: ReadonlySet<string> = new Set(['default', 'd']);
const GUARD_TESTS: ReadonlySet<string> = new Set(['defined', 'undefined']);

/** The static chain of `o` (`a.b[0]['c']` → a, [b, 0, c]), or undefined where a step is computed. */
function chainOf(o: Record<string, unknown>): { name: string; steps: Step[] } | undefined {
  const steps: Step[] = [];
  let cur = o;
  for (;;) {
    if (cur.kind === 'name' && typeof cur.name === 'string') return steps.length ? { name: cur.name, steps: steps.reverse() } : undefined;
    if (cur.kind === 'getattr' && typeof cur.attr === 'string') steps.push(/^\d+$/.test(cur.attr) ? Number(cur.attr) : cur.attr);
    else if (cur.kind === 'getitem') {
      const arg = cur.arg as Record<string, unknown> | undefined;
      if (arg?.kind !== 'const' || (typeof arg.value !== 'string' && typeof arg.value !== 'number')) return undefined;
      steps.push(arg.value);
    } else return undefined;
    cur = cur.node as Record<string, unknown>;
  }
}

/**
 * Every unguarded static chain a Jinja string reads: not under `default` nor an `is defined` test,
 * and not a chain the string tests so anywhere (`a.b is defined and a.b == 1` reads a.b guarded).
 */
function chains(text: string): Array<{ name: string; steps: Step[] }> {
  const parsed = parseString(text);
  if (!parsed.ok) return [];
  const found: Array<{ name: string; steps: Step[] }> = [];
  const guardedKeys: string[] = [];
  const key = (c: { name: string; steps: Step[] }) => [c.name, ...c.steps].join('.');
  const walk = (x: unknown, underGuard: boolean): void => {
    if (Array.isArray(x)) return x.forEach((y) => walk(y, underGuard));
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    const guard = (o.kind === 'filter' && GUARD_FILTERS.has(String(o.name))) || (o.kind === 'test' && GUARD_TESTS.has(String(o.name)));
    if (o.kind === 'getattr' || o.kind === 'getitem') {
      const c = chainOf(o);
      if (c) underGuard ? guardedKeys.push(key(c)) : found.push(c);
    }
    for (const k in o) {
      if (k === 'pos' || !Object.hasOwn(o, k)) continue;
      // `m.items()`: a method of the value, not a key of it; the chain is the receiver's.
      const method = o.kind === 'call' && k === 'node' && (o.node as Record<string, unknown>).kind === 'getattr';
      const v = method ? (o.node as Record<string, unknown>).node : o[k];
      if (typeof v === 'object') walk(v, underGuard || (guard && k === 'node'));
    }
  };
  walk(parsed.value, false);
  return found.filter((c) => {
    const k = key(c);
    return !guardedKeys.some((g) => k === g || k.startsWith(`${g}.`) || g.startsWith(`${k}.`));
  });
}

/** Whether the literal `value` lacks `steps` (a mapping without the key, a list too short); false where unknown. */
function lacks(value: YNode, steps: readonly Step[]): boolean {
  let cur = value;
  for (const s of steps) {
    if (cur.kind === 'scalar' && typeof cur.value === 'string' && containsJinja(cur.value)) return false;
    if (cur.kind === 'map') {
      const e = cur.entries.find((x) => keyName(x.key) === String(s));
      if (!e) return true;
      cur = e.value;
    } else if (cur.kind === 'seq') {
      if (typeof s !== 'number') return false;
      const i = s < 0 ? cur.items.length + s : s;
      if (i < 0 || i >= cur.items.length) return true;
      cur = cur.items[i]!;
    } else return false;
  }
  return false;
}

/**
 * The first path `value` reads (`keystone_sp.trusted_idp_list`) that every value the input gives
 * its variable lacks, so that computing `value` fails wherever it is computed; undefined when none.
 * `reads` are the names the value reads and does not bind itself (a `set` or loop variable of the
 * template is no variable of the input); `valuesOf` answers a name's values, or undefined where one
 * is not a literal of the input (a task sets it, or a definition is not known here).
 */
export function absentPathRead(
  value: YNode,
  reads: readonly string[],
  valuesOf: (name: string) => readonly YNode[] | undefined,
): string | undefined {
  const strings: string[] = [];
  const collect = (n: YNode): void => {
    if (n.kind === 'scalar') {
      if (typeof n.value === 'string' && !n.unsafe && containsJinja(n.value)) strings.push(n.value);
    } else if (n.kind === 'seq') n.items.forEach(collect);
    else for (const e of n.entries) collect(e.value);
  };
  collect(value);
  for (const text of strings) {
    for (const { name, steps } of chains(text)) {
      const values = reads.includes(name) ? valuesOf(name) : undefined;
      if (!values?.length) continue;
      for (let n = 1; n <= steps.length; n++) {
        const prefix = steps.slice(0, n);
        if (values.every((v) => lacks(v, prefix))) return [name, ...prefix].join('.');
      }
    }
  }
  return undefined;
}
