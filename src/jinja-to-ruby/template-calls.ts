// Calls to what a template defines itself: macros, `caller` and a recursive loop's `loop(...)`.
//
// The expression translator (expr.ts) knows no template-defined callables. Before an expression
// of a template is translated, each call to one is translated here and replaced by a placeholder
// name; the scope the expression is then translated in resolves that name (lookupVar) to the
// Ruby call. The placeholder cannot clash with a Jinja name: it is not an identifier.
import type { Expr, Pos } from '../load/jinja/ast.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { untranslatable, withLocals, type JinjaScope } from './scope.js';

export interface Callable {
  /** A macro's name is no value (Jinja prints `<Macro 'm'>`); `loop` is (loop.index...). */
  isValue: boolean;
  /** The Ruby call, from the translated arguments (`caller`: the body of a `{% call %}` block). */
  call(args: RExpr[], kwargs: Array<[string, RExpr]>, pos: Pos, caller?: RExpr): RExpr;
}

/**
 * `e` with every call of a template callable replaced by a placeholder, and the scope binding
 * the placeholders. `callableOf` says which names are callables here; `arg` translates an argument.
 */
export function bindTemplateCalls(
  e: Expr,
  scope: JinjaScope,
  callableOf: (name: string) => Callable | undefined,
  arg: (e: Expr, scope: JinjaScope) => RExpr,
): { expr: Expr; scope: JinjaScope } {
  const bound = new Map<string, RExpr>();
  const rewrite = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(rewrite);
    if (typeof x !== 'object' || x === null) return x;
    const node = x as Expr;
    if (node.kind === 'call' && node.node.kind === 'name') {
      const callable = callableOf(node.node.name);
      if (callable) {
        if (node.dynArgs || node.dynKwargs)
          untranslatable('call', `*args/**kwargs in a call of '${node.node.name}' are not translated`, node.pos);
        const placeholder = `${node.node.name}()#${bound.size}`;
        bound.set(
          placeholder,
          callable.call(
            node.args.map((a) => arg(a, scope)),
            node.kwargs.map((k): [string, RExpr] => [k.name, arg(k.value, scope)]),
            node.pos,
          ),
        );
        return { kind: 'name', name: placeholder, pos: node.pos };
      }
    }
    if (node.kind === 'name' && callableOf(node.name)?.isValue === false) {
      untranslatable('macro', `the macro '${node.name}' used as a value (not called) is not translated`, node.pos);
    }
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, rewrite(v)]));
  };
  const expr = rewrite(e) as Expr;
  if (bound.size === 0) return { expr, scope };
  const base = withLocals(scope, []);
  return {
    expr,
    scope: { ...base, lookupVar: (n) => (bound.has(n) ? { kind: 'ruby', expr: bound.get(n) as RExpr } : scope.lookupVar(n)) },
  };
}

/** Every Jinja name an AST mentions (an over-approximation of what it reads). */
export function mentionedNames(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) mentionedNames(v, out);
  } else if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (v['kind'] === 'name' && typeof v['name'] === 'string') out.add(v['name']);
    for (const child of Object.values(v)) mentionedNames(child, out);
  }
  return out;
}

/**
 * Every Jinja name these nodes mention other than as a `set` target (an over-approximation of what
 * they read), and whether they include or import another template (which may read any name).
 */
export function readNames(value: unknown, out = { names: new Set<string>(), includes: false }): { names: Set<string>; includes: boolean } {
  if (Array.isArray(value)) {
    for (const v of value) readNames(v, out);
  } else if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (v['kind'] === 'include' || v['kind'] === 'import') out.includes = true;
    if (v['kind'] === 'name' && typeof v['name'] === 'string') out.names.add(v['name']);
    const set = v['kind'] === 'set' || v['kind'] === 'setblock';
    for (const key in v) {
      const child = v[key];
      if (
        key !== 'pos' &&
        !(set && key === 'target' && (child as { kind?: unknown })?.kind === 'name') &&
        typeof child === 'object' &&
        child !== null
      )
        readNames(child, out);
    }
  }
  return out;
}

/** The names whose `.append(...)` some expression of these nodes calls (`l` of `l.append(x)`). */
export function appendedNames(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) appendedNames(v, out);
  } else if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    const callee = v['node'] as { kind?: unknown; attr?: unknown; node?: { kind?: unknown; name?: unknown } } | undefined;
    if (v['kind'] === 'call' && callee?.kind === 'getattr' && callee.attr === 'append' && callee.node?.kind === 'name')
      out.add(callee.node.name as string);
    for (const key in v) {
      const child = v[key];
      if (key !== 'pos' && typeof child === 'object' && child !== null) appendedNames(child, out);
    }
  }
  return out;
}

/** Names a `set`, block set, macro or for target binds anywhere in these nodes, at any depth. */
export function boundNames(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) boundNames(v, out);
  } else if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if ((v['kind'] === 'set' || v['kind'] === 'setblock') && typeof v['target'] === 'object') mentionedNames(v['target'], out);
    if (v['kind'] === 'macro' && typeof v['name'] === 'string') out.add(v['name']);
    // Children without a list of them per node (this visits every node of every template), and not
    // into positions, which bind nothing.
    for (const key in v) {
      const child = v[key];
      if (key !== 'pos' && typeof child === 'object' && child !== null) boundNames(child, out);
    }
  }
  return out;
}

/**
 * Names some expression of these nodes hands to `default`/`d` or asks `is defined`/`is undefined`
 * about: where such a name is a `{% set %}` local, Jinja keeps an undefined value in it unused
 * until that use, so the set must not fail where Ansible's does not (an over-approximation: any
 * use of the name anywhere).
 */
export function undefinedTolerantNames(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) undefinedTolerantNames(v, out);
  } else if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    const operand = v['node'] as { kind?: unknown; name?: unknown } | undefined;
    const tolerant =
      (v['kind'] === 'filter' && (v['name'] === 'default' || v['name'] === 'd')) ||
      (v['kind'] === 'test' && (v['name'] === 'defined' || v['name'] === 'undefined'));
    if (tolerant && operand?.kind === 'name' && typeof operand.name === 'string') out.add(operand.name);
    for (const key in v) {
      const child = v[key];
      if (key !== 'pos' && typeof child === 'object' && child !== null) undefinedTolerantNames(child, out);
    }
  }
  return out;
}
