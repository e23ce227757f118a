// The type of a variable string that builds a list with statements and prints it, the idiom of
// OpenStack-Ansible's package lists:
//
//   {% set packages = keystone_distro_packages %}
//   {% if keystone_idp != {} %}{% set _ = packages.extend(keystone_idp_distro_packages) %}{% endif %}
//   {{ packages }}
//
// Ansible renders the list's repr and reads it back (convert_data): the same list wherever its items
// are text, ints, booleans or None (a float's repr may not read back, jinja-to-ruby/re-read.ts). Typed
// here only in the narrow form whose every change is certain: the list set once, first, to a value
// of known list type; then only `set _ = list.append(v)` / `.extend(vs)` at the top or inside ifs
// (no loop: its item is not followed), each v of known type (extend: a list), reading no name the
// string sets; then `{{ list }}` or `{{ list | unique }}` alone. The translation of the same string
// (jinja-to-ruby/string-accumulate.ts) computes that list, or is refused, so that no value is written.
import type { Expr, Node } from '../load/jinja/index.js';
import { joinTypes, type VarType } from './types.js';

const UNIQUE = new Set(['unique', 'ansible.builtin.unique']);

/** The built list's type, `typeOf` typing an expression (undefined where unknown); undefined where the string is not that form. */
export function builtListType(nodes: readonly Node[], typeOf: (e: Expr) => VarType | undefined): VarType | undefined {
  const body = nodes.filter((n) => n.kind !== 'comment');
  const last = body.at(-1);
  if (last?.kind !== 'output') return undefined;
  const printed =
    last.expr.kind === 'filter' && UNIQUE.has(last.expr.name) && last.expr.args.length === 0 && last.expr.kwargs.length === 0
      ? last.expr.node
      : last.expr;
  if (printed.kind !== 'name') return undefined;
  const list = printed.name;
  const [start, ...changes] = body.slice(0, -1);
  if (start?.kind !== 'set' || start.target.kind !== 'name' || start.target.name !== list) return undefined;
  const sets = new Set<string>([list]);
  const values: Array<{ method: 'append' | 'extend' | 'start'; value: Expr }> = [{ method: 'start', value: start.value }];
  const walk = (list_: readonly Node[]): boolean =>
    list_.every((n) => {
      if (n.kind === 'comment') return true;
      if (n.kind === 'if') return n.branches.every((b) => walk(b.body)) && walk(n.else ?? []);
      if (n.kind !== 'set' || n.target.kind !== 'name') return false;
      const v = n.value;
      if (v.kind !== 'call' || v.node.kind !== 'getattr' || v.node.node.kind !== 'name' || v.node.node.name !== list) return false;
      if (v.args.length !== 1 || v.kwargs.length > 0 || v.dynArgs || v.dynKwargs) return false;
      if (v.node.attr !== 'append' && v.node.attr !== 'extend') return false;
      sets.add(n.target.name);
      values.push({ method: v.node.attr, value: v.args[0]! });
      return true;
    });
  if (!walk(changes)) return undefined;
  let item: VarType | undefined;
  for (const { method, value } of values) {
    if (reads(value, sets)) return undefined;
    const t = typeOf(value);
    if (t === undefined || t.t === 'any') return undefined;
    if (method === 'append') item = joinTypes(item, t);
    else if (t.t !== 'list' || (t.item === undefined && !t.empty)) return undefined;
    else if (t.item !== undefined) item = joinTypes(item, t.item);
  }
  if (item === undefined) return { t: 'list', empty: true };
  return roundTrips(item) ? { t: 'list', item } : undefined;
}

/** Whether the expression mentions one of `names`. */
function reads(e: unknown, names: ReadonlySet<string>): boolean {
  if (Array.isArray(e)) return e.some((x) => reads(x, names));
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  if (o['kind'] === 'name' && typeof o['name'] === 'string' && names.has(o['name'])) return true;
  return Object.values(o).some((v) => typeof v === 'object' && reads(v, names));
}

/** repr then literal_eval gives the item back: text, ints, booleans, None (not a float, nor a nested value). */
function roundTrips(t: VarType): boolean {
  return t.t === 'str' || t.t === 'int' || t.t === 'strint' || t.t === 'bool' || t.t === 'none';
}
