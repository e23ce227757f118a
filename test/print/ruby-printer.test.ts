import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RExpr } from '../../src/ir/ruby-ast.js';
import { bool, call, fromData, int, nil, nodePath, nodeRef, rvar, str, sym } from '../../src/ir/ruby-ast.js';
import type { Notification, Recipe, ResourceStmt, Stmt } from '../../src/ir/chef-ir.js';
import {
  RubyPrintError,
  checkRuby,
  commentLine,
  printAttributes,
  printExpr,
  printMetadata,
  printPolicyfile,
  printRecipe,
  rubyComment,
  rubyIdentifier,
  rubyString,
  sanitizeIdentifier,
} from '../../src/print/index.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

async function expectParses(source: string): Promise<void> {
  expect(await checkRuby(source, 'test.rb')).toEqual({ ok: true });
}

const bin = (op: Extract<RExpr, { k: 'binop' }>['op'], l: RExpr, r: RExpr): RExpr => ({ k: 'binop', op, l, r });
const a = rvar('a');
const b = rvar('b');
const c = rvar('c');

describe('rubyString', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['#{not interpolated}', "'#{not interpolated}'"],
    ['line\nbreak', '"line\\nbreak"'],
    ['tab\there "q" #{x} #$y #@z #plain', '"tab\\there \\"q\\" \\#{x} \\#$y \\#@z #plain"'],
    ['\x1b[0m\r', '"\\e[0m\\r"'],
    ['nul\0x', '"nul\\0x"'],
    ['nul\x001', '"nul\\u00001"'],
    ['bell\x07', '"bell\\u0007"'],
    ['nbsp\u00a0', '"nbsp\\u00A0"'],
    ['tag\u{E0001}', '"tag\\u{E0001}"'],
    ['café ✓ 😀', "'café ✓ 😀'"],
  ])('%j', async (input, expected) => {
    expect(rubyString(input)).toBe(expected);
    await expectParses(expected);
  });

  it('avoids %> when the literal goes inside an ERB tag', () => {
    expect(rubyString('50%> done', { erbSafe: true })).toBe('"50%\\x3E done"');
    expect(rubyString('50%> done')).toBe("'50%> done'");
  });

  it('rejects lone surrogates: they have no UTF-8 encoding', () => {
    expect(() => rubyString('a\uD800b')).toThrow(RubyPrintError);
    expect(() => rubyString('\uDC00')).toThrow(RubyPrintError);
    expect(rubyString('\uD83D\uDE00')).toBe("'😀'");
  });
});

describe('identifiers and comments', () => {
  it('validates local variable names', () => {
    expect(rubyIdentifier('item')).toBe('item');
    expect(rubyIdentifier('_x1')).toBe('_x1');
    for (const bad of ['Item', '1x', 'end', 'a-b', '', 'é']) expect(() => rubyIdentifier(bad)).toThrow(RubyPrintError);
  });

  it('sanitises any name into a valid one', () => {
    expect(sanitizeIdentifier('my-var.x')).toBe('my_var_x');
    expect(sanitizeIdentifier('Item')).toBe('item');
    expect(sanitizeIdentifier('1st')).toBe('_1st');
    expect(sanitizeIdentifier('end')).toBe('end_');
    expect(sanitizeIdentifier('')).toBe('_');
    for (const n of ['my-var', 'Item', '9', 'class', 'ü']) expect(() => rubyIdentifier(sanitizeIdentifier(n))).not.toThrow();
  });

  it('keeps comment text on one line', () => {
    expect(rubyComment('a\nb\r\nc\u2028d\u2029e\u0085f\vg\fh')).toBe('a\\nb\\r\\nc\\u2028d\\u2029e\\u0085f\\vg\\fh');
    expect(rubyComment('x\x00y\tz  ')).toBe('x\\u0000y\tz');
    expect(commentLine('')).toBe('#');
    expect(rubyComment('a\uD800b')).toBe('a\\uD800b');
  });
});

describe('printExpr', () => {
  it.each<[string, RExpr, string]>([
    ['node path', nodePath(['haproxy', 'port']), "node['haproxy']['port']"],
    ['not of and', { k: 'not', e: bin('&&', a, b) }, '!(a && b)'],
    ['not of var', { k: 'not', e: a }, '!a'],
    ['not of call', { k: 'not', e: call(a, 'empty?') }, '!a.empty?'],
    ['or inside and', bin('&&', bin('||', a, b), c), '(a || b) && c'],
    ['and inside or', bin('||', bin('&&', a, b), c), '(a && b) || c'],
    ['left assoc minus', bin('-', bin('-', a, b), c), 'a - b - c'],
    ['right operand minus', bin('-', a, bin('-', b, c)), 'a - (b - c)'],
    ['power right assoc', bin('**', a, bin('**', b, c)), 'a ** b ** c'],
    ['power left', bin('**', bin('**', a, b), c), '(a ** b) ** c'],
    ['neg of power', { k: 'neg', e: bin('**', a, b) }, '-a ** b'],
    ['power of negative literal', bin('**', int(-2), int(2)), '(-2) ** 2'],
    ['neg of neg', { k: 'neg', e: { k: 'neg', e: a } }, '-(-a)'],
    ['equality chain', bin('==', bin('==', a, b), c), '(a == b) == c'],
    ['comparison in equality', bin('==', bin('<', a, b), c), 'a < b == c'],
    ['mul in add', bin('+', bin('*', a, b), bin('%', b, c)), 'a * b + b % c'],
    ['ternary', { k: 'ternary', c: a, t: sym('x'), f: sym('y') }, 'a ? :x : :y'],
    [
      'nested ternary',
      { k: 'ternary', c: { k: 'ternary', c: a, t: b, f: c }, t: int(1), f: { k: 'ternary', c: b, t: int(2), f: int(3) } },
      '(a ? b : c) ? 1 : (b ? 2 : 3)',
    ],
    ['ternary in binop', bin('+', { k: 'ternary', c: a, t: int(1), f: int(2) }, int(3)), '(a ? 1 : 2) + 3'],
    ['call no receiver', call(undefined, 'shell_out', [str('ls')]), "shell_out('ls')"],
    ['bare zero-arg call', call(undefined, 'platform_family?'), 'platform_family?()'],
    ['node noParens', nodeRef, 'node'],
    [
      'call with kwargs',
      call(undefined, 'foo', [a], {
        kwargs: [
          ['to', int(1)],
          ['odd-key', nil],
        ],
      }),
      "foo(a, to: 1, 'odd-key': nil)",
    ],
    ['receiver zero args', call(a, 'to_s'), 'a.to_s'],
    ['binop receiver', call(bin('+', a, b), 'to_s'), '(a + b).to_s'],
    ['block', call(a, 'map', [], { block: { params: ['x'], body: call(rvar('x'), 'upcase') } }), 'a.map { |x| x.upcase }'],
    [
      'block without params',
      call(undefined, 'lazy_thing', [], { noParens: true, block: { params: [], body: int(1) } }),
      'lazy_thing { 1 }',
    ],
    ['lazy', { k: 'lazy', e: nodePath(['a']) }, "lazy { node['a'] }"],
    [
      'hash',
      {
        k: 'hash',
        pairs: [
          [str('a'), int(1)],
          [str('b'), bool(false)],
        ],
      },
      "{ 'a' => 1, 'b' => false }",
    ],
    [
      'symbol hash',
      {
        k: 'hash',
        pairs: [
          [sym('a'), int(1)],
          [sym('b_c'), nil],
        ],
      },
      '{ a: 1, b_c: nil }',
    ],
    [
      'mixed hash',
      {
        k: 'hash',
        pairs: [
          [sym('a'), int(1)],
          [str('b'), int(2)],
        ],
      },
      "{ :a => 1, 'b' => 2 }",
    ],
    ['empty hash', { k: 'hash', pairs: [] }, '{}'],
    ['array', { k: 'array', items: [str('x'), int(1), nil] }, "['x', 1, nil]"],
    ['odd symbol', sym('a-b'), ":'a-b'"],
    ['const', { k: 'const', path: ['A2C', 'Jinja'] }, 'A2C::Jinja'],
    [
      'floats',
      {
        k: 'array',
        items: [
          { k: 'float', v: 1 },
          { k: 'float', v: 0.5 },
          { k: 'float', v: 1e21 },
          { k: 'float', v: -0 },
        ],
      },
      '[1.0, 0.5, 1.0e+21, -0.0]',
    ],
    ['interp', { k: 'interp', parts: ['ip ', nodePath(['ip']), ':', str('#{'), '"x"'] }, '"ip #{node[\'ip\']}:\\#{\\"x\\""'],
    ['interp without exprs', { k: 'interp', parts: ['plain', str(' text')] }, "'plain text'"],
    ['regex', { k: 'regex', source: '^a{2}\\}[{]#{x}/', flags: 'mi' }, '%r{^a{2}\\}[\\{]\\#{x}/}im'],
    ['regex extended with #{', { k: 'regex', source: 'a #{x}', flags: 'x' }, "Regexp.new('a #{x}', Regexp::EXTENDED)"],
    ['regex without a slash', { k: 'regex', source: '^a{2}\\}[{]#{x}', flags: 'i' }, '/^a{2}\\}[\\{]\\#{x}/i'],
    ['regex starting with a space', { k: 'regex', source: ' x', flags: '' }, '%r{ x}'],
    ['regex starting with =', { k: 'regex', source: '=x', flags: '' }, '%r{=x}'],
    ['index of call', { k: 'index', recv: call(a, 'fetch', [str('k')]), key: int(0) }, "a.fetch('k')[0]"],
  ])('%s', async (_name, e, expected) => {
    expect(printExpr(e)).toBe(expected);
    await expectParses(expected);
  });

  it('lays long literals out over several lines when given a width', async () => {
    const e = fromData({ servers: ['alpha.example.org', 'bravo.example.org', 'charlie.example.org'], port: 443 });
    const printed = printExpr(e, { width: 40, indent: 0, column: 0 });
    expect(printed).toBe(
      [
        '{',
        "  'servers' => [",
        "    'alpha.example.org',",
        "    'bravo.example.org',",
        "    'charlie.example.org',",
        '  ],',
        "  'port' => 443,",
        '}',
      ].join('\n'),
    );
    await expectParses(`x = ${printed}`);
  });

  it('rejects what it cannot print faithfully', () => {
    expect(() => printExpr(rvar('Bad'))).toThrow(RubyPrintError);
    expect(() => printExpr(call(undefined, 'a b'))).toThrow(RubyPrintError);
    expect(() => printExpr(int(1.5))).toThrow(RubyPrintError);
    expect(printExpr(int(2 ** 60))).toBe('1152921504606846976');
    expect(() => printExpr({ k: 'regex', source: 'a\\', flags: '' })).toThrow(RubyPrintError);
    expect(() => printExpr({ k: 'regex', source: 'a', flags: 'g' })).toThrow(RubyPrintError);
  });
});

const span = (line: number) => ({ file: 'roles/haproxy/tasks/main.yml', line, col: 3 });

function resource(extra: Partial<ResourceStmt>): ResourceStmt {
  return {
    kind: 'resource',
    type: 'template',
    name: str('/etc/haproxy/haproxy.cfg'),
    properties: [],
    actions: [],
    guards: [],
    notifies: [],
    subscribes: [],
    origin: { span: span(4), taskName: 'Write config' },
    ...extra,
  };
}

function recipe(stmts: Stmt[]): Recipe {
  return { name: 'default', source: 'roles/haproxy/tasks/main.yml', stmts };
}

const HEADER = [
  '#',
  '# Cookbook:: haproxy',
  '# Recipe:: default',
  '#',
  '# Generated by ansible2chef from roles/haproxy/tasks/main.yml.',
  '# Hand edits are detected; ansible2chef will not overwrite them without --force.',
  '',
].join('\n');

describe('printRecipe', () => {
  it('prints a resource with properties, actions, notifications and guards', async () => {
    const r = resource({
      properties: [
        { name: 'source', value: str('haproxy.cfg.erb') },
        { name: 'mode', value: str('0644') },
        { name: 'variables', value: { k: 'hash', pairs: [[str('port'), nodePath(['haproxy', 'port'])]] } },
        { name: 'retries', value: int(-1) },
      ],
      actions: ['create', 'enable'],
      notifies: [{ action: 'restart', resourceType: 'service', resourceName: str('haproxy'), timing: 'delayed' }],
      subscribes: [{ action: 'reload', resourceType: 'service', resourceName: rvar('svc'), timing: 'immediately' }],
      guards: [
        { kind: 'only_if', ruby: nodePath(['x', 'enabled']) },
        { kind: 'not_if', command: str('test -f /etc/foo') },
      ],
      notes: ['IPv6: bracketed the address'],
    });
    const out = printRecipe(recipe([r]), 'haproxy');
    expect(out).toBe(
      `${HEADER}
# roles/haproxy/tasks/main.yml:4 Write config
# IPv6: bracketed the address
template '/etc/haproxy/haproxy.cfg' do
  source 'haproxy.cfg.erb'
  mode '0644'
  variables({ 'port' => node['haproxy']['port'] })
  retries(-1)
  action [:create, :enable]
  notifies :restart, 'service[haproxy]', :delayed
  subscribes :reload, "service[#{svc}]", :immediately
  only_if { node['x']['enabled'] }
  not_if 'test -f /etc/foo'
end
`,
    );
    await expectParses(out);
  });

  it('prints a single action as a symbol and an interpolated name as a double-quoted string', async () => {
    const r = resource({
      type: 'service',
      name: { k: 'interp', parts: ['svc-', rvar('item')] },
      actions: ['restart'],
      notifies: [
        { action: 'run', resourceType: 'execute', resourceName: { k: 'interp', parts: ['reload ', rvar('item')] }, timing: 'before' },
      ],
      origin: { span: span(9) },
    });
    const out = printRecipe(recipe([r]), 'haproxy');
    expect(out).toBe(
      `${HEADER}
# roles/haproxy/tasks/main.yml:9
service "svc-#{item}" do
  action :restart
  notifies :run, "execute[reload #{item}]", :before
end
`,
    );
    await expectParses(out);
  });

  it('wraps long hash values over several lines', async () => {
    const vars = fromData({
      frontend_address: '2001:db8::10',
      frontend_port: 443,
      backends: ['controller-1.example.org', 'controller-2.example.org'],
    });
    const out = printRecipe(recipe([resource({ properties: [{ name: 'variables', value: vars }] })]), 'haproxy');
    expect(out).toBe(
      `${HEADER}
# roles/haproxy/tasks/main.yml:4 Write config
template '/etc/haproxy/haproxy.cfg' do
  variables({
    'frontend_address' => '2001:db8::10',
    'frontend_port' => 443,
    'backends' => ['controller-1.example.org', 'controller-2.example.org'],
  })
end
`,
    );
    await expectParses(out);
  });

  it('prints a TODO block with every original line commented', async () => {
    const out = printRecipe(
      recipe([
        {
          kind: 'todo',
          code: 'A2C-TODO-MODULE',
          reason: 'module foo.bar is not mapped',
          original: '- name: Odd\n  foo.bar:\n\n    x: 1  \n',
          origin: { span: span(20), taskName: 'Odd' },
        },
      ]),
      'haproxy',
    );
    expect(out).toBe(
      `${HEADER}
# TODO(ansible2chef): A2C-TODO-MODULE module foo.bar is not mapped
# roles/haproxy/tasks/main.yml:20 Odd
#   - name: Odd
#     foo.bar:
#
#       x: 1
`,
    );
    await expectParses(out);
  });

  it('prints loops, conditionals, includes, assignments and comments', async () => {
    const inner = resource({ type: 'package', name: rvar('pkg'), origin: { span: span(30), taskName: 'Install' } });
    const stmts: Stmt[] = [
      { kind: 'include_recipe', recipe: 'haproxy::install', origin: { span: span(2), taskName: 'Include install' } },
      { kind: 'assign', target: rvar('pkgs'), value: fromData(['a', 'b']), origin: { span: span(3), taskName: 'Set pkgs' } },
      { kind: 'each', items: rvar('pkgs'), params: ['pkg'], body: [inner] },
      // A body that reads neither parameter: both written `_x` (Lint/UnusedBlockArgument).
      { kind: 'each', items: bin('+', a, b), params: ['x', 'i'], withIndex: true, body: [{ kind: 'comment', lines: ['nothing', ''] }] },
      {
        kind: 'if',
        cond: { k: 'not', e: nodePath(['x']) },
        body: [{ kind: 'comment', lines: ['one'] }],
        otherwise: [
          { kind: 'if', cond: a, body: [{ kind: 'comment', lines: ['two'] }], otherwise: [{ kind: 'comment', lines: ['three'] }] },
        ],
      },
    ];
    const out = printRecipe(recipe(stmts), 'haproxy');
    expect(out).toBe(
      `${HEADER}
# roles/haproxy/tasks/main.yml:2 Include install
include_recipe 'haproxy::install'

# roles/haproxy/tasks/main.yml:3 Set pkgs
pkgs = %w(a b)

pkgs.each do |pkg|
  # roles/haproxy/tasks/main.yml:30 Install
  package pkg
end

(a + b).each_with_index do |_x, _i|
  # nothing
  #
end

if !node['x']
  # one
elsif a
  # two
else
  # three
end
`,
    );
    await expectParses(out);
  });

  it('keeps a task name with line breaks inside its comment', async () => {
    const out = printRecipe(recipe([resource({ origin: { span: span(1), taskName: 'evil\nsystem("rm -rf /")\r\u2028x' } })]), 'h');
    expect(out).toContain('# roles/haproxy/tasks/main.yml:1 evil\\nsystem("rm -rf /")\\r\\u2028x\n');
    const parsed = await checkRuby(out, 'x.rb');
    expect(parsed.ok).toBe(true);
    expect(out.split('\n').filter((l) => !l.startsWith('#') && l !== '')).toEqual(["template '/etc/haproxy/haproxy.cfg'"]);
  });

  it('prints an empty recipe as the header only', () => {
    expect(printRecipe(recipe([]), 'haproxy')).toBe(HEADER.replace(/\n$/, '\n'));
  });
});

describe('cookbook files', () => {
  it('prints metadata.rb', async () => {
    const out = printMetadata({
      name: 'os_cinder',
      maintainer: 'The Authors',
      maintainerEmail: 'you@example.com',
      license: 'Apache-2.0',
      version: '0.1.0',
      depends: ['a2c_support', 'apache'],
      chefVersion: '>= 18.0',
      description: "Cinder's role",
    });
    expect(out).toBe(`name 'os_cinder'
maintainer 'The Authors'
maintainer_email 'you@example.com'
license 'Apache-2.0'
description 'Cinder\\'s role'
version '0.1.0'
chef_version '>= 18.0'
depends 'a2c_support'
depends 'apache'
`);
    await expectParses(out);
  });

  it('prints attributes in input order with provenance', async () => {
    const out = printAttributes(
      'os_cinder',
      [
        {
          precedence: 'default',
          path: ['os_cinder', 'port'],
          value: int(8776),
          origin: { file: 'roles/cinder/defaults/main.yml', line: 3, col: 1 },
        },
        {
          precedence: 'override',
          path: ['os_cinder', 'backends'],
          value: fromData([
            { name: 'lvm', volume_group: 'cinder-volumes' },
            { name: 'ceph', pool: 'volumes' },
          ]),
          origin: { file: 'roles/cinder/vars/main.yml', line: 7, col: 1 },
        },
      ],
      ['roles/cinder/defaults/main.yml', 'roles/cinder/vars/main.yml'],
    );
    expect(out).toBe(`#
# Cookbook:: os_cinder
# Attributes:: default
#
# Generated by ansible2chef from roles/cinder/defaults/main.yml, roles/cinder/vars/main.yml.
# Hand edits are detected; ansible2chef will not overwrite them without --force.

# roles/cinder/defaults/main.yml:3
default['os_cinder']['port'] = 8776

# roles/cinder/vars/main.yml:7
override['os_cinder']['backends'] = [
  { 'name' => 'lvm', 'volume_group' => 'cinder-volumes' },
  { 'name' => 'ceph', 'pool' => 'volumes' },
]
`);
    await expectParses(out);
  });

  it('prints a Policyfile', async () => {
    const out = printPolicyfile(
      {
        name: 'site',
        source: 'site.yml',
        runList: ['haproxy::default', 'os_cinder::default'],
        cookbooks: ['haproxy', 'os_cinder'],
        attributes: [{ path: ['haproxy', 'vip'], value: str('2001:db8::1') }],
      },
      'cookbooks/',
    );
    expect(out).toBe(`# Policyfile for site.
# Generated by ansible2chef from site.yml.
# Hand edits are detected; ansible2chef will not overwrite them without --force.

name 'site'

run_list 'haproxy::default', 'os_cinder::default'

cookbook 'haproxy', path: 'cookbooks/haproxy'
cookbook 'os_cinder', path: 'cookbooks/os_cinder'

default['haproxy']['vip'] = '2001:db8::1'
`);
    await expectParses(out);
  });

  it('wraps a long run list', async () => {
    const runList = Array.from({ length: 6 }, (_, i) => `cookbook_number_${i}::default`);
    const out = printPolicyfile({ name: 'p', source: 'p.yml', runList, cookbooks: [], attributes: [] }, '.');
    expect(out).toContain(`run_list 'cookbook_number_0::default',\n         'cookbook_number_1::default',\n`);
    await expectParses(out);
  });
});

describe('checkRuby', () => {
  it('reports syntax errors with line and column', async () => {
    const r = await checkRuby("x = 'é'\nfoo(\n", 'bad.rb');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([{ line: 2, col: 5, message: 'unexpected end-of-input; expected a `)` to close the arguments' }]);
    }
  });

  it('reports the column in characters after multi-byte text', async () => {
    const r = await checkRuby("'é' é(", 'bad.rb');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.every((e) => e.line === 1 && e.col <= 7)).toBe(true);
  });
});

// ---- precedence: random int/bool expression trees, printed, evaluated by real Ruby, compared with the tree ----

type Val = bigint | boolean;

function evalTree(e: RExpr): Val {
  switch (e.k) {
    case 'int':
      return BigInt(e.v);
    case 'bool':
      return e.v;
    case 'neg':
      return -(evalTree(e.e) as bigint);
    case 'not':
      return !(evalTree(e.e) as boolean);
    case 'ternary':
      return evalTree(e.c) ? evalTree(e.t) : evalTree(e.f);
    case 'binop': {
      const l = evalTree(e.l);
      const r = evalTree(e.r);
      switch (e.op) {
        case '+':
          return (l as bigint) + (r as bigint);
        case '-':
          return (l as bigint) - (r as bigint);
        case '*':
          return (l as bigint) * (r as bigint);
        case '**':
          return (l as bigint) ** (r as bigint);
        // Ruby's integer division and modulo round towards negative infinity.
        case '/': {
          const q = (l as bigint) / (r as bigint);
          return (l as bigint) % (r as bigint) !== 0n && (l as bigint) < 0n !== (r as bigint) < 0n ? q - 1n : q;
        }
        case '%': {
          const m = (l as bigint) % (r as bigint);
          return m !== 0n && m < 0n !== (r as bigint) < 0n ? m + (r as bigint) : m;
        }
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '<':
          return l < r;
        case '<=':
          return l <= r;
        case '>':
          return l > r;
        case '>=':
          return l >= r;
        case '&&':
          return (l as boolean) && (r as boolean);
        case '||':
          return (l as boolean) || (r as boolean);
      }
    }
  }
  throw new Error(`unexpected ${e.k}`);
}

const { intE, boolE } = fc.letrec<{ intE: RExpr; boolE: RExpr }>((tie) => ({
  intE: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'prec' },
    fc.integer({ min: -4, max: 4 }).map(int),
    fc.record({
      k: fc.constant('binop' as const),
      op: fc.constantFrom('+' as const, '-' as const, '*' as const),
      l: tie('intE'),
      r: tie('intE'),
    }),
    fc.record({
      k: fc.constant('binop' as const),
      op: fc.constantFrom('/' as const, '%' as const),
      l: tie('intE'),
      r: fc.constantFrom(-3, -2, 2, 3).map(int),
    }),
    fc.record({
      k: fc.constant('binop' as const),
      op: fc.constant('**' as const),
      l: tie('intE'),
      r: fc.oneof(fc.integer({ min: 0, max: 2 }).map(int), fc.constant(bin('**', int(1), int(2)))),
    }),
    fc.record({ k: fc.constant('neg' as const), e: tie('intE') }),
    fc.record({ k: fc.constant('ternary' as const), c: tie('boolE'), t: tie('intE'), f: tie('intE') }),
  ) as fc.Arbitrary<RExpr>,
  boolE: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'prec' },
    fc.boolean().map(bool),
    fc.record({ k: fc.constant('not' as const), e: tie('boolE') }),
    fc.record({
      k: fc.constant('binop' as const),
      op: fc.constantFrom('&&' as const, '||' as const, '==' as const, '!=' as const),
      l: tie('boolE'),
      r: tie('boolE'),
    }),
    fc.record({
      k: fc.constant('binop' as const),
      op: fc.constantFrom('==' as const, '!=' as const, '<' as const, '<=' as const, '>' as const, '>=' as const),
      l: tie('intE'),
      r: tie('intE'),
    }),
    fc.record({ k: fc.constant('ternary' as const), c: tie('boolE'), t: tie('boolE'), f: tie('boolE') }),
  ) as fc.Arbitrary<RExpr>,
}));

describe('printExpr precedence against real Ruby', () => {
  const rubyOk = requireOrSkip('ruby', hasTool('ruby'));
  it.skipIf(!rubyOk)('random operator trees evaluate in Ruby to the value of the tree', async () => {
    const trees = fc.sample(fc.oneof(intE, boolE), { seed: 77, numRuns: 400 });
    const printed = trees.map((t) => printExpr(t));
    for (const p of printed.slice(0, 50)) await expectParses(p);
    const program = printed.map((p) => `p(${p})`).join('\n');
    const run = spawnSync('ruby', ['-W0', '-'], { input: program, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const got = run.stdout.trimEnd().split('\n');
    const want = trees.map((t) => String(evalTree(t)));
    const diffs = printed.map((p, i) => ({ p, got: got[i], want: want[i] })).filter((d) => d.got !== d.want);
    expect(diffs.slice(0, 3)).toEqual([]);
  });
});

// ---- any recipe the IR can hold prints as Ruby that Prism parses, with nothing escaping its comments ----

const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\n', '\r', '\u2028', '\u0085', "'", '"', '#{', 'end', '\\', '%>'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 20,
});
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map(fromData),
  fc.array(fc.oneof(anyText, nodePathArb()), { maxLength: 3 }).map((parts): RExpr => ({ k: 'interp', parts })),
);
function nodePathArb(): fc.Arbitrary<RExpr> {
  return fc.array(anyText, { minLength: 1, maxLength: 3 }).map(nodePath);
}
const origin = fc.record({
  span: fc.record({ file: anyText, line: fc.nat(), col: fc.nat() }),
  taskName: fc.option(anyText, { nil: undefined }),
});
const resourceArb: fc.Arbitrary<Stmt> = fc.record({
  kind: fc.constant('resource' as const),
  type: fc.constantFrom('template', 'package', 'a2c_ini_setting'),
  name: value,
  properties: fc.array(fc.record({ name: fc.constantFrom('mode', 'variables', 'content', 'retries'), value }), { maxLength: 3 }),
  actions: fc.array(fc.constantFrom('create', 'nothing', 'restart'), { maxLength: 2 }),
  guards: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constantFrom('only_if' as const, 'not_if' as const), ruby: nodePathArb() }),
      fc.record({ kind: fc.constantFrom('only_if' as const, 'not_if' as const), command: value }),
    ),
    { maxLength: 2 },
  ),
  notifies: fc.array(
    fc.record({
      action: fc.constantFrom('restart', 'reload'),
      resourceType: fc.constant('service'),
      resourceName: value,
      timing: fc.constantFrom('delayed' as const, 'immediately' as const),
    }),
    { maxLength: 2 },
  ),
  subscribes: fc.constant<Notification[]>([]),
  origin,
  notes: fc.array(anyText, { maxLength: 2 }),
});
const todoArb: fc.Arbitrary<Stmt> = fc.record({
  kind: fc.constant('todo' as const),
  code: fc.constant('A2C-TODO-MODULE'),
  reason: anyText,
  original: anyText,
  origin,
});
const stmtArb: fc.Arbitrary<Stmt> = fc.oneof(
  resourceArb,
  todoArb,
  fc.record({ kind: fc.constant('comment' as const), lines: fc.array(anyText, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('include_recipe' as const), recipe: anyText, origin }),
  fc.record({
    kind: fc.constant('each' as const),
    items: value,
    params: fc.constant<string[]>(['item']),
    body: fc.array(resourceArb, { maxLength: 2 }),
  }),
  fc.record({
    kind: fc.constant('if' as const),
    cond: nodePathArb(),
    body: fc.array(todoArb, { maxLength: 2 }),
    otherwise: fc.option(fc.array(resourceArb, { maxLength: 1 }), { nil: undefined }),
  }),
);

describe('printRecipe on random IR', () => {
  it('always prints Ruby that Prism parses, with exactly the statements of the IR', async () => {
    const { loadRubyParser } = await import('../../src/print/prism.js');
    const parse = await loadRubyParser();
    fc.assert(
      fc.property(fc.array(stmtArb, { maxLength: 4 }), anyText, anyText, (stmts, source, name) => {
        const out = printRecipe({ name, source, stmts }, name);
        const result = parse(out);
        expect(result.errors).toEqual([]);
        // Comments and TODO blocks print no code; every other statement is one top-level Ruby statement.
        const codeStmts = stmts.filter((s) => s.kind !== 'comment' && s.kind !== 'todo').length;
        expect(result.value.statements.body.length).toBe(codeStmts);
      }),
      { seed: 99, numRuns: 300 },
    );
  });
});
