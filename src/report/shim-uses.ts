// Where the generated cookbooks still call the A2C::Jinja helpers, and why: each helper stands for
// one Ansible behaviour plain Ruby does not have where the static types cannot rule it out.
// CONVERSION.md lists the counts so a reviewer sees why each remaining call is there.
import type { Cookbook } from '../chef/ir.js';
import { cookbookExprs } from '../chef/walk.js';
import { isConstCall, someExpr } from '../ruby/ast.js';

export type ShimReason = 'whole-value read' | 'undefined may reach it' | 'Python printing' | 'text Ansible re-reads' | 'Python operators on an unknown type' | 'data of unknown shape' | 'Jinja loop or whitespace rule' | 'Jinja filter or test';

const BY_HELPER: Readonly<Record<string, ShimReason>> = {
  var: 'whole-value read',
  input: 'undefined may reach it', try: 'undefined may reach it', default: 'undefined may reach it', mandatory: 'undefined may reach it',
  is_defined: 'undefined may reach it', group: 'undefined may reach it', groups: 'undefined may reach it', undefined: 'undefined may reach it',
  out: 'Python printing', str: 'Python printing', repr: 'Python printing',
  convert_data: 'text Ansible re-reads',
  truthy: 'Python operators on an unknown type', eq: 'Python operators on an unknown type', ne: 'Python operators on an unknown type',
  lt: 'Python operators on an unknown type', le: 'Python operators on an unknown type', gt: 'Python operators on an unknown type', ge: 'Python operators on an unknown type',
  add: 'Python operators on an unknown type', sub: 'Python operators on an unknown type', mul: 'Python operators on an unknown type',
  div: 'Python operators on an unknown type', floordiv: 'Python operators on an unknown type', mod: 'Python operators on an unknown type',
  pow: 'Python operators on an unknown type', neg: 'Python operators on an unknown type', contains: 'Python operators on an unknown type',
  attr: 'data of unknown shape', item: 'data of unknown shape', slice: 'data of unknown shape', call_method: 'data of unknown shape',
  iter: 'Jinja loop or whitespace rule', loop_info: 'Jinja loop or whitespace rule', end_with_newlines: 'Jinja loop or whitespace rule',
  pad_newlines: 'Jinja loop or whitespace rule', unpack: 'Jinja loop or whitespace rule', select: 'Jinja loop or whitespace rule',
};

/** A2C::Jinja calls in the converted cookbooks (the support cookbook itself not counted), by reason. */
export function shimUses(cookbooks: readonly Cookbook[]): Map<ShimReason, number> {
  const out = new Map<ShimReason, number>();
  for (const cb of cookbooks) {
    for (const e of cookbookExprs(cb)) {
      someExpr(e, (x) => {
        if (x.k === 'call' && isConstCall(x, 'A2C::Jinja')) {
          const reason = BY_HELPER[x.name] ?? 'Jinja filter or test';
          out.set(reason, (out.get(reason) ?? 0) + 1);
        }
        return false;
      });
    }
  }
  return new Map([...out].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
}

/** The CONVERSION.md section. */
export function shimUsesMarkdown(uses: ReadonlyMap<ShimReason, number>): string[] {
  const total = [...uses.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return ['## A2C::Jinja helper calls', '', 'None: every read, test and print is plain Chef.'];
  return [
    '## A2C::Jinja helper calls',
    '',
    `${total} calls to the support cookbook's Jinja helpers remain where plain Ruby would not do what Ansible does`,
    '(the variable\'s possible types do not rule the difference out). By reason:',
    '',
    '| reason | calls |',
    '|---|---:|',
    ...[...uses].map(([r, n]) => `| ${r} | ${n} |`),
  ];
}
