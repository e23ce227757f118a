// A role's attribute is printed as soon as it is translated and then holds its text and a summary of
// its value instead of its Ruby IR (Attribute.settled): the file printed, the attribute order, the
// cookbook dependencies and the helper-call counts must be what the IR itself gives.
import { describe, expect, it } from 'vitest';
import type { FixPlan } from '../../src/audit/fixes.js';
import type { Attribute, Cookbook } from '../../src/ir/chef-ir.js';
import { call, nodePath, nodeRef, str, type RExpr } from '../../src/ir/ruby-ast.js';
import { checkRuby, printAttributes, printedAssignment } from '../../src/print/index.js';
import { RubyPrintError } from '../../src/print/quote.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { shimUses } from '../../src/report/shim-uses.js';
import { settled } from '../../src/translate/attributes.js';
import { cookbooksRead, orderAttributes, readPaths } from '../../src/translate/references.js';

const JINJA: RExpr = { k: 'const', path: ['A2C', 'Jinja'] };
const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
const at = (line: number) => ({ file: 'roles/r/defaults/main.yml', line, col: 1 });
const jinja = (name: string, ...args: RExpr[]) => call(JINJA, name, args);

/** A long hash (laid out over lines) whose values read other attributes in each way the IR spells a read. */
function site(i: number, reads: string): RExpr {
  const port = jinja('default', jinja('try', nodePath(['r', reads, 'port'])), { k: 'int', v: 80 });
  return {
    k: 'hash',
    pairs: [
      [str('name'), str(`site_${i}`)],
      [str('port'), { k: 'int', v: 1024 + i }],
      [str('enabled'), { k: 'bool', v: i % 2 === 0 }],
      [str('url'), { k: 'interp', parts: ['http://', call(nodeRef, 'name'), ':', jinja('out', port), `/${i}`] }],
      [
        str('label'),
        { k: 'interp', parts: [jinja('var', nodeRef, str('other'), str('label')), ' on ', call(nodeRef, 'read!', [str('hostname')])] },
      ],
      [str('tags'), { k: 'array', items: [str(`t${i}`), str('group-1'), { k: 'float', v: 0.5 }, { k: 'nil' }] }],
    ],
  };
}

const attr = (line: number, key: string, value: RExpr, precedence: Attribute['precedence'] = 'default'): Attribute => ({
  precedence,
  path: ['r', key],
  value,
  origin: at(line),
});

// Reads in reverse: site_b reads site_c, so the order moves site_c first.
const originals = (): Attribute[] => [
  attr(1, 'a', site(1, 'b')),
  attr(9, 'b', site(2, 'c')),
  attr(17, 'c', site(3, 'zzz'), 'override'),
  { ...attr(25, 'todo', { k: 'nil' }), todo: { code: 'A2C-TODO-DEFERRED', reason: 'why', original: 'todo: x' } },
  {
    ...attr(26, 'chosen', str('v')),
    when: { on: call(TASKS, 'first_found', [{ k: 'array', items: [str('debian.yml')] }]), value: 'debian.yml' },
  },
  {
    ...attr(27, 'again', str('w')),
    when: { on: call(TASKS, 'first_found', [{ k: 'array', items: [str('debian.yml')] }]), value: 'debian.yml' },
  },
  attr(28, 'between', str('site_1')),
  {
    ...attr(29, 'third', str('u')),
    when: { on: call(TASKS, 'first_found', [{ k: 'array', items: [str('debian.yml')] }]), value: 'debian.yml' },
  },
];

const settle = (as: Attribute[], fixes?: FixPlan) => as.map((a) => settled(a, printedAssignment, fixes));
const cookbook = (attributes: Attribute[]): Cookbook =>
  ({
    name: 'r',
    version: '0.1.0',
    depends: [],
    source: 'roles/r',
    attributes,
    recipes: [],
    templates: [],
    files: [],
    notes: [],
  }) as Cookbook;

describe('settled attributes', () => {
  it('print the same file as their IR, shared case locals included', async () => {
    const before = printAttributes('r', originals(), 'roles/r/defaults/main.yml');
    const after = settle(originals());
    expect(after.filter((a) => a.settled)).toHaveLength(4);
    expect(printAttributes('r', after, 'roles/r/defaults/main.yml')).toBe(before);
    expect(before).toMatch(/^vars_file = A2C::Tasks\.first_found/m);
    expect(before).toContain("  'url' => \"http://#{node.name}:");
    expect((await checkRuby(before, 'default.rb')).ok).toBe(true);
  });

  it('hold no Ruby IR of their literal data, only a summary', () => {
    const [a] = settle([attr(1, 'a', site(1, 'b'))]);
    const seen: string[] = [];
    const walk = (x: unknown): void => {
      if (typeof x !== 'object' || x === null) return;
      if ('k' in x) seen.push((x as { k: string }).k);
      for (const v of Object.values(x)) walk(v);
    };
    walk(a!.value);
    expect(seen).not.toContain('hash');
    expect(seen).not.toContain('interp');
    expect(seen.filter((k) => k === 'int' || k === 'bool' || k === 'float')).toEqual([]);
  });

  it('give the same reads, attribute order, cookbook dependencies and helper-call counts', () => {
    const before = originals();
    const after = settle(originals());
    const paths = (as: Attribute[]) => as.flatMap((a) => readPaths(a.value).map((p) => p.join('.'))).sort();
    expect(paths(after)).toEqual(paths(before));
    expect(paths(before)).toContain('r.c.port');
    expect(paths(before)).toContain('other.label');
    expect(paths(before)).toContain('hostname');
    const order = (as: Attribute[]) => orderAttributes(as).map((a) => a.path[1]);
    expect(order(after)).toEqual(order(before));
    expect(order(before).indexOf('c')).toBeLessThan(order(before).indexOf('b'));
    expect([...cookbooksRead(cookbook(after))].sort()).toEqual([...cookbooksRead(cookbook(before))].sort());
    const reasons = builtinTables().shimReasons;
    const uses = shimUses([cookbook(before)], reasons);
    expect([...uses.values()].reduce((x, y) => x + y, 0)).toBe(12);
    expect(shimUses([cookbook(after)], reasons)).toEqual(uses);
  });

  it('keep a value holding a fix output whole, so the fix is found in the project', () => {
    const value = site(1, 'b');
    const fixed = (value as Extract<RExpr, { k: 'hash' }>).pairs[0]![1];
    const fixes = { produces: (o: object) => o === fixed } as unknown as FixPlan;
    const [a] = settle([attr(1, 'a', value)], fixes);
    expect(a!.settled).toBeUndefined();
    expect(a!.value).toBe(value);
  });

  it('refuse to print when their level or path changed after they were printed', () => {
    const [a] = settle([attr(1, 'a', site(1, 'b'))]);
    expect(() => printAttributes('r', [{ ...a!, precedence: 'force_default' }], 'x')).toThrow(RubyPrintError);
    expect(() => printAttributes('r', [{ ...a!, path: ['r', 'moved'] }], 'x')).toThrow(RubyPrintError);
  });
});
