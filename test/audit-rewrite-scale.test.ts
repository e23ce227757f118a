// The audit's fixes are applied through an index of the IR built once (issue 17): each rewrite used
// to walk every cookbook's attributes, resources and templates, so a rewrite per role on a large
// estate cost roles x IR size. This checks the fixes still land where they should, at a size where
// the old walk took far longer than the bound below.
import { describe, expect, it } from 'vitest';
import type { Attribute, Cookbook, Stmt } from '../src/chef/ir.js';
import type { PlannedRewrite } from '../src/analyze/findings.js';
import { applyRewrites } from '../src/analyze/rewrite.js';
import type { ChefProject } from '../src/translate/project.js';
import { SymbolTable } from '../src/translate/symbols.js';
import type { RExpr } from '../src/ruby/ast.js';
import { builtinTables } from '../src/mapping/tables.js';

const span = (file: string, line: number) => ({ file, line, col: 1 });
const read = (cb: string, name: string): RExpr => ({ k: 'call', recv: { k: 'const', path: ['A2C', 'Jinja'] }, name: 'var', args: [{ k: 'call', name: 'node', args: [] }, { k: 'str', v: cb }, { k: 'str', v: name }] });
const join = (cb: string, name: string): RExpr => ({ k: 'interp', parts: [read(cb, name), ':8080'] });

function project(roles: number): { chef: ChefProject; planned: PlannedRewrite[] } {
  const symbols = new SymbolTable('site');
  const cookbooks: Cookbook[] = [];
  const planned: PlannedRewrite[] = [];
  for (let i = 0; i < roles; i++) {
    const cb = `svc${i}`;
    const file = `roles/${cb}/defaults/main.yml`;
    const attributes: Attribute[] = [];
    for (let j = 0; j < 12; j++) attributes.push({ precedence: 'default', path: [cb, `v${j}`], value: j === 0 ? join(cb, 'addr') : { k: 'int', v: j }, origin: span(file, j + 1) });
    const stmts: Stmt[] = [];
    for (let j = 0; j < 8; j++) stmts.push({ kind: 'resource', type: 'template', name: { k: 'str', v: `/etc/${cb}/${j}` }, properties: [{ name: 'source', value: j === 0 ? join(cb, 'addr') : { k: 'str', v: 'x' } }], guards: [], origin: { span: span(`roles/${cb}/tasks/main.yml`, j + 1) } } as unknown as Stmt);
    cookbooks.push({ name: cb, attributes, recipes: [{ name: 'default', stmts }], templates: [] } as unknown as Cookbook);
    symbols.define(`${cb}_v0`, { kind: 'role-default', owner: cb, span: span(file, 1) } as never);
    planned.push({ rewrite: { k: 'var-wrap', variable: `${cb}_v0`, names: ['addr'] }, span: span(file, 1), describe: '' } as PlannedRewrite);
    planned.push({ rewrite: { k: 'task-wrap', span: span(`roles/${cb}/tasks/main.yml`, 1), names: ['addr'] }, span: span(file, 1), describe: '' } as PlannedRewrite);
  }
  symbols.finish((role) => role);
  // The symbol paths are [cookbook, variable]; point them at the attribute the rewrite targets.
  for (let i = 0; i < roles; i++) symbols.get(`svc${i}_v0`)!.path = [`svc${i}`, 'v0'];
  return { chef: { cookbooks, policies: [], nodes: [], symbols } as unknown as ChefProject, planned };
}

describe('applyRewrites on a large IR', () => {
  it('wraps every planned join, each only where it was planned, in time linear in the IR', () => {
    const { chef, planned } = project(4000);
    const t0 = performance.now();
    const missed = applyRewrites(chef, planned, new Map(), builtinTables().rules);
    const ms = performance.now() - t0;
    expect(missed).toEqual([]);
    const ipwrapped = (e: RExpr) => e.k === 'interp' && typeof e.parts[0] === 'object' && e.parts[0].k === 'call' && e.parts[0].name === 'ipwrap';
    for (const cb of chef.cookbooks) {
      expect(ipwrapped(cb.attributes[0]!.value)).toBe(true);
      expect(cb.attributes.slice(1).every((a) => a.value.k === 'int')).toBe(true);
      const [first, ...rest] = cb.recipes[0]!.stmts as Array<Extract<Stmt, { kind: 'resource' }>>;
      expect(ipwrapped(first!.properties[0]!.value)).toBe(true);
      expect(rest.every((s) => s.properties[0]!.value.k === 'str')).toBe(true);
    }
    // Generous for a loaded machine; the walk per rewrite took tens of seconds at this size.
    expect(ms).toBeLessThan(8000);
  });
});
