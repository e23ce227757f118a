// `query('vars', *query('varnames', pattern))`: the values of every variable whose name the pattern
// finds (openstack's pki role gathers certificate definitions so). Which names a Chef node can
// search is the caller's to say (translate/varnames-search.ts): only variables the converted input
// never sets, which live under the project namespace with their own names, and only for the
// patterns it checked; the run reads them with A2C::Lookup.vars_matching (libraries/a2c_lookup.rb).
import type { Expr } from '../load/jinja/ast.js';
import { call, nodeRef, str, type RExpr } from '../ir/ruby-ast.js';

type Call = Extract<Expr, { kind: 'call' }>;

const LIST_LOOKUPS = new Set(['query', 'q']);

/** `query(<plugin>, ...)` or `q(...)`: the list form (a plain lookup() of varnames joins the names with ','). */
function listLookupOf(e: Expr, plugin: string): Call | undefined {
  if (e.kind !== 'call' || e.node.kind !== 'name' || !LIST_LOOKUPS.has(e.node.name) || e.kwargs.length || e.dynKwargs) return undefined;
  const p = e.args[0];
  return p?.kind === 'const' && typeof p.value === 'string' && p.value.replace(/^ansible\.builtin\./, '') === plugin ? e : undefined;
}

/**
 * The pattern of `query('vars', *query('varnames', pattern))` (one pattern, nothing else splatted
 * or passed), or undefined when `e` is not that call.
 */
export function varsMatchingPattern(e: Call): Expr | undefined {
  const outer = listLookupOf(e, 'vars');
  if (outer?.args.length !== 1 || !outer.dynArgs) return undefined;
  const inner = listLookupOf(outer.dynArgs, 'varnames');
  if (!inner || inner.dynArgs || inner.args.length !== 2) return undefined;
  return inner.args[1];
}

/** The run's list for the call, given its pattern translated and what the caller checked. */
export function varsMatchingCall(pattern: RExpr, checked: { patterns: readonly string[]; namespace: string }): RExpr {
  return call({ k: 'const', path: ['A2C', 'Lookup'] }, 'vars_matching', [
    nodeRef,
    pattern,
    { k: 'array', items: checked.patterns.map((p) => str(p)) },
    str(checked.namespace),
  ]);
}
