// A variable string holding `{% if %}` blocks: one Ruby value, the text
// each branch renders chosen by a ternary, then Ansible's convert_data on the whole.
//
// Ansible renders such a string with its usual settings (trim_blocks on: the newline after a
// block tag goes), joins the pieces into one text and reads it back as a list, dict or boolean
// when it looks like one (ansible_eval_concat); a string result gets the trailing newlines of
// the source that Jinja dropped. Comments render nothing. A string that also holds `{% set %}`
// and `{% for %}` building a list goes to string-accumulate.ts; other statements stay TODO.
import { ANSIBLE_JINJA_SETTINGS, applyWhitespace, parseString, type Node, type Pos } from '../../jinja/index.js';
import { int, str, type RExpr } from '../../ruby/ast.js';
import { translateTyped } from './expr.js';
import { J, printable, pyTruthy } from './rb.js';
import { untranslatable, type JinjaScope } from './scope.js';
import { translateAccumulation } from './string-accumulate.js';

/** Statements a value can render: a node of any other kind keeps the string a TODO. */
const RENDERABLE = new Set<Node['kind']>(['text', 'output', 'if', 'comment']);

/**
 * The value of a variable string whose parsed `nodes` hold an `{% if %}`; `text` is the string
 * as written and `escaped` the same after Ansible's backslash escaping (what `nodes` parsed).
 */
export function translateStatementString(text: string, escaped: string, nodes: Node[], scope: JinjaScope): RExpr {
  const other = firstOther(nodes);
  if (other && !ACCUMULATING.has(other.kind)) {
    untranslatable(`string:${other.kind}`, `{% ${other.kind === 'other' ? other.tagName : other.kind} %} inside a variable string is not translated`, other.pos);
  }
  const fix = fixerByPosition(text, escaped, nodes, scope);
  const rendered = applyWhitespace(nodes, ANSIBLE_JINJA_SETTINGS);
  const value = other
    ? translateAccumulation(rendered, scope, (tail, s) => J('convert_data', [render(tail, s, fix)]))
    : J('convert_data', [render(rendered, scope, fix)]);
  // Jinja drops one trailing newline; Ansible gives a text result back all the source had.
  const newlines = text.length - text.replace(/\n+$/, '').length;
  return newlines > 0 ? J('keep_trailing_newlines', [value, int(newlines)]) : value;
}

/** Statements a list-building string may also hold (string-accumulate.ts). */
const ACCUMULATING = new Set<Node['kind']>(['set', 'for']);

function firstOther(nodes: Node[]): Node | undefined {
  for (const n of nodes) {
    if (!RENDERABLE.has(n.kind)) return n;
    if (n.kind === 'if') {
      const inner = firstOther([...n.branches.flatMap((b) => b.body), ...(n.else ?? [])]);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The text `nodes` render, as one Ruby string expression (each `if` a ternary inside it). */
function render(nodes: Node[], scope: JinjaScope, fix: (pos: Pos, e: RExpr) => RExpr): RExpr {
  const parts: Array<string | RExpr> = [];
  for (const n of nodes) {
    if (n.kind === 'text') parts.push(n.text);
    else if (n.kind === 'output') parts.push(fix(n.pos, printable(translateTyped(n.expr, scope))));
    else if (n.kind === 'if') {
      // Jinja tests the branches in order and renders the first true one (or else, or nothing).
      let chosen: RExpr = n.else ? render(n.else, scope, fix) : str('');
      for (const b of [...n.branches].reverse()) {
        chosen = { k: 'ternary', c: pyTruthy(translateTyped(b.test, scope)), t: render(b.body, scope, fix), f: chosen };
      }
      parts.push(chosen);
    } else if (n.kind !== 'comment') {
      untranslatable(`string:${n.kind}`, `{% ${n.kind} %} is not translated here`, n.pos);
    }
  }
  // An interpolation is text whatever its parts hold (`"#{nil}"` is '', as None prints in Ansible).
  if (parts.every((p) => typeof p === 'string')) return str(parts.join(''));
  return { k: 'interp', parts };
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
    }
  }
  return out;
}
