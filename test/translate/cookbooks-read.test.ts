// Which cookbooks' attributes a cookbook reads (translate/references.ts cookbooksRead), taken from
// every place its IR holds Ruby: attribute values and their `case` conditions, every part of a
// resource (name, properties, action, guards, notifications), loops, conditionals, assignments,
// templated includes and template tags. Each place below reads one cookbook's attributes, in one of
// the spellings the translator emits; the answer must name each of them and nothing else.
import { describe, expect, it } from 'vitest';
import type { Cookbook, ErbNode, Notification, Stmt } from '../../src/ir/chef-ir.js';
import { call, index, nodePath, nodeRef, rvar, str, type RExpr } from '../../src/ir/ruby-ast.js';
import { cookbooksRead, readPaths } from '../../src/translate/references.js';

const JINJA: RExpr = { k: 'const', path: ['A2C', 'Jinja'] };
const origin = { span: { file: 'roles/r/tasks/main.yml', line: 1, col: 1 } };
const jvar = (...segs: string[]) => call(JINJA, 'var', [nodeRef, ...segs.map(str)]);
const notify = (cb: string): Notification => ({
  action: 'restart',
  resourceType: 'service',
  resourceName: nodePath([cb, 'service']),
  timing: 'delayed',
});

function cookbook(): Cookbook {
  const resource: Stmt = {
    kind: 'resource',
    type: 'template',
    name: nodePath(['c_name', 'path']),
    properties: [
      { name: 'mode', value: call(nodeRef, 'read!', [str('c_prop'), str('mode')]) },
      { name: 'content', value: { k: 'lazy', e: nodePath(['c_lazy', 'content']) } },
    ],
    actions: [],
    actionExpr: call(nodeRef, 'exist?', [str('c_action')]),
    guards: [
      { kind: 'only_if', ruby: call(JINJA, 'input', [nodeRef, str('c_guard'), str('x')]) },
      { kind: 'not_if', command: { k: 'interp', parts: ['test -f ', nodePath(['c_command', 'file'])] } },
    ],
    notifies: [notify('c_notify')],
    subscribes: [{ ...notify('c_subscribe'), forEach: { items: jvar('c_foreach', 'items'), params: ['item'] } }],
    origin,
  };
  const stmts: Stmt[] = [
    {
      kind: 'each',
      items: jvar('c_items', 'list'),
      params: ['item'],
      body: [resource],
      skipUnless: jvar('c_skip', 'flag'),
      atConverge: { name: nodePath(['c_converge', 'name']), origin, notes: [], notifies: [notify('c_converge_notify')] },
    } as Stmt,
    {
      kind: 'if',
      cond: jvar('c_cond', 'on'),
      body: [{ kind: 'assign', target: rvar('v'), value: jvar('c_assign', 'v'), origin }],
      otherwise: [{ kind: 'include_recipe', origin, recipeExpr: jvar('c_include', 'recipe') }],
    },
    { kind: 'include_recipe', origin, recipe: 'other::default' },
    { kind: 'comment', lines: ["node['c_comment'] is text, not a read"] },
  ];
  const body: ErbNode[] = [
    { k: 'text', text: "<%= node['c_text'] %>" },
    { k: 'out', expr: nodePath(['c_out', 'x']) },
    {
      k: 'if',
      branches: [{ cond: jvar('c_erb_if', 'on'), body: [{ k: 'assign', name: 'a', value: jvar('c_erb_assign', 'a') }] }],
      otherwise: [{ k: 'each', items: jvar('c_erb_each', 'list'), params: ['i'], body: [{ k: 'out', expr: jvar('c_erb_nested', 'n') }] }],
    },
  ];
  return {
    name: 'mine',
    version: '0.1.0',
    depends: [],
    source: 'roles/mine',
    attributes: [
      { precedence: 'default', path: ['mine', 'a'], value: jvar('c_attr', 'a'), origin: origin.span },
      {
        precedence: 'default',
        path: ['mine', 'b'],
        value: str('b'),
        origin: origin.span,
        when: { on: nodePath(['c_when', 'os']), value: 'debian' },
      },
      // Not reads of a literal attribute path: a computed first key, a computed segment.
      { precedence: 'default', path: ['mine', 'c'], value: index(index(nodeRef, rvar('k')), str('c_computed')), origin: origin.span },
      {
        precedence: 'default',
        path: ['mine', 'd'],
        value: call(JINJA, 'var', [nodeRef, rvar('k'), str('c_segment')]),
        origin: origin.span,
      },
    ],
    recipes: [{ name: 'default', source: 'roles/mine/tasks/main.yml', stmts }],
    templates: [{ path: 'x.erb', source: 'roles/mine/templates/x.j2', body }],
    files: [],
    notes: [],
  };
}

describe('cookbooksRead', () => {
  it('names the cookbook of every attribute read anywhere in the IR, in every spelling, and nothing else', () => {
    expect([...cookbooksRead(cookbook())].sort()).toEqual(
      [
        'c_action',
        'c_assign',
        'c_attr',
        'c_command',
        'c_cond',
        'c_converge',
        'c_converge_notify',
        'c_erb_assign',
        'c_erb_each',
        'c_erb_if',
        'c_erb_nested',
        'c_foreach',
        'c_guard',
        'c_include',
        'c_items',
        'c_lazy',
        'c_name',
        'c_notify',
        'c_out',
        'c_prop',
        'c_skip',
        'c_subscribe',
        'c_when',
      ].sort(),
    );
  });

  it('gives the first segment of each path readPaths finds', () => {
    const cb = cookbook();
    const values = [...cb.attributes.map((a) => a.value), ...cb.attributes.flatMap((a) => (a.when ? [a.when.on] : []))];
    const fromPaths = new Set(values.flatMap(readPaths).map((p) => p[0]));
    const attributesOnly: Cookbook = { ...cb, recipes: [], templates: [] };
    expect(cookbooksRead(attributesOnly)).toEqual(fromPaths);
  });
});
