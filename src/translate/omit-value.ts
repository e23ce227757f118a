// A module argument that may be `omit` reaches its Chef property as nil where it is omitted
// (A2C::Tasks.omit at run time). Where the choice is a Ruby `?:` (a lone `{{ c | ternary(a, omit) }}`),
// each branch is settled when converting: the omit branch is nil itself and the other is its value,
// so the property reads `c ? value : nil` instead of passing both through the helper.
//
// A value may be omit where it holds the constant, or where it reads a variable that may hold the
// placeholder (resolve/omit-holders.ts): Ansible leaves out an argument whose whole value templates
// to it, however many variables it went through.
import { call, isConstCall, someExpr, type RExpr } from '../ir/ruby-ast.js';
import { OMIT } from '../jinja-to-ruby/magic.js';
import type { SymbolTable } from '../resolve/symbols.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

export function isOmit(e: RExpr): boolean {
  return e.k === 'const' && OMIT.k === 'const' && e.path.join('::') === OMIT.path.join('::');
}

/** A test of one Ruby node: `omit` itself, or a read of a variable that may hold it. */
export type OmitTest = (e: RExpr) => boolean;

// Per finish() of a symbol table: it sets the holders and the paths they are read at together.
const TESTS = new WeakMap<SymbolTable['omitHolders'], OmitTest>();

/**
 * The omit test of a project: `omit`, or a read of the attribute of a variable that may hold the
 * placeholder whole (`node['cb']['x']`, `node.read!('cb', 'x')`, `A2C::Jinja.var(node, 'cb', 'x')`),
 * or of one that holds it inside a list or dict, or of a key below that one.
 */
export function omitTest(symbols: SymbolTable | undefined): OmitTest {
  if (!symbols) return isOmit;
  const known = TESTS.get(symbols.omitHolders);
  if (known) return known;
  const { whole, nested } = symbols.omitHolders;
  let test: OmitTest = isOmit;
  if (whole.size > 0 || nested.size > 0) {
    const paths = new Set<string>();
    const below = new Set<string>();
    for (const n of whole) {
      const p = symbols.get(n)?.path;
      if (p && p.length > 0) paths.add(p.join('\0'));
    }
    for (const n of nested) {
      const p = symbols.get(n)?.path;
      if (p && p.length > 0) below.add(p.join('\0'));
    }
    test = (e) => {
      if (isOmit(e)) return true;
      const path = readPath(e);
      if (!path) return false;
      if (paths.has(path.join('\0'))) return true;
      // A list or dict holding the placeholder, read whole (its keys that are omit are left out,
      // A2C::Tasks.omit), or a key read below it, which may be the placeholder itself.
      for (let i = path.length; i >= 2; i--) if (below.has(path.slice(0, i).join('\0'))) return true;
      return false;
    };
  }
  TESTS.set(symbols.omitHolders, test);
  return test;
}

/**
 * The omit test where a value is translated: the project's (omitTest), and reads of a loop item
 * whose list may hold the placeholder (`loop: [a, "{{ omit }}"]`, a list variable holding it):
 * the item itself, or a key read below it (`item.shell`), as Ansible leaves out an argument whose
 * whole value templates to the placeholder whichever variable gave it.
 */
export function scopeOmitTest(scope: { symbols?: SymbolTable; omitLocals?: ReadonlySet<string> } | undefined): OmitTest {
  const base = omitTest(scope?.symbols);
  const locals = scope?.omitLocals;
  if (!locals || locals.size === 0) return base;
  return (e) => base(e) || readsLocal(e, locals);
}

/** `item`, or `item['k']...` with literal keys, of one of the locals. */
function readsLocal(e: RExpr, locals: ReadonlySet<string>): boolean {
  let x = e;
  while (x.k === 'index' && x.key.k === 'str') x = x.recv;
  return x.k === 'var' && locals.has(x.name);
}

/** The attribute path a node read names, where every key is a literal string. */
function readPath(e: RExpr): string[] | undefined {
  if (e.k === 'index') {
    const keys: string[] = [];
    let x: RExpr = e;
    while (x.k === 'index') {
      if (x.key.k !== 'str') return undefined;
      keys.unshift(x.key.v);
      x = x.recv;
    }
    return isNode(x) ? keys : undefined;
  }
  if (e.k !== 'call') return undefined;
  const strs = (args: RExpr[]) => (args.every((a) => a.k === 'str') ? args.map((a) => (a as { v: string }).v) : undefined);
  if (e.name === 'read!' && e.recv && isNode(e.recv)) return strs(e.args);
  if ((e.name === 'var' || e.name === 'input') && isConstCall(e, 'A2C::Jinja', e.name) && e.args[0] && isNode(e.args[0]))
    return strs(e.args.slice(1));
  return undefined;
}

const isNode = (e: RExpr): boolean => e.k === 'call' && e.name === 'node' && !e.recv && e.args.length === 0;

/** Whether a value may be omit: it holds `omit` or reads a variable that may hold it, and is not text around them. */
export function mayBeOmit(v: RExpr, test: OmitTest = isOmit): boolean {
  return someExpr(v, test) && !neverPlaceholder(v);
}

// A2C::Jinja::OMIT's text (support cookbook, a2c_jinja_magic.rb): `omit` renders as it.
const OMIT_TEXT = `__omit_place_holder__${'a2c0'.repeat(10)}`;

/**
 * Text with a literal part the placeholder does not hold (`x{{ omit }}`) is never the placeholder;
 * nor is what A2C::Modules.copy_content gives (it fails on an omitted content).
 */
function neverPlaceholder(v: RExpr): boolean {
  return v.k === 'interp' && v.parts.some((p) => typeof p === 'string' && !OMIT_TEXT.includes(p));
}

/** The value with `omit` as nil: folded through `?:`, else A2C::Tasks.omit where it may be omit. */
export function omitAsNil(v: RExpr, test: OmitTest = isOmit): RExpr {
  if (isOmit(v)) return { k: 'nil' };
  if (!someExpr(v, test) || isConstCall(v, 'A2C::Tasks', 'omit') || isConstCall(v, 'A2C::Modules', 'copy_content') || neverPlaceholder(v))
    return v;
  if (v.k === 'ternary') return { k: 'ternary', c: v.c, t: omitAsNil(v.t, test), f: omitAsNil(v.f, test) };
  return call(TASKS, 'omit', [v]);
}

// Support helpers that settle the placeholder themselves (each compares its argument with
// A2C::Jinja::OMIT): what reaches them is left out or decided there.
const SETTLED = [
  ['A2C::Tasks', 'omit'],
  ['A2C::Tasks', 'set_fact_unless_omit'],
  ['A2C::Tasks', 'set_facts_unless_omit'],
  ['A2C::Tasks', 'validate'],
  ['A2C::Tasks', 'validate_text'],
  ['A2C::Tasks', 'verify_command'],
  ['A2C::Modules', 'copy_content'],
  ['A2C::Modules', 'yum_repo_file'],
] as const;

/**
 * Whether the value passes a read that may be the placeholder on whole, where nothing settles it:
 * the safety net under the translators that turn an argument into Ruby code of their own (a
 * ruby_block's body, a resource's name). Settled: inside A2C::Tasks.omit and the helpers above; not
 * passed on whole: a condition (`c ? a : b`'s c, a comparison, `!x`), text around it, a list item
 * (Ansible keeps the placeholder text in a list), a method called on it (the value changed).
 */
export function unsettledOmit(e: RExpr, test: OmitTest): boolean {
  if (test(e)) return true;
  switch (e.k) {
    case 'call':
      if (SETTLED.some(([c, m]) => isConstCall(e, c, m))) return false;
      return (
        e.args.some((a) => unsettledOmit(a, test)) ||
        (e.kwargs ?? []).some(([, v]) => unsettledOmit(v, test)) ||
        (e.block !== undefined && unsettledOmit(e.block.body, test))
      );
    case 'hash':
      return e.pairs.some(([, v]) => unsettledOmit(v, test));
    case 'interp':
      return !neverPlaceholder(e) && e.parts.some((p) => typeof p !== 'string' && unsettledOmit(p, test));
    case 'binop':
      return (e.op === '||' || e.op === '&&') && (unsettledOmit(e.l, test) || unsettledOmit(e.r, test));
    case 'ternary':
      return unsettledOmit(e.t, test) || unsettledOmit(e.f, test);
    case 'lazy':
      return unsettledOmit(e.e, test);
    default:
      return false;
  }
}
