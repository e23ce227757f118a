// Rendered lines of a template or a Jinja string, with each `{{ }}` output replaced by a marker
// (U+E000 index U+E001), so the rules are regular expressions over ordinary config-file lines.
// Loop and set targets are bound to the values they iterate, for value flow inside the body.
import type { Expr, Node, Pos } from '../load/jinja/index.js';
import { elements, type Env, type Val, type ValueFlow } from './values.js';

export interface Out {
  expr: Expr;
  pos: Pos;
  env: Env;
}

export interface Line {
  /** The line's text with outputs as markers. */
  text: string;
  /** Source line where the line starts. */
  line: number;
  /** Text nodes that make up the line, for literal fixes (keyed by their position). */
  texts: Node[];
}

export interface Rendered {
  lines: Line[];
  outs: Out[];
  /** The values of `{% set %}` statements (keyed by the statement's position): no line shows them, an expression rule may. */
  sets?: Out[];
}

export const MARK = (i: number) => `\uE000${i}\uE001`;
export const MARK_RE = /\uE000(\d+)\uE001/g;

export function renderLines(nodes: Node[], env: Env, flow: ValueFlow): Rendered {
  // A one-line text (most values of a variables file): its one line, as the walk below makes it,
  // without the closures and the split the walk makes for every string.
  const only = nodes.length === 1 ? nodes[0]! : undefined;
  if (only?.kind === 'text' && !only.text.includes('\n'))
    return { lines: [{ text: only.text, line: only.pos.line, texts: [only] }], outs: [] };
  const outs: Out[] = [];
  const sets: Out[] = [];
  const lines: Line[] = [];
  let cur: Line | undefined;
  const push = (text: string, pos: Pos, node: Node | undefined) => {
    let line = pos.line;
    const parts = text.split('\n');
    parts.forEach((p, i) => {
      if (i > 0) {
        cur = undefined;
        line++;
      }
      if (!cur) {
        cur = { text: '', line, texts: [] };
        lines.push(cur);
      }
      cur.text += p;
      if (node && !cur.texts.includes(node)) cur.texts.push(node);
    });
  };
  const walk = (list: Node[], e: Env): Env => {
    for (const n of list) e = visit(n, e);
    return e;
  };
  const visit = (n: Node, e: Env): Env => {
    switch (n.kind) {
      case 'text':
      case 'raw':
        push(n.text, n.pos, n);
        return e;
      case 'output':
        outs.push({ expr: n.expr, pos: n.pos, env: e });
        push(MARK(outs.length - 1), n.pos, undefined);
        return e;
      case 'if':
        n.branches.forEach((b) => walk(b.body, e));
        if (n.else) walk(n.else, e);
        return e;
      case 'for': {
        const pairs = dictItems(n.iter, n.target, e, flow);
        const items = pairs ? [] : flow.vals(n.iter, e).flatMap((v) => elements(v, flow));
        walk(n.body, pairs ?? bind(e, n.target, items));
        if (n.else) walk(n.else, e);
        return e;
      }
      case 'set':
        sets.push({ expr: n.value, pos: n.pos, env: e });
        return bind(e, n.target, flow.vals(n.value, e));
      case 'with':
      case 'macro':
      case 'callblock':
      case 'filterblock':
      case 'setblock':
        walk(n.body, e);
        return e;
      case 'other':
        if (n.body) walk(n.body, e);
        return e;
      default:
        return e;
    }
  };
  walk(nodes, env);
  return sets.length ? { lines, outs, sets } : { lines, outs };
}

/**
 * `{% for k, v in d.items() %}` over a mapping the value flow knows: k is bound to the keys, as
 * written (`{'0.0.0.0': 5671}` binds to its key), v to the values. Undefined for any other loop.
 */
function dictItems(iter: Expr, target: Expr, e: Env, flow: ValueFlow): Env | undefined {
  if (iter.kind !== 'call' || iter.args.length || iter.node.kind !== 'getattr' || iter.node.attr !== 'items') return undefined;
  if (target.kind !== 'tuple' || target.items.length !== 2) return undefined;
  const [k, v] = target.items;
  if (k?.kind !== 'name' || v?.kind !== 'name') return undefined;
  const keys: Val[] = [];
  const values: Val[] = [];
  for (const d of flow.vals(iter.node.node, e)) {
    if (!('yaml' in d) || d.yaml.kind !== 'map') continue;
    for (const entry of d.yaml.entries) {
      if (entry.key.kind !== 'scalar') continue;
      const key = String(entry.key.value);
      keys.push({ leaves: [flow.keyLeaf(entry.key, d.variable)] });
      values.push(...flow.node(entry.value, `${d.variable}.${key}`));
    }
  }
  if (!keys.length) return undefined;
  const locals = new Map(e.locals);
  locals.set(k.name, keys);
  locals.set(v.name, values);
  return { ...e, locals };
}

function bind(e: Env, target: Expr, vals: Val[]): Env {
  const locals = new Map(e.locals);
  if (target.kind === 'name') locals.set(target.name, vals);
  else if (target.kind === 'tuple')
    for (const t of target.items) if (t.kind === 'name') locals.set(t.name, [{ leaves: [{ cls: 'unknown', variable: t.name }] }]);
  return { ...e, locals };
}

/** The Jinja source of an expression, normalised (for the report). */
export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'name':
      return e.name;
    case 'const':
      return typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
    case 'getattr':
      return `${exprText(e.node)}.${e.attr}`;
    case 'getitem':
      return `${exprText(e.node)}[${exprText(e.arg)}]`;
    case 'filter': {
      const args = e.args.map(exprText);
      return `${exprText(e.node)} | ${e.name}${args.length ? `(${args.join(', ')})` : ''}`;
    }
    case 'binop':
      return `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
    case 'list':
      return `[${e.items.map(exprText).join(', ')}]`;
    default:
      return '…';
  }
}

/** A line with its markers shown as `{{ expr }}`. */
export function showLine(text: string, outs: Out[]): string {
  return text.replace(MARK_RE, (_, i: string) => `{{ ${exprText(outs[Number(i)]!.expr)} }}`).trim();
}
