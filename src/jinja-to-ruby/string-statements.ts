// A variable string holding `{% if %}` blocks: one Ruby value, the text
// each branch renders chosen by a ternary, then Ansible's convert_data on the whole.
//
// Ansible renders such a string with its usual settings (trim_blocks on: the newline after a
// block tag goes), joins the pieces into one text and reads it back as a list, dict or boolean
// when it looks like one (ansible_eval_concat); a string result gets the trailing newlines of
// the source that Jinja dropped. Comments render nothing. A `{% filter %}` block renders its body
// as text (Jinja joins the body's pieces, each printed with str()), applies its filters to that text
// and prints the result with str() (no finalize: None prints 'None'). A string that also holds `{% set %}`
// and `{% for %}` building a list goes to string-accumulate.ts; other statements stay TODO.
import { ANSIBLE_JINJA_SETTINGS, applyWhitespace, parseString, type Expr, type Node, type Pos } from '../load/jinja/index.js';
import { call, int, someExpr, str, type RExpr } from '../ir/ruby-ast.js';
import { testOf, translateTyped } from './expr.js';
import { J, printable, pyStr } from './rb.js';
import { untranslatable, withLocals, type JinjaScope } from './scope.js';
import { Names, translateAccumulation } from './string-accumulate.js';
import { reRead } from './re-read.js';

/** Statements a value can render: a node of any other kind keeps the string a TODO. */
const RENDERABLE = new Set<Node['kind']>(['text', 'output', 'if', 'comment', 'filterblock']);

/**
 * The value of a variable string whose parsed `nodes` hold an `{% if %}`; `text` is the string
 * as written and `escaped` the same after Ansible's backslash escaping (what `nodes` parsed).
 */
export function translateStatementString(text: string, escaped: string, nodes: Node[], scope: JinjaScope): RExpr {
  const other = firstOther(nodes, scope.rawText === true);
  if (other?.kind === 'raw')
    untranslatable(
      'string:raw',
      '{% raw %} inside a variable string is translated only in the value of a variable no set_fact stores (Ansible templates the text a set_fact stored once more when it is read)',
      other.pos,
    );
  if (other && !ACCUMULATING.has(other.kind)) {
    untranslatable(
      `string:${other.kind}`,
      `{% ${other.kind === 'other' ? other.tagName : other.kind} %} inside a variable string is not translated`,
      other.pos,
    );
  }
  const fix = fixerByPosition(text, escaped, nodes, scope);
  const rendered = applyWhitespace(nodes, ANSIBLE_JINJA_SETTINGS);
  const names = new Names();
  const value = other
    ? translateAccumulation(rendered, scope, names, (tail, s) => reRead(render(tail, s, fix, names)))
    : reRead(render(rendered, scope, fix, names));
  if (nestsTernaryInLoop(value)) {
    untranslatable(
      other ? 'string:set' : 'string:if',
      'the translation would nest one conditional expression in another inside a loop, where the printer cannot compute it first (Cookstyle refuses nested ternaries: Style/NestedTernaryOperator); not written yet',
      nodes[0]!.pos,
    );
  }
  // Jinja drops one trailing newline; Ansible gives a text result back all the source had.
  const newlines = text.length - text.replace(/\n+$/, '').length;
  return newlines > 0 ? J('keep_trailing_newlines', [value, int(newlines)]) : value;
}

/** Statements a list-building string may also hold (string-accumulate.ts). */
const ACCUMULATING = new Set<Node['kind']>(['set', 'for']);

function firstOther(nodes: Node[], raw: boolean): Node | undefined {
  for (const n of nodes) {
    if (!RENDERABLE.has(n.kind) && !(raw && n.kind === 'raw')) return n;
    if (n.kind === 'if') {
      const inner = firstOther([...n.branches.flatMap((b) => b.body), ...(n.else ?? [])], raw);
      if (inner) return inner;
    }
    if (n.kind === 'filterblock') {
      const inner = firstOther(n.body, raw);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * The text `nodes` render, as one Ruby string expression. Each piece inside `{% if %}` blocks is
 * rendered on its own behind the conjunction of the tests that lead to it (a branch's own test
 * and the negation of the earlier ones), so the Ruby holds no conditional inside another
 * (Cookstyle's Style/NestedTernaryOperator). A test used more than once is computed once, where
 * Jinja computes it (`test.then { |taken| ... }` around the text).
 */
export function render(nodes: Node[], scope: JinjaScope, fix: (pos: Pos, e: RExpr) => RExpr, names: Names): RExpr {
  const bound: Array<[string, RExpr]> = [];
  const bind = (e: RExpr, pos: Pos): RExpr => {
    const local = names.fresh('taken', pos);
    bound.push([local, e]);
    return { k: 'var', name: local };
  };
  const text = joined(renderUnder(nodes, scope, fix, undefined, bind));
  return bound.reduceRight<RExpr>(
    (body, [local, e]) => ({ k: 'call', recv: e, name: 'then', args: [], block: { params: [local], body } }),
    text,
  );
}

/** Rendered pieces as one Ruby String: an interpolation is text whatever its parts hold (`"#{nil}"` is '', as None prints in Ansible). */
function joined(parts: Array<string | RExpr>): RExpr {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (parts.every((p) => typeof p === 'string')) return str(parts.join(''));
  if (only !== undefined && typeof only !== 'string') return isText(only) ? only : call(only, 'to_s');
  return { k: 'interp', parts };
}

type Bind = (e: RExpr, pos: Pos) => RExpr;

/**
 * `{% filter f | g %}body{% endfilter %}`: the body's text through the filters, printed with str().
 * Under an `{% if %}` the piece is already behind its branch's test; an `{% if %}` in the body there
 * would put one conditional inside another, which the printer cannot write (Cookstyle refuses it).
 */
function filtered(
  n: Extract<Node, { kind: 'filterblock' }>,
  scope: JinjaScope,
  fix: (pos: Pos, e: RExpr) => RExpr,
  guard: RExpr | undefined,
  bind: Bind,
): RExpr {
  if (guard !== undefined && hasIf(n.body))
    untranslatable('string:filterblock', '{% if %} inside a {% filter %} block inside an {% if %} is not translated', n.pos);
  const text = joined(renderUnder(n.body, scope, fix, undefined, bind));
  // Each filter's node is a placeholder for the value it filters: chain them over the text.
  const placeholder = '{% filtered %}';
  const chain = n.filters.reduce<Expr>((node, f) => ({ ...f, node }), { kind: 'name', name: placeholder, pos: n.pos });
  const base = withLocals(scope, []);
  const inner: JinjaScope = { ...base, lookupVar: (name) => (name === placeholder ? { kind: 'ruby', expr: text } : scope.lookupVar(name)) };
  return pyStr(translateTyped(chain, inner));
}

function hasIf(nodes: Node[]): boolean {
  return nodes.some((n) => n.kind === 'if' || (n.kind === 'filterblock' && hasIf(n.body)));
}

/** The pieces of `nodes` when `guard` holds (always when undefined). */
function renderUnder(
  nodes: Node[],
  scope: JinjaScope,
  fix: (pos: Pos, e: RExpr) => RExpr,
  guard: RExpr | undefined,
  bind: Bind,
): Array<string | RExpr> {
  const out: Array<string | RExpr> = [];
  let run: Array<string | RExpr> = [];
  const flush = () => {
    if (run.length === 0) return;
    if (guard === undefined) out.push(...run);
    else
      out.push({
        k: 'ternary',
        c: guard,
        t: run.every((p) => typeof p === 'string') ? str(run.join('')) : { k: 'interp', parts: run },
        f: str(''),
      });
    run = [];
  };
  for (const n of nodes) {
    // A raw block is text (scope.rawText: the caller allowed it; whitespace control applied its tags).
    if (n.kind === 'text' || (n.kind === 'raw' && scope.rawText)) run.push(n.text);
    else if (n.kind === 'output') run.push(fix(n.pos, printable(translateTyped(n.expr, scope))));
    else if (n.kind === 'filterblock') run.push(filtered(n, scope, fix, guard, bind));
    else if (n.kind === 'if') {
      flush();
      // Jinja tests the branches in order and renders the first true one (or else, or nothing).
      // A lone branch of plain text uses its test once; otherwise each branch's "taken" is bound.
      const once = n.branches.length === 1 && !n.else && !n.branches[0]!.body.some((x) => x.kind === 'if');
      const earlier: RExpr[] = [];
      // Taken: the guard holds, no earlier branch was taken, and the branch's own test holds.
      const branch = (own: RExpr | undefined, body: Node[]): RExpr => {
        const conds = [...(guard ? [guard] : []), ...earlier.map((c): RExpr => ({ k: 'not', e: c })), ...(own ? [own] : [])];
        const taken = conds.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b }));
        // The else branch's "taken" reads only names already bound: nothing to compute once.
        const g = once || own === undefined ? taken : bind(taken, n.pos);
        out.push(...renderUnder(body, scope, fix, g, bind));
        return g;
      };
      for (const b of n.branches) earlier.push(branch(testOf(b.test, scope), b.body));
      if (n.else) branch(undefined, n.else);
    } else if (n.kind !== 'comment') {
      untranslatable(`string:${n.kind}`, `{% ${n.kind} %} is not translated here`, n.pos);
    }
  }
  flush();
  return out;
}

/** A Ruby expression that is a String already: a literal, A2C::Jinja.out/str, a choice between such. */
function isText(e: RExpr): boolean {
  if (e.k === 'str' || e.k === 'interp') return true;
  if (e.k === 'ternary') return isText(e.t) && isText(e.f);
  return e.k === 'call' && e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Jinja' && (e.name === 'out' || e.name === 'str');
}

/**
 * Whether a conditional expression sits inside another in the body of a block that runs per item (a fold's):
 * elsewhere, and in a `then` block (run once), the printer writes such a value as if/elsif/else.
 */
export function nestsTernaryInLoop(e: RExpr): boolean {
  return someExpr(e, (x) => x.k === 'call' && x.block !== undefined && x.name !== 'then' && nestsTernary(x.block.body));
}

/** Whether a conditional expression sits inside another (in a branch, the test or a block). */
export function nestsTernary(e: unknown, inside = false): boolean {
  if (Array.isArray(e)) return e.some((x) => nestsTernary(x, inside));
  if (typeof e !== 'object' || e === null) return false;
  const v = e as Record<string, unknown>;
  const ternary = v['k'] === 'ternary';
  if (ternary && inside) return true;
  return Object.values(v).some((x) => nestsTernary(x, inside || ternary));
}

/**
 * The audit's fix for each `{{ }}`, found by its position as written: the parse of the escaped
 * text places outputs after a doubled backslash further right, so positions are matched in order.
 */
function fixerByPosition(text: string, escaped: string, nodes: Node[], scope: JinjaScope): (pos: Pos, e: RExpr) => RExpr {
  const fixOutput = scope.fixOutput;
  if (!fixOutput) return (_p, e) => e;
  const mine = outputsOf(nodes);
  const original = escaped === text ? undefined : parseString(text);
  const written = original?.ok ? outputsOf(original.value) : mine;
  const at = new Map(mine.map((p, i) => [`${p.line}:${p.col}`, written.length === mine.length ? written[i]! : p]));
  return (pos, e) => fixOutput({ pos: at.get(`${pos.line}:${pos.col}`) ?? pos }, e);
}

function outputsOf(nodes: Node[], out: Pos[] = []): Pos[] {
  for (const n of nodes) {
    if (n.kind === 'output') out.push(n.pos);
    else if (n.kind === 'if') {
      for (const b of n.branches) outputsOf(b.body, out);
      if (n.else) outputsOf(n.else, out);
    } else if (n.kind === 'filterblock') outputsOf(n.body, out);
  }
  return out;
}
