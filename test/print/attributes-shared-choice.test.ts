// An include_vars first_found whose attributes print as several `case` blocks asks for the vars file once:
// a local before the first block, read by each; not where the choice reads an attribute the file assigns.
import { describe, expect, it } from 'vitest';
import type { Attribute } from '../../src/ir/chef-ir.js';
import { call, nodePath, str, type RExpr } from '../../src/ir/ruby-ast.js';
import { checkRuby, printAttributes } from '../../src/print/index.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const family = call({ k: 'call', name: 'node', args: [], noParens: true }, 'read!', [str('platform_family')]);
const firstFound = (candidate: RExpr): RExpr =>
  call(TASKS, 'first_found', [
    { k: 'array', items: [{ k: 'interp', parts: [candidate, '.yml'] }] },
    { k: 'array', items: [str('debian.yml'), str('rhel.yml')] },
    { k: 'bool', v: false },
  ]);
const at = (line: number) => ({ file: 'roles/r/tasks/main.yml', line, col: 1 });
const chosen = (on: RExpr, key: string, value: string): Attribute => ({
  precedence: 'override',
  path: ['r', key],
  value: str(value),
  origin: at(1),
  when: { on, value: 'debian.yml' },
});
const plain = (key: string): Attribute => ({ precedence: 'default', path: ['r', key], value: str('x'), origin: at(2) });

describe('a vars file chosen for several case blocks', () => {
  it('is computed once into a local that each case reads', async () => {
    const on = firstFound(family);
    const text = printAttributes('r', [chosen(on, 'a', '1'), plain('between'), chosen(on, 'b', '2')], 'roles/r');
    expect(text.match(/^vars_file = A2C::Tasks\.first_found\(/gm)).toHaveLength(1);
    expect(text.match(/^case vars_file$/gm)).toHaveLength(2);
    expect(text.indexOf('vars_file =')).toBeLessThan(text.indexOf('case vars_file'));
    expect((await checkRuby(text, 'default.rb')).ok).toBe(true);
  });

  it('stays in each case where the choice reads an attribute the file assigns, or is asked once', () => {
    const own = firstFound(nodePath(['r', 'between']));
    const text = printAttributes('r', [chosen(own, 'a', '1'), plain('between'), chosen(own, 'b', '2')], 'roles/r');
    expect(text).not.toContain('vars_file');
    expect(text.match(/^case A2C::Tasks\.first_found\(/gm)).toHaveLength(2);
    const once = printAttributes('r', [chosen(firstFound(family), 'a', '1'), chosen(firstFound(family), 'b', '2')], 'roles/r');
    expect(once).not.toContain('vars_file');
  });
});
