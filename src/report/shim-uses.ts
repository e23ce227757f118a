// Where the generated cookbooks still call the A2C::Jinja helpers, and why: each helper stands for
// one Ansible behaviour plain Ruby does not have where the static types cannot rule it out
// (mappings/shim-reasons.toml).
// CONVERSION.md lists the counts so a reviewer sees why each remaining call is there.
import type { Cookbook } from '../ir/chef-ir.js';
import { eachCookbookExpr } from '../ir/walk.js';
import { isConstCall, someExpr } from '../ir/ruby-ast.js';
import { OTHER_SHIM_REASON, type ShimReasons } from '../mapping/shim-reasons.js';

/** A reason of mappings/shim-reasons.toml, or the one unlisted helpers count under. */
export type ShimReason = string;

/** A2C::Jinja calls in the converted cookbooks (the support cookbook itself not counted), by reason. */
export function shimUses(cookbooks: readonly Cookbook[], reasons: ShimReasons): Map<ShimReason, number> {
  const out = new Map<ShimReason, number>();
  for (const cb of cookbooks) {
    eachCookbookExpr(cb, (e) =>
      someExpr(e, (x) => {
        if (x.k === 'call' && isConstCall(x, 'A2C::Jinja')) {
          const reason = reasons.byHelper.get(x.name) ?? OTHER_SHIM_REASON;
          out.set(reason, (out.get(reason) ?? 0) + 1);
        }
        return false;
      }),
    );
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
    "(the variable's possible types do not rule the difference out). By reason:",
    '',
    '| reason | calls |',
    '|---|---:|',
    ...[...uses].map(([r, n]) => `| ${r} | ${n} |`),
  ];
}
