// Applies the audit's fixes to the translated IR before it is printed: address expressions joined
// to a port (or written under a bracket-required key) go through A2C::Net.ipwrap, and with
// --ipv6-only, IPv4-only bind literals and facts become their IPv6 counterparts.
// Template outputs are matched to ERB nodes by order: the translator emits one ERB `out` per Jinja
// output and one ERB `text` per kept text node, in the order walked here.
import type { Attribute, ErbNode, Property, Stmt, Template } from '../chef/ir.js';
import type { Span } from '../diagnostics.js';
import type { ChefProject } from '../translate/project.js';
import type { Node } from '../jinja/index.js';
import type { RExpr } from '../ruby/ast.js';
import type { PlannedRewrite, Rewrite } from './findings.js';
import type { TemplateTrees } from './sources.js';
import type { Rules } from './rules.js';

export const ipwrap = (e: RExpr): RExpr => ({ k: 'call', recv: { k: 'const', path: ['A2C', 'Net'] }, name: 'ipwrap', args: [e] });

const isIpwrap = (e: RExpr) => e.k === 'call' && e.name === 'ipwrap' && e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Net';

/** Applies every planned rewrite; returns the ones that found no IR counterpart. */
export function applyRewrites(chef: ChefProject, planned: PlannedRewrite[], trees: TemplateTrees, rules: Rules): PlannedRewrite[] {
  const missed: PlannedRewrite[] = [];
  const ix = planned.length ? indexIr(chef) : undefined;
  for (const p of planned) if (!applyOne(chef, ix!, p.rewrite, trees, rules)) missed.push(p);
  return missed;
}

/**
 * Where rewrites land, looked up once: each rewrite used to walk every cookbook, which made the
 * audit's fixes cost rewrites x IR size (a rewrite per role on a large estate). Rewrites change
 * values only, never which attributes, resources or templates exist, so the index stays true.
 */
interface IrIndex {
  attributes: Map<string, Attribute[]>;
  policyAttributes: Map<string, Array<{ value: RExpr }>>;
  resources: Map<string, Array<Extract<Stmt, { kind: 'resource' }>>>;
  templates: Map<string, Template[]>;
}

const pathKey = (p: string[]) => p.join('\0');
const lineKey = (span: Span) => `${span.file}\0${span.line}`;

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function indexIr(chef: ChefProject): IrIndex {
  const ix: IrIndex = { attributes: new Map(), policyAttributes: new Map(), resources: new Map(), templates: new Map() };
  const visit = (stmts: Stmt[]) => {
    for (const s of stmts) {
      if (s.kind === 'each') visit(s.body);
      else if (s.kind === 'if') {
        visit(s.body);
        if (s.otherwise) visit(s.otherwise);
      } else if (s.kind === 'resource') push(ix.resources, lineKey(s.origin.span), s);
    }
  };
  for (const cb of chef.cookbooks) {
    for (const a of cb.attributes) if (!a.todo) push(ix.attributes, pathKey(a.path), a);
    for (const t of cb.templates) push(ix.templates, t.source, t);
    for (const rec of cb.recipes) visit(rec.stmts);
  }
  for (const pol of chef.policies) for (const a of pol.attributes) push(ix.policyAttributes, pathKey(a.path), a);
  return ix;
}

function applyOne(chef: ChefProject, ix: IrIndex, r: Rewrite, trees: TemplateTrees, rules: Rules): boolean {
  switch (r.k) {
    case 'tpl-wrap':
    case 'tpl-v6':
    case 'tpl-text':
      return rewriteTemplate(ix, r, trees, rules);
    case 'var-wrap':
      return rewriteVariable(chef, ix, r.variable, (e) => wrapJoins(e, r.names, variableAt(chef)));
    case 'var-v6':
      return rewriteVariable(chef, ix, r.variable, (e) => toIpv6(e, rules), (v) => (typeof v === 'string' ? rules.bindRewrite.get(v) ?? v : v));
    case 'task-wrap':
      return rewriteTask(ix, r, (e) => wrapJoins(e, r.names, variableAt(chef)));
    case 'task-text':
      return rewriteTask(ix, r, (e) => replaceOnLine(e, r.line, r.from, r.to));
    case 'task-value':
      return rewriteTask(ix, r, (e) => e, (props) => {
        const option = props.find((p) => p.name === 'option')?.value;
        const value = props.find((p) => p.name === 'value');
        if (option?.k !== 'str' || option.v !== r.key || value?.value.k !== 'str' || value.value.v !== r.from) return false;
        value.value = { k: 'str', v: r.to };
        return true;
      });
  }
}

/**
 * The literal lines of a string value equal to `line` get `from` replaced by `to`. In an
 * interpolation only lines wholly inside one literal part count: a line that mixes text and values
 * is left alone (and the rewrite reported as not made).
 */
function replaceOnLine(e: RExpr, line: string, from: string, to: string): RExpr {
  const fix = (text: string, firstWhole: boolean, lastWhole: boolean) => {
    const lines = text.split('\n');
    return lines.map((l, i) => ((i > 0 || firstWhole) && (i < lines.length - 1 || lastWhole) && l === line ? replaceBindLiteral(l, from, to) : l)).join('\n');
  };
  return mapExpr(e, (x) => {
    if (x.k === 'str') return { k: 'str', v: fix(x.v, true, true) };
    if (x.k === 'interp') return { k: 'interp', parts: x.parts.map((p, i) => (typeof p === 'string' ? fix(p, i === 0, i === x.parts.length - 1) : p)) };
    return x;
  });
}

/** Jinja outputs and texts in the order the template translator emits their ERB nodes. */
function erbOrder(nodes: Node[], outs: Node[], texts: Node[]): void {
  for (const n of nodes) {
    if (n.kind === 'output') outs.push(n);
    else if ((n.kind === 'text' || n.kind === 'raw') && n.text) texts.push(n);
    else if (n.kind === 'if') {
      n.branches.forEach((b) => erbOrder(b.body, outs, texts));
      if (n.else) erbOrder(n.else, outs, texts);
    } else if (n.kind === 'for') {
      // for/else becomes `if items.empty? then <else> else <each>`: the else body comes first.
      if (n.else) erbOrder(n.else, outs, texts);
      erbOrder(n.body, outs, texts);
    }
  }
}

function erbNodes(body: ErbNode[], outs: ErbNode[], texts: ErbNode[]): void {
  for (const n of body) {
    if (n.k === 'out') outs.push(n);
    else if (n.k === 'text') texts.push(n);
    else if (n.k === 'if') {
      n.branches.forEach((b) => erbNodes(b.body, outs, texts));
      if (n.otherwise) erbNodes(n.otherwise, outs, texts);
    } else if (n.k === 'each') erbNodes(n.body, outs, texts);
  }
}

function rewriteTemplate(ix: IrIndex, r: Extract<Rewrite, { k: 'tpl-wrap' | 'tpl-v6' | 'tpl-text' }>, trees: TemplateTrees, rules: Rules): boolean {
  const tree = trees.get(r.file);
  if (!tree) return false;
  const jOuts: Node[] = [];
  const jTexts: Node[] = [];
  erbOrder(tree, jOuts, jTexts);
  let applied = false;
  {
    for (const t of ix.templates.get(r.file) ?? []) {
      const eOuts: ErbNode[] = [];
      const eTexts: ErbNode[] = [];
      erbNodes(t.body, eOuts, eTexts);
      // The trailing-newline padding may add one text node at the end.
      if (eOuts.length !== jOuts.length || eTexts.length < jTexts.length) continue;
      if (r.k === 'tpl-text') {
        const e = eTexts[jTexts.indexOf(r.text)];
        if (e?.k !== 'text' || !e.text.includes(r.from)) continue;
        e.text = replaceBindLiteral(e.text, r.from, r.to);
        applied = true;
        continue;
      }
      const e = eOuts[jOuts.indexOf(r.out)];
      if (e?.k !== 'out') continue;
      if (r.k === 'tpl-wrap') {
        if (!isIpwrap(e.expr)) e.expr = ipwrap(e.expr);
      } else e.expr = toIpv6(e.expr, rules);
      applied = true;
    }
  }
  return applied;
}

/** `bind 127.0.0.1:9000` -> `bind [::1]:9000`; `to` already carries brackets when a port follows. */
function replaceBindLiteral(text: string, from: string, to: string): string {
  const escaped = from.replace(/\./g, '\\.');
  return text.replace(new RegExp(`(?<![\\d.])${escaped}(?![\\d.])`), to);
}

function rewriteVariable(chef: ChefProject, ix: IrIndex, variable: string, f: (e: RExpr) => RExpr, data?: (v: unknown) => unknown): boolean {
  const path = chef.symbols.get(variable)?.path;
  if (!path) return false;
  let applied = false;
  for (const a of ix.attributes.get(pathKey(path)) ?? []) { a.value = f(a.value); applied = true; }
  for (const a of ix.policyAttributes.get(pathKey(path)) ?? []) { a.value = f(a.value); applied = true; }
  if (data) {
    for (const n of chef.nodes) {
      const holder = path.slice(0, -1).reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), n.normal);
      const last = path[path.length - 1]!;
      if (holder && typeof holder === 'object' && last in holder) {
        (holder as Record<string, unknown>)[last] = data((holder as Record<string, unknown>)[last]);
        applied = true;
      }
    }
  }
  return applied;
}

/** Rewrites the resources made from the task at r.span: each property through f, or each resource through `resource`. */
function rewriteTask(ix: IrIndex, r: { span: Span; property?: string }, f: (e: RExpr) => RExpr, resource?: (props: Property[]) => boolean): boolean {
  let applied = false;
  for (const s of ix.resources.get(lineKey(r.span)) ?? []) {
    if (resource) {
      if (resource(s.properties)) applied = true;
      continue;
    }
    for (const p of s.properties) {
      if (r.property !== undefined) {
        if (p.name === r.property && !isIpwrap(p.value)) { p.value = ipwrap(p.value); applied = true; }
      } else {
        const next = f(p.value);
        if (next !== p.value) { p.value = next; applied = true; }
      }
    }
  }
  return applied;
}

/** The Ansible variable whose attribute is at `path` (a key need not be the variable's name: attribute-keys.ts). */
type VariableAt = (path: string[]) => string | undefined;

const variableAt = (chef: ChefProject): VariableAt => (path) => chef.symbols.atPath(path)?.name;

/**
 * The Jinja name an RExpr reads (`A2C::Jinja.var(node, 'cb', 'key')` and `node['cb']['key']` -> the
 * variable at that attribute path, `item['k']` -> item.k).
 */
function readName(e: RExpr, nameAt: VariableAt): string | undefined {
  if (e.k === 'var') return e.name;
  if (e.k === 'index' && e.key.k === 'str') {
    const path = nodePath(e);
    if (path) {
      for (let i = 1; i <= path.length; i++) {
        const name = nameAt(path.slice(0, i));
        if (name !== undefined) return [name, ...path.slice(i)].join('.');
      }
      return undefined;
    }
    const base = readName(e.recv, nameAt);
    return base === undefined ? undefined : `${base}.${e.key.v}`;
  }
  if (e.k !== 'call') return undefined;
  const last = e.args[e.args.length - 1];
  if (e.recv?.k === 'const' && e.recv.path.join('::') === 'A2C::Jinja') {
    const path = e.args.slice(1);
    if (e.name === 'var' && path.length && path.every((a) => a.k === 'str')) {
      const keys = path.map((a) => (a as { v: string }).v);
      // A path no variable has (none the translator prints): its key is all there is to go by.
      return nameAt(keys) ?? keys[keys.length - 1];
    }
    if (e.args.length === 1 && e.args[0]) return readName(e.args[0], nameAt);
  }
  if (e.name === 'fetch' && last?.k === 'str') return last.v;
  return undefined;
}

/** ['cb', 'key'] of `node['cb']['key']`, else undefined. */
function nodePath(e: RExpr): string[] | undefined {
  const keys: string[] = [];
  let cur = e;
  while (cur.k === 'index' && cur.key.k === 'str') {
    keys.unshift(cur.key.v);
    cur = cur.recv;
  }
  return cur.k === 'call' && cur.name === 'node' && !cur.recv && cur.args.length === 0 && keys.length ? keys : undefined;
}

/** Wraps interpolated parts that read one of `names` and are followed by `:port`. */
export function wrapJoins(e: RExpr, names: string[], nameAt: VariableAt): RExpr {
  return mapExpr(e, (x) => {
    if (x.k !== 'interp') return x;
    let changed = false;
    const parts = x.parts.map((p, i) => {
      if (typeof p === 'string' || isIpwrap(p)) return p;
      const next = x.parts[i + 1];
      const prev = x.parts[i - 1];
      const port = typeof next === 'string' && (/^:\d/.test(next) || (next === ':' && typeof x.parts[i + 2] === 'object'));
      const bracketed = typeof prev === 'string' && prev.endsWith('[');
      const name = readName(p, nameAt);
      if (!port || bracketed || name === undefined || !names.includes(name)) return p;
      changed = true;
      return ipwrap(p);
    });
    return changed ? { k: 'interp', parts } : x;
  });
}

/** IPv4 bind literals -> IPv6 ones; `node['ipaddress']` -> the IPv6 Ohai attribute. */
function toIpv6(e: RExpr, rules: Rules): RExpr {
  return mapExpr(e, (x) => {
    if (x.k === 'str') {
      const to = rules.bindRewrite.get(x.v);
      return to === undefined ? x : { k: 'str', v: to };
    }
    if (x.k === 'index' && x.key.k === 'str' && x.key.v === 'ipaddress' && x.recv.k === 'call' && x.recv.name === 'node' && !x.recv.recv) {
      return { ...x, key: { k: 'str', v: rules.ipv6FactAttribute } };
    }
    return x;
  });
}

/** Bottom-up map over an expression tree; returns the same object when nothing changed. */
function mapExpr(e: RExpr, f: (e: RExpr) => RExpr): RExpr {
  const m = (x: RExpr) => mapExpr(x, f);
  let next: RExpr = e;
  switch (e.k) {
    case 'array': next = { ...e, items: e.items.map(m) }; break;
    case 'hash': next = { ...e, pairs: e.pairs.map(([k, v]) => [m(k), m(v)] as [RExpr, RExpr]) }; break;
    case 'interp': next = { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : m(p))) }; break;
    case 'index': next = { ...e, recv: m(e.recv), key: m(e.key) }; break;
    case 'call': next = { ...e, ...(e.recv ? { recv: m(e.recv) } : {}), args: e.args.map(m) }; break;
    case 'binop': next = { ...e, l: m(e.l), r: m(e.r) }; break;
    case 'not': case 'neg': case 'lazy': next = { ...e, e: m(e.e) }; break;
    case 'ternary': next = { ...e, c: m(e.c), t: m(e.t), f: m(e.f) }; break;
    default: break;
  }
  const out = f(next);
  return sameTree(out, e) ? e : out;
}

/** Structural equality (mapExpr asks it at every level, so serialising both trees was quadratic). */
function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameTree(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameTree((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
