// A delegate host named through variables, read back to "the first host of an inventory group".
//
// Roles name their run-once host through defaults, e.g. `bootstrap: "{{ members | first |
// default('localhost') }}"` with `members: "{{ groups['db'] | default([]) }}"`. Ansible templates
// the delegate with the variables of the play's first host; the converted guard compares each
// node's name with `groups['db'][0]`. The two agree only when the variable names the same host
// wherever it is read, so every definition the input gives each variable of the chain (role
// defaults and vars, play vars, group_vars, host_vars, inventory) must lead to the first host of
// the same group, and no task, block or loop var may rebind it. A variable set nowhere in the input
// (an extra var, an inventory outside it) or by set_fact, include_vars or register is not followed.
//
// `default(x)` and `first` of an empty list are the only places the value could leave the group:
// Jinja's `first` of an empty list is undefined, and `default` replaces only an undefined value
// (or, with `true`, a false one: an empty list or string, never a host name). So when the group has
// a host, every `default` branch is unreachable; when it has none, `whenEmpty` says what Ansible
// does instead and the caller keeps the TODO.
import type { Expr } from '../../load/jinja/index.js';
import { parseString } from '../../load/jinja/index.js';
import type { SymbolTable } from '../../resolve/symbols.js';

/** The delegate is the first host of `group`. */
export interface GroupFirst {
  group: string;
  /** The variables followed to get there, in order (empty for `groups['g'][0]` written in place). */
  via: string[];
  /** What Ansible does when the group has no host (a fallback host, or a failure). */
  whenEmpty: string;
}

type Val =
  | { t: 'list'; group: string; via: string[]; whenEmpty: string }
  | { t: 'host'; group: string; via: string[]; whenEmpty: string }
  | { t: 'const'; value: string | number | boolean | null | [] }
  | { t: 'fail'; why: string };

/** Names the task, its blocks and loop bind (a binding there outranks every definition followed). */
export type Bound = (name: string) => boolean;

const MAX_DEPTH = 8;

/** The whole string as one `{{ expr }}`, or undefined. */
function soleExpr(text: string): Expr | undefined {
  const r = parseString(text);
  if (!r.ok) return undefined;
  const nodes = r.value.filter((n) => !(n.kind === 'text' && n.text.trim() === ''));
  return nodes.length === 1 && nodes[0]!.kind === 'output' ? nodes[0]!.expr : undefined;
}

function describe(v: Val): string {
  if (v.t === 'const') return v.value === null ? 'None' : Array.isArray(v.value) ? '[]' : `'${String(v.value)}'`;
  if (v.t === 'host') return `the first host of '${v.group}'`;
  if (v.t === 'list') return `the hosts of '${v.group}'`;
  return v.why;
}

class Resolver {
  private readonly seen = new Set<string>();
  constructor(
    private readonly symbols: SymbolTable,
    private readonly bound: Bound,
    /** The role whose task reads the delegate (its defaults and vars are defined on every host). */
    private readonly role: string | undefined,
  ) {}

  /** The value of a variable: every definition of it must give the same group. */
  variable(name: string, depth: number): Val {
    if (this.bound(name)) return { t: 'fail', why: `${name} is bound by the task, its block, an include or its loop` };
    if (this.seen.has(name) || depth > MAX_DEPTH) return { t: 'fail', why: `${name} refers to itself` };
    const defs = this.symbols.get(name)?.definitions ?? [];
    if (!defs.length || defs.some((d) => d.kind === 'undeclared'))
      return { t: 'fail', why: `${name} is set nowhere in the input (an extra var or an inventory outside it may set it)` };
    // Defined on every host of the play: a default or var of this role, or a play var. A variable
    // only group_vars, host_vars or an include_vars file set may be undefined where Ansible reads it.
    const everywhere = defs.some(
      (d) =>
        ((d.kind === 'role-default' || d.kind === 'role-vars') && d.owner === this.role) ||
        d.kind === 'play-vars' ||
        d.kind === 'play-vars-file',
    );
    if (!everywhere)
      return {
        t: 'fail',
        why: `${name} is not set on every host by ${this.role ? `role ${this.role}'s defaults or vars, or ` : ''}its play's vars`,
      };
    this.seen.add(name);
    try {
      let out: Val | undefined;
      for (const d of defs) {
        const at = `${d.span.file}:${d.span.line}`;
        const v = d.value;
        if (v?.kind !== 'scalar')
          return { t: 'fail', why: `${name} is also set by ${d.kind} (${at}), whose value is not one host named by the inventory` };
        let val: Val;
        if (typeof v.value === 'string') {
          const expr = soleExpr(v.value);
          val = expr
            ? this.expr(expr, depth + 1)
            : v.value.includes('{')
              ? { t: 'fail', why: `${name} (${at}) is not one expression` }
              : { t: 'const', value: v.value };
        } else if (v.value === null || typeof v.value === 'number' || typeof v.value === 'boolean') val = { t: 'const', value: v.value };
        else return { t: 'fail', why: `${name} (${at}) is not a plain value` };
        if (val.t === 'fail') return val;
        if (val.t === 'list' || val.t === 'host') val = { ...val, via: [`${name} (${at})`, ...val.via] };
        if (out && (out.t !== val.t || describe(out) !== describe(val)))
          return { t: 'fail', why: `${name} has definitions that differ (${describe(out)}; ${describe(val)} at ${at})` };
        out ??= val;
      }
      return out!;
    } finally {
      this.seen.delete(name);
    }
  }

  expr(e: Expr, depth: number): Val {
    switch (e.kind) {
      case 'const':
        return typeof e.value === 'string' ? { t: 'const', value: e.value } : { t: 'const', value: e.value };
      case 'list':
        return e.items.length ? { t: 'fail', why: 'a literal list is not a group of the inventory' } : { t: 'const', value: [] };
      case 'name':
        if (e.name === 'groups') return { t: 'fail', why: 'groups is read whole' };
        return this.variable(e.name, depth);
      case 'getattr':
      case 'getitem': {
        const key = e.kind === 'getattr' ? e.attr : e.arg.kind === 'const' ? e.arg.value : undefined;
        if (e.node.kind === 'name' && e.node.name === 'groups' && !this.bound('groups')) {
          if (typeof key !== 'string') return { t: 'fail', why: 'groups is indexed by a computed name' };
          return { t: 'list', group: key, via: [], whenEmpty: `groups['${key}'] is undefined or empty` };
        }
        const base = this.expr(e.node, depth);
        if (base.t === 'fail') return base;
        if (base.t === 'list' && key === 0)
          return { ...base, t: 'host', whenEmpty: `Ansible fails (${base.whenEmpty}, so it has no item 0)` };
        return { t: 'fail', why: `${describe(base)} indexed by ${JSON.stringify(key ?? '?')} is not the first host of a group` };
      }
      case 'filter': {
        const base = this.expr(e.node, depth);
        if (base.t === 'fail') return base;
        if ((e.name === 'list' || e.name === 'ansible.builtin.list') && base.t === 'list' && !e.args.length) return base;
        if ((e.name === 'first' || e.name === 'ansible.builtin.first') && base.t === 'list' && !e.args.length)
          // Jinja's first of an empty list is undefined, which a later default() replaces.
          return { ...base, t: 'host', whenEmpty: `Ansible fails (${base.whenEmpty}: first of it is undefined)` };
        if (e.name === 'default' || e.name === 'd' || e.name === 'ansible.builtin.default') {
          if (base.t !== 'list' && base.t !== 'host') return { t: 'fail', why: `default() on ${describe(base)}` };
          const fallback = e.args[0] ? this.expr(e.args[0], depth) : { t: 'const' as const, value: '' };
          if (fallback.t === 'fail') return fallback;
          // Reached only when the group has no host (undefined list or host; with true, an empty list).
          return {
            ...base,
            whenEmpty: base.t === 'host' ? `Ansible runs it on ${describe(fallback)}, the default()` : `the list is ${describe(fallback)}`,
          };
        }
        return { t: 'fail', why: `the filter ${e.name} on ${describe(base)} is not followed` };
      }
      default:
        return { t: 'fail', why: `a ${e.kind} expression is not followed` };
    }
  }
}

/**
 * The group whose first host a `delegate_to` value names, through variables; `{ why }` when the
 * value reads variables that do not all lead to one group's first host; undefined when it is not
 * one `{{ expression }}`.
 */
export function delegateGroup(
  target: string,
  symbols: SymbolTable,
  bound: Bound,
  role: string | undefined,
): GroupFirst | { why: string } | undefined {
  const expr = soleExpr(target);
  if (!expr) return undefined;
  const v = new Resolver(symbols, bound, role).expr(expr, 0);
  if (v.t === 'host') return { group: v.group, via: v.via, whenEmpty: v.whenEmpty };
  if (v.t === 'fail') return { why: v.why };
  return { why: `it is ${describe(v)}, not the first host of an inventory group` };
}

/** The group whose hosts a loop's `{{ expression }}` lists (through variables, as above), or undefined. */
export function groupList(
  text: string,
  symbols: SymbolTable,
  bound: Bound,
  role: string | undefined,
): { group: string; via: string[] } | undefined {
  const expr = soleExpr(text);
  const v = expr ? new Resolver(symbols, bound, role).expr(expr, 0) : undefined;
  return v?.t === 'list' ? { group: v.group, via: v.via } : undefined;
}
