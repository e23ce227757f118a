// FixPlan.collect finds what a fix produced wherever it sits in the translated project: walked as a
// tree (shared nodes visited again), and through a cycle, which no IR has but which must not hang.
import { describe, expect, it } from 'vitest';
import { FixPlan, fixKey } from '../../src/audit/fixes.js';
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

  it('searches the parts given first, and walks no further once they hold every fix', () => {
    const { plan, made } = planWith(['a', 'b']);
    const attributes = [{ value: made.get('a') }, { value: made.get('b') }];
    const read: string[] = [];
    // The fixes sit in the last cookbook's attributes: reading the first cookbook's recipes would mean
    // the walk went through the rest of the project before them.
    const first = {
      get recipes() {
        read.push('recipes');
        return [];
      },
    };
    plan.collect([[first, { attributes }], []], [attributes]);
    expect(plan.applied('a')).toBe(true);
    expect(plan.applied('b')).toBe(true);
    expect(read).toEqual([]);
  });

  it('finds in the roots what the parts given first do not hold', () => {
    const { plan, made } = planWith(['a', 'b', 'c']);
    const attributes = [{ value: made.get('a') }];
    plan.collect([[{ attributes, recipes: [{ stmt: made.get('b') }] }]], [attributes]);
    expect(plan.applied('a')).toBe(true);
    expect(plan.applied('b')).toBe(true);
    expect(plan.applied('c')).toBe(false);
  });
});

describe('FixPlan.touches', () => {
  it('knows the file of every kind of key, whatever the file is called', () => {
    const plan = new FixPlan(new Map(), 'ipaddress6');
    const span = (file: string) => ({ file, line: 12, col: 3 });
    plan.add(fixKey.template('roles/a b/templates/x:1.j2', { line: 4, col: 9 }), { k: 'ipwrap' });
    plan.add(fixKey.inString(span('roles/c/defaults/main 2.yml'), { line: 1, col: 18 }), { k: 'ipwrap' });
    plan.add(fixKey.scalar(span('roles/d/tasks/main.yml')), { k: 'ipv6' });
    plan.add(fixKey.definition(span('group_vars/all:1.yml')), { k: 'ipv6' });
    for (const f of ['roles/a b/templates/x:1.j2', 'roles/c/defaults/main 2.yml', 'roles/d/tasks/main.yml', 'group_vars/all:1.yml'])
      expect(plan.touches(f), f).toBe(true);
    for (const f of ['roles/a b/templates/x', 'roles/c/defaults/main 2.yml:12', 'roles/d/tasks/main.yml:12:3', 'group_vars/all'])
      expect(plan.touches(f), f).toBe(false);
  });
});
