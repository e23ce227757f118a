// FixPlan.collect finds what a fix produced wherever it sits in the translated project: walked as a
// tree (shared nodes visited again), and through a cycle, which no IR has but which must not hang.
import { describe, expect, it } from 'vitest';
import { FixPlan } from '../../src/audit/fixes.js';
import type { RExpr } from '../../src/ir/ruby-ast.js';

function planWith(keys: string[]): { plan: FixPlan; made: Map<string, RExpr> } {
  const plan = new FixPlan(new Map(), 'ipaddress6');
  const made = new Map<string, RExpr>();
  for (const key of keys) {
    plan.add(key, { k: 'ipwrap' });
    made.set(key, plan.expr(key, { k: 'str', v: key }));
  }
  return { plan, made };
}

describe('FixPlan.collect', () => {
  it('counts a fix applied only where what it produced is reachable', () => {
    const { plan, made } = planWith(['a', 'b', 'c']);
    const shared = { k: 'array', items: [made.get('a')!] };
    plan.collect([[{ recipe: [shared, shared] }, { deep: { deeper: [{ x: made.get('b') }] } }], []]);
    expect(plan.applied('a')).toBe(true);
    expect(plan.applied('b')).toBe(true);
    expect(plan.applied('c')).toBe(false);
  });

  it('finds a fix behind a cycle, and ends', () => {
    const { plan, made } = planWith(['a', 'b']);
    const loop: Record<string, unknown> = { k: 'loop' };
    loop.self = loop;
    loop.next = [{ v: made.get('b') }];
    plan.collect([{ first: loop }]);
    expect(plan.applied('b')).toBe(true);
    expect(plan.applied('a')).toBe(false);
  });
});
