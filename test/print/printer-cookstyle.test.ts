// The printer writes Ruby as Cookstyle asks for it without changing what it evaluates to: `%w()` word lists,
// trailing commas in multi-line literals, `->(x)` lambdas, `unless`, `a || b`, default actions left out,
// if/elsif/else for nested conditionals, one `when` per value. Where the form changes, real Ruby checks the value.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import type { RExpr } from '../../src/ir/ruby-ast.js';
import { call, rvar, str } from '../../src/ir/ruby-ast.js';
import type { Attribute, Recipe, ResourceStmt, Stmt } from '../../src/ir/chef-ir.js';
import { checkRuby, printAttributes, printExpr, printMetadata, printRecipe } from '../../src/print/index.js';
import { chefDefaultAction } from '../../src/mapping/default-actions.js';
import { validateConfig } from '../../src/config/schema.js';
import { layoutCookbook } from '../../src/print/layout.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { REPO_ROOT, SHARED } from '../helpers/shared.js';

const hasRuby = requireOrSkip('ruby', hasTool('ruby'));

/** Each Ruby expression evaluated by real Ruby, as JSON. */
function rubyValues(exprs: string[]): unknown[] {
  const program = `require 'json'\nputs JSON.generate([\n${exprs.join(',\n')},\n])\n`;
  const r = spawnSync('ruby', ['-W0', '-'], { input: program, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown[];
}

const strs = (...xs: string[]): RExpr => ({ k: 'array', items: xs.map(str) });
const ternary = (c: RExpr, t: RExpr, f: RExpr): RExpr => ({ k: 'ternary', c, t, f });
const origin = { span: { file: 'tasks/main.yml', line: 3, col: 3 }, taskName: 'Task' };

function resource(extra: Partial<ResourceStmt>): ResourceStmt {
  return {
    kind: 'resource',
    type: 'package',
    name: str('nginx'),
    properties: [],
    actions: [],
    guards: [],
    notifies: [],
    subscribes: [],
    origin,
    ...extra,
  };
}
const recipe = (stmts: Stmt[]): Recipe => ({ name: 'default', source: 'tasks/main.yml', stmts });
const body = (r: Recipe) =>
  printRecipe(r, 'web')
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#') && l !== '')
    .join('\n');

describe('word lists', () => {
  const cases: Array<[RExpr, string]> = [
    [strs('lb1', 'lb2'), '%w(lb1 lb2)'],
    [strs('keystone-manage', 'db_sync', 'ab-cd-ef'), '%w(keystone-manage db_sync ab-cd-ef)'],
    [strs('only'), "['only']"],
    [strs('two words', 'x'), "['two words', 'x']"],
    [strs('a.b', 'c'), "['a.b', 'c']"],
    [strs('-x', 'y'), "['-x', 'y']"],
    [strs('a--b', 'c'), "['a--b', 'c']"],
    [strs('a-b-c', 'd'), "['a-b-c', 'd']"],
    [strs('caf\u00e9', 'x'), "['caf\u00e9', 'x']"],
    [{ k: 'array', items: [str('a'), { k: 'int', v: 1 }] }, "['a', 1]"],
  ];
  it.each(cases)('prints %j as %s', (e, want) => {
    expect(printExpr(e)).toBe(want);
  });

  it.skipIf(!hasRuby)('evaluate to the same arrays in Ruby', () => {
    const values = cases.map(([e]) => printExpr(e));
    const wide = printExpr(strs(...Array.from({ length: 30 }, (_, i) => `package-name${i}`)), { width: 40, indent: 0, column: 0 });
    expect(wide.split('\n')[0]).toBe('%w(');
    expect(rubyValues([...values, wide])).toEqual([
      ...cases.map(([e]) => (e.k === 'array' ? e.items.map((i) => (i.k === 'str' ? i.v : i.k === 'int' ? i.v : null)) : null)),
      Array.from({ length: 30 }, (_, i) => `package-name${i}`),
    ]);
  });
});

describe('multi-line literals', () => {
  it('end every item with a comma', async () => {
    const e: RExpr = {
      k: 'hash',
      pairs: [
        [str('name'), str('x'.repeat(60))],
        [str('list'), { k: 'array', items: [str('y'.repeat(60)), str('z z')] }],
      ],
    };
    const printed = printExpr(e, { width: 60, indent: 0, column: 0 });
    expect(printed).toBe(`{\n  'name' => '${'x'.repeat(60)}',\n  'list' => [\n    '${'y'.repeat(60)}',\n    'z z',\n  ],\n}`);
    expect(await checkRuby(`x = ${printed}\n`, 't.rb')).toEqual({ ok: true });
  });
});

describe('lambdas and blocks', () => {
  const lambda = (param: string, b: RExpr) => call(undefined, 'lambda', [], { block: { params: [param], body: b } });
  it('print a one-line lambda as ->(x), an unread parameter as _x', () => {
    expect(printExpr(lambda('result', { k: 'bool', v: false }))).toBe('->(_result) { false }');
    expect(printExpr(lambda('result', call(rvar('result'), 'fetch', [str('rc')])))).toBe("->(result) { result.fetch('rc') }");
    // Read only inside lazy, which someExpr does not enter: still read.
    expect(printExpr(lambda('result', { k: 'lazy', e: rvar('result') }))).toBe('->(result) { lazy { result } }');
    // `_result` already names something the body reads: the parameter keeps its name.
    expect(printExpr(lambda('result', rvar('_result')))).toBe('->(result) { _result }');
    expect(printExpr(call(rvar('xs'), 'each', [], { block: { params: ['x', 'i'], body: rvar('i') } }))).toBe('xs.each { |_x, i| i }');
  });

  it.skipIf(!hasRuby)('keep the arity Ruby checks for a lambda', () => {
    const printed = printExpr(lambda('result', { k: 'bool', v: false }));
    expect(rubyValues([`(${printed}).call(1)`, `(${printed}).arity`])).toEqual([false, 1]);
  });
});

describe('conditionals', () => {
  const a = rvar('a');
  const b = rvar('b');
  const c = rvar('c');
  it('a ? a : b is a || b', () => {
    expect(printExpr(ternary(a, a, b))).toBe('a || b');
    expect(printExpr(ternary({ k: 'not', e: a }, { k: 'not', e: a }, b))).toBe('!a || b');
  });

  it('if !x without else is unless x', () => {
    const assign: Stmt = { kind: 'assign', target: rvar('y'), value: str('v'), origin };
    expect(body(recipe([{ kind: 'if', cond: { k: 'not', e: a }, body: [assign] }]))).toBe("unless a\n  y = 'v'\nend");
    expect(body(recipe([{ kind: 'if', cond: { k: 'not', e: a }, body: [assign], otherwise: [assign] }]))).toBe(
      "if !a\n  y = 'v'\nelse\n  y = 'v'\nend",
    );
  });

  it.skipIf(!hasRuby)('nested ternaries in a ruby_block or a guard become if/elsif/else with the same value', () => {
    const nested = ternary(a, ternary(b, str('ab'), str('a')), ternary(c, str('c'), str('none')));
    const block = resource({ type: 'ruby_block', name: str('x'), properties: [{ name: 'block', value: nested, block: true }] });
    const printed = body(recipe([block]));
    expect(printed).toBe(
      "ruby_block 'x' do\n  block do\n    if a\n      b ? 'ab' : 'a'\n    elsif c\n      'c'\n    else\n      'none'\n    end\n  end\nend",
    );
    const guarded = body(recipe([resource({ guards: [{ kind: 'only_if', ruby: call({ k: 'const', path: ['M'] }, 'test', [nested]) }] })]));
    expect(guarded).toContain("  only_if do\n    value = if a\n              b ? 'ab' : 'a'\n            elsif c\n");
    // Both forms, as Ruby methods of a, b, c, agree on every combination.
    const ifForm = printed.split('\n').slice(2, -2).join('\n');
    const flat = printExpr(nested);
    const combos = [true, false].flatMap((x) => [true, false].flatMap((y) => [true, false].map((z) => [x, y, z])));
    const exprs = combos.flatMap(([x, y, z]) => [
      `->(a, b, c) { ${flat} }.call(${x}, ${y}, ${z})`,
      `->(a, b, c) do\n${ifForm}\nend.call(${x}, ${y}, ${z})`,
    ]);
    const values = rubyValues(exprs);
    for (let i = 0; i < values.length; i += 2) expect(values[i + 1]).toBe(values[i]);
  });
});

describe('resources', () => {
  it('leave out the default action, and the block when nothing is left', () => {
    expect(body(recipe([resource({ actions: ['install'] })]))).toBe("package 'nginx'");
    expect(body(recipe([resource({ actions: ['remove'] })]))).toBe("package 'nginx' do\n  action :remove\nend");
    expect(
      body(
        recipe([
          resource({ type: 'template', name: str('/etc/x'), actions: ['create'], properties: [{ name: 'source', value: str('x.erb') }] }),
        ]),
      ),
    ).toBe("template '/etc/x' do\n  source 'x.erb'\nend");
    // :nothing is kept: it says the resource runs only when notified.
    expect(body(recipe([resource({ type: 'service', name: str('nginx'), actions: ['nothing'] })]))).toBe(
      "service 'nginx' do\n  action :nothing\nend",
    );
    expect(body(recipe([resource({ actions: ['install', 'upgrade'] })]))).toBe("package 'nginx' do\n  action [:install, :upgrade]\nend");
  });

  it('knows the default actions of Chef 18 and of the support cookbook', () => {
    expect(chefDefaultAction('package')).toBe('install');
    expect(chefDefaultAction('execute')).toBe('run');
    expect(chefDefaultAction('service')).toBe('nothing');
    expect(chefDefaultAction('a2c_line')).toBe('edit');
    expect(chefDefaultAction('no_such_resource')).toBeUndefined();
  });

  const resourcesJson = join(SHARED, 'chef/resources.json');
  it.skipIf(!requireOrSkip('the shared Chef resource list', existsSync(resourcesJson)))(
    "mappings/chef-default-actions.toml is the client's own list",
    () => {
      const client = JSON.parse(readFileSync(resourcesJson, 'utf8')) as { resources: Record<string, { default_action: string[] }> };
      const table = TOML.parse(readFileSync(join(REPO_ROOT, 'mappings/chef-default-actions.toml'), 'utf8'));
      expect(table).toEqual(Object.fromEntries(Object.entries(client.resources).map(([k, v]) => [k, v.default_action[0]])));
      for (const v of Object.values(client.resources)) expect(v.default_action).toHaveLength(1);
    },
  );

  it("name a notification loop parameter apart from the enclosing loop's", async () => {
    const notifying = resource({
      notifies: [
        {
          action: 'run',
          resourceType: 'execute',
          resourceName: { k: 'interp', parts: ['warm ', rvar('item')] },
          timing: 'delayed',
          forEach: { items: rvar('sites'), params: ['item'] },
        },
      ],
    });
    const printed = body(recipe([{ kind: 'each', items: rvar('sites'), params: ['item'], body: [notifying] }]));
    expect(printed).toContain('  sites.each { |notified_item| notifies :run, "execute[warm #{notified_item}]", :delayed }');
    // Outside a loop over `item`, the name stays.
    expect(body(recipe([notifying]))).toContain('sites.each { |item| notifies :run, "execute[warm #{item}]", :delayed }');
  });
});

describe('attribute case statements', () => {
  const attr = (value: string, key: string, when: string): Attribute => ({
    precedence: 'override',
    path: ['cb', key],
    value: str(value),
    origin: { file: 'vars/x.yml', line: 1, col: 1 },
    when: { on: rvar('file'), value: when },
  });
  it.skipIf(!hasRuby)('have one when per value, so a value met again is not dead code', () => {
    const printed = printAttributes(
      'cb',
      [attr('d1', 'a', 'debian.yml'), attr('r1', 'a', 'redhat.yml'), attr('d2', 'b', 'debian.yml'), attr('d3', 'a', 'debian.yml')],
      'vars',
    );
    expect(printed.match(/^when 'debian.yml'$/gm)).toHaveLength(1);
    const run = (file: string) => `->(file) { override = Hash.new { |h, k| h[k] = {} }\n${printed}\noverride }.call('${file}')`;
    expect(rubyValues([run('debian.yml'), run('redhat.yml')])).toEqual(
      [{ cb: { a: 'd3', b: 'd2' } }, { cb: { a: 'r1' } }].map((x) => JSON.parse(JSON.stringify(x))),
    );
  });
});

describe('metadata.rb', () => {
  const cookbook = {
    name: 'web',
    version: '0.1.0',
    depends: ['ansible2chef_support'],
    source: 'roles/web',
    attributes: [],
    recipes: [],
    templates: [],
    files: [],
  };
  it("writes chef generate cookbook's maintainer and license when the config sets none", () => {
    const out = new Map<string, string | Uint8Array>();
    layoutCookbook(cookbook as never, '', out);
    expect(out.get('web/metadata.rb')).toContain(
      "name 'web'\nmaintainer 'The Authors'\nmaintainer_email 'you@example.com'\nlicense 'All Rights Reserved'\n",
    );
    expect(out.get('web/metadata.rb')).not.toContain('source_url');
  });

  it('takes them from [cookbook], with {cookbook} in the source URL', () => {
    const { config, diagnostics } = validateConfig(
      {
        cookbook: {
          maintainer: 'Ops',
          'maintainer-email': 'ops@example.org',
          license: 'Apache-2.0',
          'source-url': 'https://git.example.org/chef/{cookbook}',
        },
      },
      'a.toml',
    );
    expect(diagnostics).toEqual([]);
    const out = new Map<string, string | Uint8Array>();
    layoutCookbook(cookbook as never, '', out, config.cookbook);
    const text = out.get('web/metadata.rb') as string;
    expect(text).toContain("maintainer 'Ops'\nmaintainer_email 'ops@example.org'\nlicense 'Apache-2.0'\n");
    expect(text).toContain("chef_version '>= 18.0'\nsource_url 'https://git.example.org/chef/web'\n");
  });

  it('rejects an unknown [cookbook] key or a value that is not text', () => {
    const { diagnostics } = validateConfig({ cookbook: { maintainers: 'x', license: 3 } }, 'a.toml');
    expect(diagnostics.map((d) => d.message)).toEqual([
      'cookbook.maintainers: unknown key (expected maintainer, maintainer-email, license, source-url)',
      'cookbook.license: must be a non-empty string',
    ]);
  });

  it('quotes what the config gives', async () => {
    const text = printMetadata({
      name: 'web',
      maintainer: "O'Brien",
      maintainerEmail: 'a@b',
      license: 'MIT',
      version: '1.0.0',
      chefVersion: '>= 18.0',
      depends: [],
    });
    expect(text).toContain("maintainer 'O\\'Brien'");
    expect(await checkRuby(text, 'metadata.rb')).toEqual({ ok: true });
  });
});

describe('loops over keys and folded conditions', () => {
  const keys = call({ k: 'index', recv: call(undefined, 'node', [], { noParens: true }), key: str('svc') }, 'keys');
  it("iterates a hash's keys with each_key (Style/HashEachMethods)", () => {
    const r = recipe([{ kind: 'each', items: keys, params: ['item'], body: [resource({ name: rvar('item') })] }]);
    expect(body(r)).toBe("node['svc'].each_key do |item|\n  package item\nend");
  });
  it.skipIf(!hasRuby)('gives the keys each gives', () => {
    const program = "h = { 'b' => 1, 'a' => 2 }\nx = []\nh.each_key { |k| x << k }\nputs x == h.keys.each.to_a ? 'same' : 'differ'\n";
    const r = spawnSync('ruby', ['-W0', '-'], { input: program, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('same');
  });
  it('ends a loop body whose last statement is a long if in `next unless` (Style/Next), a short one as it is', () => {
    const cond = call(rvar('item'), 'empty?');
    const long: Stmt = {
      kind: 'if',
      cond: { k: 'not', e: cond },
      body: [resource({ name: rvar('item') }), resource({ name: str('git') })],
    };
    const each = (b: Stmt[]): Recipe => recipe([{ kind: 'each', items: rvar('items'), params: ['item'], body: b }]);
    const looped = body(each([resource({}), long]));
    expect(looped).toBe("items.each do |item|\n  package 'nginx'\n  next if item.empty?\n  package item\n  package 'git'\nend");
    const short: Stmt = { kind: 'if', cond, body: [{ kind: 'assign', target: rvar('x'), value: str('y'), origin }] };
    expect(body(each([short]))).toBe("items.each do |item|\n  if item.empty?\n    x = 'y'\n  end\nend");
  });
  it.skipIf(!hasRuby)('runs the same statements for the same items with `next`', () => {
    const program = [
      'a = []\n%w(x yy).each do |i|\n  a << 1\n  if i.size > 1\n    a << i\n  end\nend',
      'b = []\n%w(x yy).each do |i|\n  b << 1\n  next unless i.size > 1\n\n  b << i\nend',
      "puts a == b ? 'same' : 'differ'",
    ].join('\n');
    const r = spawnSync('ruby', ['-W0', '-'], { input: program, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('same');
  });
  it('writes the body of a condition folded to true without the if (Lint/LiteralAsCondition)', () => {
    const r = recipe([{ kind: 'if', cond: { k: 'bool', v: true }, body: [resource({})] }]);
    expect(body(r)).toBe("package 'nginx'");
  });
});
