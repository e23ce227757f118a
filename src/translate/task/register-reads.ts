// Where later tasks read a registered result, found in their parsed Jinja (templates and bare
// conditions), not in their text: a name in plain text (`echo result`) is no read, a name bound by
// the template itself still counts (an over-count only records a result nobody reads).
import type { TaskItem } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { containsJinja, parseExpression, parseString } from '../../load/jinja/index.js';
import { staticString } from '../values.js';
import { factVariableSetBy } from '../../resolve/definitions.js';
import type { InputIndex } from '../../load/ansible/input.js';

/** Keywords whose strings are bare Jinja expressions (Ansible wraps them in `{% if %}`). */
const CONDITION_KEYWORDS: ReadonlySet<string> = new Set(['when', 'failed_when', 'changed_when', 'until']);

/** Module arguments that are bare expressions, not templates: debug's var, assert's that. */
const EXPRESSION_ARGS: ReadonlyMap<string, string> = new Map([
  ['ansible.builtin.debug', 'var'],
  ['ansible.builtin.assert', 'that'],
]);

/** `when: r is changed` / `r.changed` alone, on a resource-kind registered result: its name. */
export function changedOnly(when: YNode[]): string | undefined {
  if (when.length !== 1) return undefined;
  const text = staticString(when[0]!.kind === 'seq' && when[0]!.items.length === 1 ? when[0]!.items[0] : when[0]);
  // Asked of every condition of every task: one that does not name `change` cannot be either form,
  // and parsing each to find out was a percent of a large estate's run.
  if (text === undefined || !text.includes('change')) return undefined;
  const p = parseExpression(text);
  if (!p.ok) return undefined;
  const e = p.value;
  if (e.kind === 'test' && !e.negated && ['changed', 'change'].includes(e.name) && e.node.kind === 'name' && e.args.length === 0)
    return e.node.name;
  if (e.kind === 'getattr' && e.attr === 'changed' && e.node.kind === 'name') return e.node.name;
  return undefined;
}

/**
 * Every variable name a parsed Jinja tree mentions, and every string constant in it (a name read by
 * subscript: `vars['r']`, `hostvars[h]['r']`, `lookup('vars', 'r')`).
 */
function mentions(tree: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(tree)) tree.forEach((x) => mentions(x, out));
  else if (tree && typeof tree === 'object') {
    const n = tree as { kind?: string; name?: unknown; value?: unknown };
    if (n.kind === 'name' && typeof n.name === 'string') out.add(n.name);
    if (n.kind === 'const' && typeof n.value === 'string') out.add(n.value);
    for (const [k, v] of Object.entries(tree)) if (k !== 'pos' && typeof v === 'object') mentions(v, out);
  }
  return out;
}

/** The names a template string mentions (none in plain text; an unparsable one fails its own task). */
function templateMentions(text: string): Set<string> {
  if (!containsJinja(text)) return new Set();
  const p = parseString(text);
  return p.ok ? mentions(p.value, new Set()) : new Set();
}

/** The names a bare condition mentions (a condition written with `{{ }}` is a template). */
function conditionMentions(text: string): Set<string> {
  if (containsJinja(text)) return templateMentions(text);
  const p = parseExpression(text);
  return p.ok ? mentions(p.value, new Set()) : new Set();
}

/** The strings of a YAML value (keys of mappings too: Ansible templates both). */
function strings(n: YNode | undefined): string[] {
  if (!n) return [];
  if (n.kind === 'scalar') return typeof n.value === 'string' && !n.unsafe ? [n.value] : [];
  if (n.kind === 'seq') return n.items.flatMap(strings);
  return n.entries.flatMap((e) => [...strings(e.key), ...strings(e.value)]);
}

/** Is `name` read anywhere in these tasks other than as a whole `when: name is changed`? */
export function readBeyondChanged(name: string, items: readonly TaskItem[]): boolean {
  const inTemplate = (n: YNode | undefined) => strings(n).some((s) => templateMentions(s).has(name));
  const inCondition = (n: YNode | undefined) => strings(n).some((s) => conditionMentions(s).has(name));
  const visit = (item: TaskItem): boolean => {
    for (const [k, v] of item.keywords) {
      if (k === 'register' || k === 'name') continue;
      if (k === 'when') {
        const conds = v.kind === 'seq' ? v.items : [v];
        if (conds.some((c) => changedOnly([c]) !== name && inCondition(c))) return true;
      } else if (CONDITION_KEYWORDS.has(k) ? inCondition(v) : inTemplate(v)) return true;
    }
    if (item.kind === 'block') return [...item.block, ...item.rescue, ...item.always].some(visit);
    const expressionArg = EXPRESSION_ARGS.get(item.module);
    return item.args.some((a) => (a.key === expressionArg ? inCondition(a.value) : inTemplate(a.value))) || inTemplate(item.freeForm);
  };
  return items.some(visit);
}

const namesCache = new WeakMap<readonly TaskItem[], ReadonlySet<string>>();

/** The names these tasks (and their blocks) register by a static name. */
export function registeredNames(items: readonly TaskItem[]): ReadonlySet<string> {
  const known = namesCache.get(items);
  if (known) return known;
  const out = new Set<string>();
  const visit = (item: TaskItem) => {
    const name = staticString(item.keywords.get('register'));
    if (name !== undefined) out.add(name);
    const fact = factVariableSetBy(item);
    if (fact !== undefined) out.add(fact);
    if (item.kind === 'block') [...item.block, ...item.rescue, ...item.always].forEach(visit);
  };
  items.forEach(visit);
  namesCache.set(items, out);
  return out;
}

const CHANGED_TESTS: ReadonlySet<string> = new Set(['changed', 'change', 'ansible.builtin.changed', 'ansible.builtin.change']);

/** Whether every mention of `name` in a parsed tree is `name.changed`, `name['changed']` or `name is [not] changed`. */
function changedReadsOnly(tree: unknown, name: string): boolean {
  if (Array.isArray(tree)) return tree.every((x) => changedReadsOnly(x, name));
  if (!tree || typeof tree !== 'object') return true;
  const n = tree as {
    kind?: string;
    name?: unknown;
    node?: { kind?: string; name?: unknown };
    attr?: unknown;
    arg?: { kind?: string; value?: unknown };
    args?: unknown[];
  };
  const isName = (x: typeof n.node) => x?.kind === 'name' && x.name === name;
  if ((n.kind === 'getattr' && isName(n.node)) || (n.kind === 'getitem' && isName(n.node)))
    return n.kind === 'getattr' ? n.attr === 'changed' : n.arg?.kind === 'const' && n.arg.value === 'changed';
  if (n.kind === 'test' && isName(n.node)) return typeof n.name === 'string' && CHANGED_TESTS.has(n.name) && !n.args?.length;
  if (n.kind === 'name') return n.name !== name;
  // `vars['r']`, `hostvars[h]['r']`, `lookup('vars', 'r')`: the whole result, read by its name.
  if (n.kind === 'const') return (n as { value?: unknown }).value !== name;
  return Object.entries(tree).every(([k, v]) => k === 'pos' || typeof v !== 'object' || changedReadsOnly(v, name));
}

/**
 * Whether these tasks read `name` only as whether it changed (`r.changed`, `r is changed`, negated
 * or not), anywhere: conditions, arguments, loops, other keywords. A string that does not parse
 * counts as a read of anything (its own task fails on it).
 */
export function readsOnlyChanged(name: string, items: readonly TaskItem[]): boolean {
  const word = new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`);
  const ok = (text: string, condition: boolean): boolean => {
    if (!word.test(text)) return true;
    if (condition && !containsJinja(text)) {
      const p = parseExpression(text);
      return p.ok && changedReadsOnly(p.value, name);
    }
    const p = parseString(text);
    return p.ok && changedReadsOnly(p.value, name);
  };
  const visit = (item: TaskItem): boolean => {
    for (const [k, v] of item.keywords) {
      if (k === 'register' || k === 'name') continue;
      if (!strings(v).every((s) => ok(s, CONDITION_KEYWORDS.has(k)))) return false;
    }
    if (item.kind === 'block') return [...item.block, ...item.rescue, ...item.always].every(visit);
    const expressionArg = EXPRESSION_ARGS.get(item.module);
    return (
      item.args.every((a) => strings(a.value).every((s) => ok(s, a.key === expressionArg))) &&
      strings(item.freeForm).every((s) => ok(s, false))
    );
  };
  return items.every(visit);
}

/**
 * Whether a template under `<baseDir>/templates` names `name` as a word (a template reading a
 * registered result reads it whole: `{% if r.results %}`), so no read of it can be ruled out.
 */
export function templatesMention(name: string, baseDir: string, input: InputIndex): boolean {
  const word = new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`);
  return input
    .walk(baseDir ? `${baseDir}/templates` : 'templates')
    .some((p) => word.test(new TextDecoder().decode(input.bytes(p) ?? new Uint8Array())));
}
