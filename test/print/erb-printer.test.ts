// printErb: exact layout for the common shapes, and the guarantee that real Erubis (as Chef runs it) renders the
// printed template to exactly the text the IR describes.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErbNode } from '../../src/ir/chef-ir.js';
import type { RExpr } from '../../src/ir/ruby-ast.js';
import { bool, rvar, str } from '../../src/ir/ruby-ast.js';
import { printErb } from '../../src/print/print-erb.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const text = (t: string): ErbNode => ({ k: 'text', text: t });
const out = (expr: RExpr): ErbNode => ({ k: 'out', expr });
const strArray = (items: string[]): RExpr => ({ k: 'array', items: items.map(str) });

/** What the IR means, computed directly: the oracle the rendered template must equal. */
function renderIr(nodes: readonly ErbNode[], scopes: Array<Map<string, unknown>> = [new Map()]): string {
  const lookup = (name: string): unknown => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i]!.has(name)) return scopes[i]!.get(name);
    throw new Error(`unbound ${name}`);
  };
  const evalExpr = (e: RExpr): unknown => {
    switch (e.k) {
      case 'str':
        return e.v;
      case 'bool':
        return e.v;
      case 'int':
        return e.v;
      case 'var':
        return lookup(e.name);
      case 'array':
        return e.items.map(evalExpr);
      default:
        throw new Error(`oracle does not evaluate ${e.k}`);
    }
  };
  let s = '';
  for (const n of nodes) {
    switch (n.k) {
      case 'text':
        s += n.text;
        break;
      case 'out':
        s += String(evalExpr(n.expr));
        break;
      case 'assign': {
        // Ruby: assigning a name visible from an outer scope updates it; otherwise it is local to this scope.
        const owner = [...scopes].reverse().find((m) => m.has(n.name)) ?? scopes[scopes.length - 1]!;
        owner.set(n.name, evalExpr(n.value));
        break;
      }
      case 'if': {
        const branch = n.branches.find((b) => evalExpr(b.cond) === true);
        s += renderIr(branch ? branch.body : (n.otherwise ?? []), scopes);
        break;
      }
      case 'each':
        (evalExpr(n.items) as unknown[]).forEach((item, i) => {
          const frame = new Map<string, unknown>([[n.params[0]!, item]]);
          if (n.withIndex === true) frame.set(n.params[1]!, i);
          s += renderIr(n.body, [...scopes, frame]);
        });
        break;
    }
  }
  return s;
}

const erubisOk = requireOrSkip(
  'ruby with erubis',
  hasTool('ruby') && spawnSync('ruby', ['-rerubis', '-e', ''], { stdio: 'ignore' }).status === 0,
);

/** Render a batch of templates with real Erubis in one Ruby process, the way Chef does (default options). */
function renderWithErubis(templates: string[]): string[] {
  const script = [
    "require 'erubis'",
    "require 'json'",
    'def render_template(src) = Erubis::Eruby.new(src).result(binding)',
    'out = JSON.parse(STDIN.read).map do |src|',
    '  render_template(src)',
    'rescue Exception => e',
    '  "ERROR #{e.class}: #{e.message}"',
    'end',
    'print JSON.generate(out)',
  ].join('\n');
  const run = spawnSync('ruby', ['-e', script], { input: JSON.stringify(templates), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`ruby failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

interface Case {
  name: string;
  nodes: ErbNode[];
  erb: string;
}

const CASES: Case[] = [
  {
    name: 'loop on its own lines (the trim is what is wanted)',
    nodes: [
      text('backend api\n'),
      { k: 'each', items: strArray(['a', 'b']), params: ['host'], body: [text('  server '), out(rvar('host')), text('\n')] },
      text('end\n'),
    ],
    erb: 'backend api\n<% %w(a b).each do |host| %>\n  server <%= host %>\n<% end %>\nend\n',
  },
  {
    name: 'if / elsif / else',
    nodes: [
      {
        k: 'if',
        branches: [
          { cond: bool(false), body: [text('one\n')] },
          { cond: bool(true), body: [text('two\n')] },
        ],
        otherwise: [text('three\n')],
      },
    ],
    erb: '<% if false %>\none\n<% elsif true %>\ntwo\n<% else %>\nthree\n<% end %>\n',
  },
  {
    // `<%%` is Erubis' escape only up to the next `%>`: the second `<%` has none after it.
    name: 'literal <% and %> in text',
    nodes: [text('a <% b %> c <%% d\n')],
    erb: "a <%% b %> c <%= '<%' %>% d\n",
  },
  {
    name: 'a literal ERB tag in text, then a statement on its own line (the escape is a tag to the trim rule)',
    nodes: [
      text('x <%= y %>\n  <% z -%>\n'),
      { k: 'if', branches: [{ cond: bool(true), body: [text('in\n')] }], otherwise: null },
      text('<%\n'),
    ],
    erb: "x <%%= y %>\n  <%% z -%>\n<% if true %>\nin\n<% end %>\n<%= '<%' %>\n",
  },
  {
    name: 'a literal `<%` before an output tag is not escaped with `<%%` (the tag would be swallowed)',
    nodes: [text('a <% b '), out(str('c')), text(' %>\n')],
    erb: "a <%= '<%' %> b <%= 'c' %> %>\n",
  },
  {
    name: 'indentation before a tag is kept (Jinja lstrip_blocks off)',
    nodes: [text('x\n  '), { k: 'if', branches: [{ cond: bool(true), body: [text('y\n')] }], otherwise: null }, text('z\n')],
    erb: 'x\n  <% if true %>y\n<% end %>\nz\n',
  },
  {
    name: 'indentation before a tag and a newline after it are both kept',
    nodes: [text('x\n  '), { k: 'if', branches: [{ cond: bool(true), body: [text('\ny\n')] }], otherwise: null }],
    erb: "x\n<%= '  ' %><% if true %>\ny\n<% end %>\n",
  },
  {
    name: 'a statement after text on the same line stays inline',
    nodes: [text('a '), { k: 'assign', name: 'v', value: str('q') }, text('\n'), out(rvar('v'))],
    erb: "a <% v = 'q' %>\n<%= v %>",
  },
  {
    name: 'a body that starts with a blank line',
    nodes: [{ k: 'if', branches: [{ cond: bool(true), body: [text('\n\nb')] }], otherwise: null }],
    erb: '<% if true %>\n\n\nb<% end %>',
  },
  {
    name: '%> inside an output expression',
    nodes: [out(str('100%> done')), text('\n')],
    erb: '<%= "100%\\x3E done" %>\n',
  },
  {
    name: 'CR LF in text (Ruby reads CR LF in a literal as LF)',
    nodes: [text('a\r\nb\rc\n')],
    erb: 'a<%= "\\r\\n" %>b\rc\n',
  },
  {
    name: 'each_with_index',
    nodes: [
      {
        k: 'each',
        items: strArray(['a']),
        params: ['v', 'i'],
        withIndex: true,
        body: [out(rvar('i')), text(':'), out(rvar('v')), text('\n')],
      },
    ],
    erb: "<% ['a'].each_with_index do |v, i| %>\n<%= i %>:<%= v %>\n<% end %>\n",
  },
];

describe('printErb layout', () => {
  it.each(CASES)('$name', ({ nodes, erb }) => {
    expect(printErb(nodes)).toBe(erb);
  });

  it.skipIf(!erubisOk)('real Erubis renders every layout case to the IR text', () => {
    const rendered = renderWithErubis(CASES.map((c) => c.erb));
    expect(rendered).toEqual(CASES.map((c) => renderIr(c.nodes)));
  });
});

// ---- property test: random templates, rendered by real Erubis, equal the IR text ----

type RawNode =
  | { t: 'text'; s: string }
  | { t: 'outStr'; s: string }
  | { t: 'outVar'; pick: number }
  | { t: 'assign'; s: string }
  | { t: 'if'; branches: Array<{ cond: boolean; body: RawNode[] }>; otherwise: RawNode[] | null }
  | { t: 'each'; items: string[]; withIndex: boolean; body: RawNode[] };

const piece = fc.constantFrom(
  '<%',
  '%>',
  '<%%',
  '<%=',
  '<',
  '%',
  '=',
  '-',
  '#{',
  '#',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  '\t',
  'a',
  'b',
  "'",
  '"',
  '\\',
  'é',
);
// Line-shaped text (indentation, whole lines) puts statement tags where trimming is decided.
const linePiece = fc.constantFrom('\n', '  ', '\t', 'line\n', '  x\n', ' \t\n', '\r\n');
const textArb = fc.oneof(fc.string({ unit: piece, maxLength: 12 }), fc.string({ unit: linePiece, maxLength: 4 }));

const { nodes: rawNodes } = fc.letrec<{ node: RawNode; nodes: RawNode[] }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'erb' },
    { arbitrary: textArb.map((s): RawNode => ({ t: 'text', s })), weight: 5 },
    // A line end followed by indentation, or whitespace then a line end: the two halves of a trim decision.
    { arbitrary: fc.constantFrom('\n  ', '\n\t ', '\n', ' \n', '\t\r\n').map((s): RawNode => ({ t: 'text', s })), weight: 3 },
    { arbitrary: textArb.map((s): RawNode => ({ t: 'outStr', s })), weight: 2 },
    { arbitrary: fc.nat(5).map((pick): RawNode => ({ t: 'outVar', pick })), weight: 1 },
    { arbitrary: textArb.map((s): RawNode => ({ t: 'assign', s })), weight: 1 },
    {
      arbitrary: fc.record({
        t: fc.constant('if' as const),
        branches: fc.array(fc.record({ cond: fc.boolean(), body: tie('nodes') }), { minLength: 1, maxLength: 2 }),
        otherwise: fc.option(tie('nodes'), { nil: null }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        t: fc.constant('each' as const),
        items: fc.array(textArb, { maxLength: 3 }),
        withIndex: fc.boolean(),
        body: tie('nodes'),
      }),
      weight: 2,
    },
  ),
  nodes: fc.array(tie('node'), { maxLength: 6, depthIdentifier: 'erb' }),
}));

/** Turn raw nodes into IR with unique variable names, referencing only names in scope (as Ruby would see them). */
function toIr(raw: RawNode[]): ErbNode[] {
  let counter = 0;
  const build = (nodes: RawNode[], visible: string[]): ErbNode[] => {
    const scope = [...visible];
    return nodes.map((n): ErbNode => {
      switch (n.t) {
        case 'text':
          return text(n.s);
        case 'outStr':
          return out(str(n.s));
        case 'outVar':
          return scope.length > 0 ? out(rvar(scope[n.pick % scope.length]!)) : out(str(''));
        case 'assign': {
          const name = `v${counter++}`;
          scope.push(name);
          return { k: 'assign', name, value: str(n.s) };
        }
        case 'if': {
          // An if body shares the enclosing scope in Ruby, but a name assigned in a branch that did not run is nil:
          // keep references to names made inside a branch within that branch.
          const branches = n.branches.map((b) => ({ cond: bool(b.cond), body: build(b.body, scope) }));
          return { k: 'if', branches, otherwise: n.otherwise === null ? null : build(n.otherwise, scope) };
        }
        case 'each': {
          const item = `p${counter++}`;
          const idx = `i${counter++}`;
          const params = n.withIndex ? [item, idx] : [item];
          return { k: 'each', items: strArray(n.items), params, withIndex: n.withIndex, body: build(n.body, [...scope, ...params]) };
        }
      }
    });
  };
  return build(raw, []);
}

describe('printErb under real Erubis (property)', () => {
  it.skipIf(!erubisOk)('renders random templates to exactly the IR text', () => {
    const samples = fc.sample(rawNodes.map(toIr), { seed: 4242, numRuns: 800 });
    const templates = samples.map(printErb);
    const rendered = renderWithErubis(templates);
    // The sample must exercise the trim decisions, not only plain text.
    expect(templates.filter((t) => /^<% /m.test(t)).length).toBeGreaterThan(150);
    expect(templates.filter((t) => /[^\n]<% /.test(t)).length).toBeGreaterThan(100);
    const mismatches = samples
      .map((nodes, i) => ({ nodes, erb: templates[i]!, got: rendered[i]!, want: renderIr(nodes) }))
      .filter((r) => r.got !== r.want);
    expect(mismatches.slice(0, 3)).toEqual([]);
  });

  it.skipIf(!erubisOk)('renders every combination of line context around one statement', () => {
    // Exhaustive over the shapes that decide a trim: what precedes the tag on its line, what follows it.
    const before = ['', 'x', 'x\n', '\n  ', '  ', '\t', 'x\n \t', '\r\n '];
    const after = ['', '\n', '  \n', 'y', ' \r\n', '\n\n', '\t'];
    const stmts = (inner: string): ErbNode[] => [
      { k: 'if', branches: [{ cond: bool(true), body: [text(inner)] }], otherwise: [text(inner)] },
      { k: 'assign', name: 'v', value: str(inner) },
      { k: 'each', items: strArray(['1', '2']), params: ['i'], body: [text(inner), out(rvar('i'))] },
    ];
    const cases: ErbNode[][] = [];
    for (const a of before) for (const b of after) for (const c of after) for (const st of stmts(c)) cases.push([text(a), st, text(b)]);
    const templates = cases.map(printErb);
    const rendered = renderWithErubis(templates);
    const mismatches = cases
      .map((nodes, i) => ({ nodes, erb: templates[i]!, got: rendered[i]!, want: renderIr(nodes) }))
      .filter((r) => r.got !== r.want);
    expect(mismatches.slice(0, 3)).toEqual([]);
    expect(templates.filter((t) => /<%= ['"][ \\t]+['"] %><% /.test(t)).length).toBeGreaterThan(10);
  });

  it('output tags never contain %> inside their Ruby', () => {
    fc.assert(
      fc.property(rawNodes.map(toIr), (nodes) => {
        const erb = printErb(nodes);
        for (const m of erb.matchAll(/<%=? ((?:(?!%>)[\s\S])*) %>/g)) expect(m[1]).not.toContain('%>');
      }),
      { seed: 4243, numRuns: 200 },
    );
  });
});
