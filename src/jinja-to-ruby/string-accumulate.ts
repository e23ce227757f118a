// A variable string that builds a list with statements, the idiom of many roles:
//
//   {% set packages = base_packages %}
//   {% if feature_enabled %}{% set _ = packages.extend(feature_packages) %}{% endif %}
//   {% for x in extras %}{% set _ = packages.append(x) %}{% endfor %}
//   {{ packages | unique }}
//
// as one Ruby value: the list is threaded through the statements (`then`, A2C::Jinja.fold), each
// append/extend giving a new list (A2C::Jinja.appended/extended), then the text after the
// statements is rendered with it and read back by convert_data, as Ansible does. A dict the
// string starts (`{% set services = {} %}`) and fills with `services.update({key: value})` is
// threaded the same way (A2C::Jinja.dict_updated, with Python's key matching).
//
// Why new lists are faithful: Ansible templates a variable into a fresh copy each time a template
// reads it, so the list a `set` takes from a variable is the template's own; the translation
// refuses every other way the list could be seen while it changes (a second name for it, a read
// of it before the end, a mutation of anything else, a variable it starts as read again). Accepted: top-level `set name = value`;
// `set _ = list.append(x)` / `.extend(xs)` and the `{% if list.append(x) %}{% endif %}` form;
// `if` blocks and `for` loops (no else, filter, recursion or `loop`) holding those, and inside a
// loop `set`s of its own names; text only after the last statement.
import type { Expr, Node, Pos } from '../load/jinja/ast.js';
import { int, rvar, type RExpr } from '../ir/ruby-ast.js';
import { joinTypes, type VarType } from '../resolve/types.js';
import { translateTyped } from './expr.js';
import { J } from './rb.js';
import { testOf } from './expr.js';
import { untranslatable, withLocals, type JinjaScope } from './scope.js';
import { mentionedNames } from './template-calls.js';
import { RubyLocals } from '../ir/ruby-names.js';

/** `attr`: `{% set ns.attr = v %}` on a namespace(), threaded as the update of a dict by {'attr': v}. */
type Mutation = { list: string; method: 'append' | 'extend' | 'update'; arg: Expr; pos: Pos; attr?: boolean };

/**
 * The `list.append(x)` / `list.extend(xs)` call of a statement, or `d.update({...})` with a dict
 * literal (the dict a string builds, or a loop item's update: translateAccumulation tells them
 * apart by whether the string sets the name at its top level), if it is one.
 */
function mutationCall(e: Expr): Mutation | undefined {
  if (e.kind !== 'call' || e.node.kind !== 'getattr' || e.node.node.kind !== 'name') return undefined;
  const method = e.node.attr;
  if (e.args.length !== 1 || e.kwargs.length > 0 || e.dynArgs || e.dynKwargs) return undefined;
  if (method === 'update' && e.args[0]!.kind !== 'dict') return undefined;
  if (method !== 'append' && method !== 'extend' && method !== 'update') return undefined;
  return { list: e.node.node.name, method, arg: e.args[0]!, pos: e.pos };
}

/** A statement that only mutates a list: `{% set _ = l.append(x) %}` or `{% if l.append(x) %}{% endif %}`. */
function mutationOf(n: Node): (Mutation & { discard?: string }) | undefined {
  if (n.kind === 'set' && n.target.kind === 'getattr' && n.target.node.kind === 'name') {
    const key: Expr = { kind: 'const', value: n.target.attr, pos: n.target.pos };
    return {
      list: n.target.node.name,
      method: 'update',
      arg: { kind: 'dict', pairs: [{ key, value: n.value }], pos: n.pos },
      pos: n.pos,
      attr: true,
    };
  }
  if (n.kind === 'set' && n.target.kind === 'name') {
    const m = mutationCall(n.value);
    return m && { ...m, discard: n.target.name };
  }
  if (n.kind === 'if' && n.branches.length === 1 && n.else === null && n.branches[0]!.body.length === 0)
    return mutationCall(n.branches[0]!.test);
  return undefined;
}

type Update = { item: string; method: 'update' | 'pop'; args: Expr[]; discard: string; pos: Pos };

/**
 * `{% set _ = item.update({'k': v}) %}` / `{% set _ = item.pop('k'[, default]) %}` on a loop's
 * item: the rest of the loop body sees the changed dict (A2C::Jinja.updated/popped). Keys must be
 * literal strs: Python's update also takes pairs and keywords, and its keys 1, 1.0 and True are
 * one key where Ruby's are three.
 */
function updateOf(n: Node): Update | undefined {
  if (n.kind !== 'set' || n.target.kind !== 'name') return undefined;
  const e = n.value;
  if (e.kind !== 'call' || e.node.kind !== 'getattr' || e.node.node.kind !== 'name' || e.kwargs.length > 0 || e.dynArgs || e.dynKwargs)
    return undefined;
  const method = e.node.attr;
  const literalKey = (x: Expr | undefined) => x?.kind === 'const' && typeof x.value === 'string';
  const [first] = e.args;
  if (method === 'update') {
    if (e.args.length !== 1 || first?.kind !== 'dict' || !first.pairs.every((p) => literalKey(p.key))) return undefined;
  } else if (method === 'pop') {
    if (e.args.length < 1 || e.args.length > 2 || !literalKey(first)) return undefined;
  } else {
    return undefined;
  }
  return { item: e.node.node.name, method, args: e.args, discard: n.target.name, pos: n.pos };
}

/**
 * `namespace(k=v, ...)` as the dict literal {'k': v, ...} that holds its attributes while the
 * statements run, or undefined for any other value (a positional argument included).
 */
function namespaceAttributes(e: Expr): Expr | undefined {
  if (e.kind !== 'call' || e.node.kind !== 'name' || e.node.name !== 'namespace') return undefined;
  if (e.args.length || e.dynArgs || e.dynKwargs) return undefined;
  return { kind: 'dict', pairs: e.kwargs.map((k) => ({ key: { kind: 'const', value: k.name, pos: e.pos }, value: k.value })), pos: e.pos };
}

/** A `set` that only changes a value (its target is Jinja's throwaway name). */
const isStatementSet = (n: Node): boolean => mutationOf(n) !== undefined || updateOf(n) !== undefined;

const refuse = (why: string, pos: Pos): never =>
  untranslatable(
    'string:set',
    `{% set %} inside a variable string is translated only for a list built with append/extend or a dict with update: ${why}`,
    pos,
  );

/** Ruby local names for the Jinja names of one string, never `node` or a keyword, each used once. */
export class Names {
  private readonly locals = new RubyLocals({ renamed: ['loop'], taken: ['node', '_buf'], stripUnderscores: true });
  fresh(base: string, pos: Pos): string {
    if (!/^[a-z_][A-Za-z0-9_]*$/.test(base)) refuse(`'${base}' cannot be a Ruby local variable`, pos);
    return this.locals.fresh(base);
  }
}

/**
 * The value of the list-building string `nodes` (whitespace control applied); `tail` renders the
 * text after the statements in the scope the statements leave.
 */
export function translateAccumulation(
  nodes: Node[],
  scope: JinjaScope,
  names: Names,
  tail: (nodes: Node[], scope: JinjaScope) => RExpr,
): RExpr {
  const first = nodes[0]!.pos;
  const statements = nodes.slice(0, lastStatement(nodes) + 1);
  const text = nodes.slice(statements.length);
  // An update builds the string's value only on a name the string sets at its top level (a dict
  // it starts there); on another name it is a loop item's update (updateOf), not counted here.
  const topSets = new Set(
    statements.flatMap((n) => (n.kind === 'set' && n.target.kind === 'name' && !isStatementSet(n) ? [n.target.name] : [])),
  );
  const mutations = collectMutations(statements).filter((m) => m.method !== 'update' || topSets.has(m.list));
  const lists = [...new Set(mutations.map((m) => m.list))];
  if (lists.length > 1) refuse(`it builds more than one list (${lists.join(', ')})`, first);
  const list = lists[0];
  const bound = setNames(statements);
  // The name a mutation's `set` binds holds None: reading it is not translated.
  const reads = mentionedNames(readsOf(nodes));
  for (const m of mutations) {
    if (m.discard !== undefined && (m.discard === list || reads.has(m.discard))) {
      refuse(`'${m.discard}' is read after a statement sets it to None`, m.pos);
    }
  }
  const updates = collectUpdates(statements);
  for (const u of updates) {
    if (u.discard === list || reads.has(u.discard)) refuse(`'${u.discard}' is read after a statement sets it to None`, u.pos);
  }
  const discarded = new Set([...mutations.flatMap((m) => (m.discard === undefined ? [] : [m.discard])), ...updates.map((u) => u.discard)]);
  // A name the statements set, read where it is not bound (before its set, or the list before the end), is refused.
  const guarded: JinjaScope = {
    ...scope,
    lookupVar: (n) =>
      bound.has(n) && !discarded.has(n)
        ? {
            kind: 'failed',
            construct: 'string:set',
            reason: `'${n}' is read where the statements of the string have not set it (the list itself only by its append/extend)`,
          }
        : scope.lookupVar(n),
  };
  const ctx: Ctx = { list, names, items: new Set(), namespace: false };
  let listSet = false;

  const top = (i: number, acc: RExpr | undefined, s: JinjaScope): RExpr => {
    if (i === statements.length) {
      if (list === undefined) return tail(text, s);
      if (acc === undefined) return refuse(`'${list}' is changed but never set`, first);
      const local = ctx.names.fresh(list, first);
      // The list's type where every change to it is known: the text after the statements reads it typed.
      // Asked once every statement has translated (its values translate again here, without failing).
      const listType = ctx.namespace ? undefined : builtType(statements, list, guarded, bound);
      return thenBlock(acc, local, tail(text, withLocals(s, [[list, local]], listType ? [[list, listType]] : [])));
    }
    const n = statements[i]!;
    if (n.kind === 'comment') return top(i + 1, acc, s);
    if (n.kind === 'text') return refuse('text before or between the statements is not translated', n.pos);
    if (n.kind === 'set' && !mutationOf(n) && n.target.kind === 'name' && n.target.name === list) {
      if (listSet) refuse(`'${list}' is set twice`, n.pos);
      const shared = [...mentionedNames(n.value)].filter((x) => bound.has(x));
      if (shared.length) refuse(`'${list}' starts as the value of ${shared.join(', ')}, which it would share`, n.pos);
      const attributes = namespaceAttributes(n.value);
      if (attributes) {
        // Printed, passed on or compared whole, a namespace is no dict: only its attributes are read after.
        if (usesBare(text, list)) refuse(`the namespace '${list}' is read whole after the statements, not by its attributes`, n.pos);
        ctx.namespace = true;
        listSet = true;
        return top(i + 1, translateTyped(attributes, s).e, s);
      }
      // Python changes that value in place: unless it is a new list or dict (a literal), a variable
      // it may be (`set x = base`, `d | default({})`, `a if t else b`), read again, shows the change.
      const fresh = n.value.kind === 'list' || n.value.kind === 'dict';
      const again = fresh ? new Set<string>() : mentionedNames(readsOf(nodes.filter((x) => x !== n)));
      const aliased = [...mentionedNames(n.value)].filter((x) => again.has(x));
      if (aliased.length) refuse(`'${list}' starts as the value of ${aliased.join(', ')}, which the string reads again`, n.pos);
      listSet = true;
      return top(i + 1, translateTyped(n.value, s).e, s);
    }
    if (n.kind === 'set' && !mutationOf(n)) return bindSet(n, s, ctx, (inner) => top(i + 1, acc, inner));
    // Statements before the list exists, or in a string that builds none, change nothing the value shows.
    if (acc === undefined)
      return refuse(list === undefined ? `{% ${n.kind} %} here builds no list` : `'${list}' is changed before it is set`, n.pos);
    return top(i + 1, step(n, acc, s, ctx), s);
  };
  return top(0, undefined, guarded);
}

interface Ctx {
  list: string | undefined;
  names: Names;
  /** The value built is a namespace(): only its attributes are set, and only they are read after. */
  namespace: boolean;
  /** Items of the innermost loop an update may merge into (checked by updatesAreSafe). */
  items: ReadonlySet<string>;
}

/**
 * The list after statement `n`, given the list `acc` before it; `guard` (a Ruby boolean) is what
 * must hold for the statement to run, for statements inside `{% if %}` blocks. An if becomes its
 * branches one after the other, each statement behind its branch's guard: the tests are computed
 * once, before any branch runs (as Jinja does), so the Ruby holds no conditional inside another
 * (Cookstyle's Style/NestedTernaryOperator).
 */
function step(n: Node, acc: RExpr, s: JinjaScope, ctx: Ctx, guard?: RExpr): RExpr {
  const m = mutationOf(n);
  if (m) {
    if (m.list !== ctx.list) refuse(`'${m.list}' is not the list the string builds`, m.pos);
    if ((m.attr ?? false) !== ctx.namespace)
      refuse(
        m.attr ? `'${m.list}' is no namespace(): Jinja sets no attribute on it` : `the namespace '${m.list}' has no .${m.method}()`,
        m.pos,
      );
    const helper = m.method === 'append' ? 'appended' : m.method === 'extend' ? 'extended' : 'dict_updated';
    const changed = (l: RExpr) => J(helper, [l, translateTyped(m.arg, s).e]);
    return guard === undefined ? changed(acc) : named(acc, 'list', n.pos, ctx, (l) => ({ k: 'ternary', c: guard, t: changed(l), f: l }));
  }
  switch (n.kind) {
    case 'comment':
      return acc;
    case 'text':
      return refuse('text between the statements is not translated', n.pos);
    case 'if': {
      // An if is no scope in Jinja: a name set inside is seen after it, which the threading cannot say.
      const inner = [...n.branches.flatMap((b) => b.body), ...(n.else ?? [])];
      if (plainSetNames(inner, false).size > 0) refuse('a {% set %} of a name inside an {% if %} is not translated', n.pos);
      // One branch holding one list change: its test inline (it is computed once either way).
      if (
        n.branches.length === 1 &&
        !n.else &&
        n.branches[0]!.body.filter((x) => x.kind !== 'comment').length === 1 &&
        mutationOf(n.branches[0]!.body.find((x) => x.kind !== 'comment')!)
      ) {
        const test = testOf(n.branches[0]!.test, s);
        return block(n.branches[0]!.body, acc, s, ctx, guard ? { k: 'binop', op: '&&', l: guard, r: test } : test);
      }
      const branches: Array<{ body: Node[]; test?: Expr }> = [...n.branches, ...(n.else ? [{ body: n.else }] : [])];
      const taken: string[] = [];
      const chain = (i: number): RExpr => {
        if (i === branches.length) {
          // Every branch behind the test that it was taken, in order.
          return branches.reduce<RExpr>((a, b, j) => block(b.body, a, s, ctx, rvar(taken[j]!)), acc);
        }
        const b = branches[i]!;
        // Taken: the guard holds, no earlier branch was taken, and the branch's own test holds.
        const conds: RExpr[] = [
          ...(guard ? [guard] : []),
          ...taken.map((t): RExpr => ({ k: 'not', e: rvar(t) })),
          ...(b.test ? [testOf(b.test, s)] : []),
        ];
        const local = ctx.names.fresh('taken', n.pos);
        taken.push(local);
        const test =
          conds.length === 0 ? ({ k: 'bool', v: true } as RExpr) : conds.reduce((a, c) => ({ k: 'binop', op: '&&', l: a, r: c }));
        return thenBlock(test, local, chain(i + 1));
      };
      return chain(0);
    }
    case 'for': {
      if (n.else || n.filter || n.recursive) refuse('a {% for %} with else, an inline filter or recursive is not translated', n.pos);
      if (mentionedNames(n.body).has('loop')) refuse('loop.* inside the statements is not translated', n.pos);
      const targets =
        n.target.kind === 'name'
          ? [n.target.name]
          : n.target.kind === 'tuple' && n.target.items.every((x) => x.kind === 'name')
            ? n.target.items.map((x) => (x as { name: string }).name)
            : refuse('a nested loop target is not translated', n.pos);
      if (targets.some((t) => t === ctx.list)) refuse(`the loop target hides '${ctx.list}'`, n.pos);
      for (const u of collectUpdates(n.body, false)) {
        if (targets.includes(u.item)) updateIsSafe(n.body, u);
      }
      const inLoop: Ctx = { ...ctx, items: new Set(targets) };
      // Behind a guard, the sequence is computed only when the loop runs; otherwise nothing is iterated.
      const items =
        guard === undefined
          ? iterable(n.iter, s)
          : ({ k: 'ternary', c: guard, t: iterable(n.iter, s), f: { k: 'array', items: [] } } as RExpr);
      const accLocal = ctx.names.fresh('list', n.pos);
      const item = ctx.names.fresh(targets.length === 1 ? targets[0]! : 'pair', n.pos);
      if (targets.length === 1) {
        const body = block(n.body, rvar(accLocal), withLocals(s, [[targets[0]!, item]]), inLoop);
        return J('fold', [items, acc], { block: { params: [accLocal, item], body } });
      }
      // A tuple target takes exactly as many items as it names (Python's unpacking), each bound once.
      const locals = targets.map((t) => ctx.names.fresh(t, n.pos));
      let body = block(
        n.body,
        rvar(accLocal),
        withLocals(
          s,
          targets.map((t, i): [string, string] => [t, locals[i]!]),
        ),
        inLoop,
      );
      for (let i = targets.length - 1; i >= 0; i--)
        body = thenBlock(J('unpack', [rvar(item), int(targets.length), int(i)]), locals[i]!, body);
      return J('fold', [items, acc], { block: { params: [accLocal, item], body } });
    }
    default:
      return refuse(`{% ${n.kind === 'other' ? n.tagName : n.kind} %} is not translated`, n.pos);
  }
}

/** `f(acc)` with acc named once (a block parameter already is a name). */
function named(acc: RExpr, base: string, pos: Pos, ctx: Ctx, f: (l: RExpr) => RExpr): RExpr {
  if (acc.k === 'var') return f(acc);
  const local = ctx.names.fresh(base, pos);
  return thenBlock(acc, local, f(rvar(local)));
}

/** The list after the statements of a block body (a loop's `set`s bind names for the rest of it). */
function block(nodes: Node[], acc: RExpr, s: JinjaScope, ctx: Ctx, guard?: RExpr): RExpr {
  const go = (i: number, a: RExpr, sc: JinjaScope): RExpr => {
    if (i === nodes.length) return a;
    const n = nodes[i]!;
    // An update of the dict the string builds is one of its mutations (step), not an item's.
    const u = updateOf(n);
    if (u && u.item !== ctx.list) {
      if (!ctx.items.has(u.item))
        refuse(`'.${u.method}()' is translated only on the item of the loop around it ('${u.item}' is not)`, u.pos);
      if (u.args.some((x) => usesBare(x, u.item))) refuse(`'${u.item}' would hold itself`, u.pos);
      const local = ctx.names.fresh(u.item, u.pos);
      const item = translateTyped({ kind: 'name', name: u.item, pos: u.pos }, sc).e;
      const changed = J(u.method === 'update' ? 'updated' : 'popped', [item, ...u.args.map((x) => translateTyped(x, sc).e)]);
      const merged: RExpr = guard === undefined ? changed : { k: 'ternary', c: guard, t: changed, f: item };
      return thenBlock(merged, local, go(i + 1, a, withLocals(sc, [[u.item, local]])));
    }
    if (n.kind === 'set' && !mutationOf(n)) return bindSet(n, sc, ctx, (inner) => go(i + 1, a, inner));
    return go(i + 1, step(n, a, sc, ctx, guard), sc);
  };
  return go(0, acc, s);
}

/** `{% set x = v %}` then the rest: `v.then { |x| rest }`, x computed once where Jinja computes it. */
function bindSet(n: Extract<Node, { kind: 'set' }>, s: JinjaScope, ctx: Ctx, rest: (inner: JinjaScope) => RExpr): RExpr {
  if (n.target.kind !== 'name') return refuse('only `{% set name = value %}` is translated', n.pos);
  const name = n.target.name;
  if (name === ctx.list) refuse(`'${name}' is set twice`, n.pos);
  const v = translateTyped(n.value, s);
  const local = ctx.names.fresh(name, n.pos);
  // The local holds the value as it is (a name the string mutates is its list, refused above): its type too.
  const t: VarType | undefined = v.t === 'any' ? undefined : (v.vt ?? { t: v.t, ...(v.plain ? { plain: true as const } : {}) });
  return thenBlock(v.e, local, rest(withLocals(s, [[name, local]], t ? [[name, t]] : [])));
}

/** `value.then { |local| body }` (Kernel#then): the value named for the body, computed once. */
function thenBlock(value: RExpr, local: string, body: RExpr): RExpr {
  // `v.then { |x| x }` is v.
  if (body.k === 'var' && body.name === local) return value;
  return { k: 'call', recv: value, name: 'then', args: [], block: { params: [local], body } };
}

/** What a for loop iterates: `d.items()`/keys/values as the template translator does; otherwise Python's iter(). */
function iterable(e: Expr, s: JinjaScope): RExpr {
  if (e.kind === 'call' && e.node.kind === 'getattr' && e.args.length === 0 && e.kwargs.length === 0 && !e.dynArgs && !e.dynKwargs) {
    const m = e.node.attr;
    if (m === 'items' || m === 'keys' || m === 'values') return J(`dict_${m}`, [translateTyped(e.node.node, s).e]);
  }
  return J('iter', [translateTyped(e, s).e]);
}

function lastStatement(nodes: Node[]): number {
  let last = -1;
  nodes.forEach((n, i) => {
    if (n.kind !== 'text' && n.kind !== 'output' && n.kind !== 'comment') last = i;
  });
  return last;
}

function collectMutations(nodes: Node[], out: Array<Mutation & { discard?: string }> = []): Array<Mutation & { discard?: string }> {
  for (const n of nodes) {
    const m = mutationOf(n);
    if (m) out.push(m);
    else if (n.kind === 'if') collectMutations([...n.branches.flatMap((b) => b.body), ...(n.else ?? [])], out);
    else if (n.kind === 'for') collectMutations([...n.body, ...(n.else ?? [])], out);
  }
  return out;
}

/**
 * The type of the list `list` the statements build, where it is certain: set once at the top level
 * to a list of known item type (or `[]`), then only appended or extended, in ifs and loops alike,
 * with values that read no name the statements or a loop bind (a loop's item is of a type this does
 * not follow), each a value of known type (extend: a list). Its items are the join of those types
 * (an if's change may or may not run: either way every item is one of them). Undefined otherwise.
 */
function builtType(statements: Node[], list: string, scope: JinjaScope, bound: ReadonlySet<string>): VarType | undefined {
  const starts = statements.filter((n) => n.kind === 'set' && n.target.kind === 'name' && n.target.name === list && !isStatementSet(n));
  if (starts.length !== 1 || starts[0]!.kind !== 'set') return undefined;
  const loopTargets = new Set<string>();
  const walkLoops = (nodes: Node[]): void => {
    for (const n of nodes) {
      if (n.kind === 'for') {
        for (const t of mentionedNames(n.target)) loopTargets.add(t);
        walkLoops(n.body);
      } else if (n.kind === 'if') walkLoops([...n.branches.flatMap((b) => b.body), ...(n.else ?? [])]);
    }
  };
  walkLoops(statements);
  const own = (e: Expr) => [...mentionedNames(e)].some((x) => bound.has(x) || loopTargets.has(x) || x === list);
  const typeOfValue = (e: Expr): VarType | undefined => {
    if (own(e)) return undefined;
    const v = translateTyped(e, scope);
    return v.vt ?? (v.t === 'any' ? undefined : { t: v.t, ...(v.plain ? { plain: true as const } : {}) });
  };
  const start = typeOfValue(starts[0].value);
  if (start?.t !== 'list' || (start.item === undefined && !start.empty)) return undefined;
  let item = start.item;
  for (const m of collectMutations(statements)) {
    if (m.list !== list || m.method === 'update') return undefined;
    const t = typeOfValue(m.arg);
    if (t === undefined) return undefined;
    if (m.method === 'append') item = joinTypes(item, t);
    else if (t.t === 'list' && (t.item !== undefined || t.empty)) item = t.item === undefined ? item : joinTypes(item, t.item);
    else return undefined;
    if (item?.t === 'any') return undefined;
  }
  return item === undefined ? { t: 'list', empty: true } : { t: 'list', item };
}

/** What the nodes read: a mutation statement its argument, a set its value (not the names they bind). */
function readsOf(nodes: Node[]): unknown {
  return nodes.map((n) => {
    const m = mutationOf(n);
    // An update also reads its receiver: a loop item's must be seen where it changes (updateIsSafe).
    if (m) return m.method === 'update' ? [m.arg, { kind: 'name', name: m.list, pos: m.pos }] : m.arg;
    if (n.kind === 'if')
      return { ...n, branches: n.branches.map((b) => ({ ...b, body: readsOf(b.body) })), else: n.else ? readsOf(n.else) : null };
    if (n.kind === 'for') return { iter: n.iter, body: readsOf(n.body) };
    if (n.kind === 'set') return n.value;
    return n;
  });
}

/** Names any `set` of these nodes binds (mutation statements' included), at any depth. */
function setNames(nodes: Node[], out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.kind === 'set' && n.target.kind === 'name') out.add(n.target.name);
    if (n.kind === 'if') setNames([...n.branches.flatMap((b) => b.body), ...(n.else ?? [])], out);
    if (n.kind === 'for') setNames(n.body, out);
  }
  return out;
}

/** Names the plain (non-mutation) `set`s bind: at any depth, or (intoLoops false) not inside a loop body. */
function plainSetNames(nodes: Node[], intoLoops = true, out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.kind === 'set' && n.target.kind === 'name' && !isStatementSet(n)) out.add(n.target.name);
    if (n.kind === 'if') plainSetNames([...n.branches.flatMap((b) => b.body), ...(n.else ?? [])], intoLoops, out);
    if (n.kind === 'for' && intoLoops) plainSetNames(n.body, intoLoops, out);
  }
  return out;
}

/** The updates of these nodes (inside nested loops too, unless `intoLoops` is false). */
function collectUpdates(nodes: Node[], intoLoops = true, out: Update[] = []): Update[] {
  for (const n of nodes) {
    const u = updateOf(n);
    if (u) out.push(u);
    else if (n.kind === 'if') collectUpdates([...n.branches.flatMap((b) => b.body), ...(n.else ?? [])], intoLoops, out);
    else if (n.kind === 'for' && intoLoops) collectUpdates(n.body, intoLoops, out);
  }
  return out;
}

/**
 * Python changes the item in place; the translation names the merged dict for the statements
 * after the update in its own block. Equal only when nothing else sees the item once it changed:
 * no mention of it before the update in the loop body (it could have been stored), none after
 * the if blocks that hold the update. The tests of those ifs and their other branches are fine
 * (they run before the update, or in an iteration without it).
 */
function updateIsSafe(body: Node[], u: Update): void {
  const path = locate(body, u);
  if (!path) return refuse(`'.${u.method}()' of '${u.item}' is not found in its loop`, u.pos);
  path.forEach(({ list, index }, level) => {
    const last = level === path.length - 1;
    // Earlier changes of the same item only read it (bare uses are refused where they are translated).
    const before = list.slice(0, index).filter((x) => updateOf(x)?.item !== u.item);
    const after = last ? [] : list.slice(index + 1);
    if (mentionedNames(readsOf([...before, ...after])).has(u.item)) {
      refuse(`'${u.item}' is seen elsewhere in the loop while '.${u.method}()' changes it in place`, u.pos);
    }
  });
}

/** The lists from `nodes` down to the update statement, with the index taken at each. */
function locate(nodes: Node[], u: Update): Array<{ list: Node[]; index: number }> | undefined {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (updateOf(n)?.pos === u.pos) return [{ list: nodes, index: i }];
    if (n.kind === 'if') {
      for (const b of [...n.branches.map((x) => x.body), ...(n.else ? [n.else] : [])]) {
        const inner = locate(b, u);
        if (inner) return [{ list: nodes, index: i }, ...inner];
      }
    }
  }
  return undefined;
}

/** Whether `e` uses `name` as a value (not only as the base of an attribute or item read). */
function usesBare(e: unknown, name: string): boolean {
  if (Array.isArray(e)) return e.some((x) => usesBare(x, name));
  if (typeof e !== 'object' || e === null) return false;
  const v = e as Record<string, unknown>;
  if (v['kind'] === 'name') return v['name'] === name;
  if ((v['kind'] === 'getattr' || v['kind'] === 'getitem') && (v['node'] as Record<string, unknown>)['kind'] === 'name') {
    return v['kind'] === 'getitem' && usesBare(v['arg'], name);
  }
  return Object.values(v).some((x) => usesBare(x, name));
}
