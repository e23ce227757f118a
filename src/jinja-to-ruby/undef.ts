// Observing undefinedness. Ansible's undefined values chain (`a.b.c` of an
// undefined `a` is undefined, not an error) until something uses them. Ruby
// raises A2C::Jinja::UndefinedError at the first missing read instead, so the
// few places that look at undefinedness (`default`, `mandatory`, `is defined`,
// type tests) wrap the operand in `A2C::Jinja.try { }`. That is only faithful
// when nothing else inside the operand can raise it: a reference chain — a
// name followed by `.attr`/`[key]` with literal or local keys.
import type { Expr } from '../load/jinja/ast.js';
import { bool, call, nodeRef, str, typeOf, type RExpr } from '../ir/ruby-ast.js';
import { constantChain, isBuiltinName, translateKeyBase, translateTyped } from './expr.js';
import { alwaysDefinedFact, isFactRoot } from './facts.js';
import { J, tryBlock, type Typed } from './rb.js';
import { extractChain } from './extract.js';
import type { VarType } from '../resolve/types.js';
import { untranslatable, type JinjaScope, type VarRef } from './scope.js';
import { PY_DICT_METHOD_NAMES } from './names.js';

/**
 * A bare project variable read as a plain Chef attribute (VarRef `read`), and whether it is set as
 * Ruby: `true` for one the reading cookbook always sets, `node.exist?(...)` for a strict read.
 */
export function plainAttribute(e: Expr, scope: JinjaScope): { ref: Extract<VarRef, { kind: 'attribute' }>; defined: RExpr } | undefined {
  if (e.kind !== 'name' || scope.locals.has(e.name) || e.name === 'role_name' || e.name === 'ansible_role_name') return undefined;
  // Set or not, a task's ansible_host is defined (ansible-host.ts): never the attribute's question.
  if (e.name === 'ansible_host') return undefined;
  const ref = scope.lookupVar(e.name);
  if (ref === undefined && !isBuiltinName(e.name, scope)) {
    // A variable the input never sets: whether the operator set it is Chef's own question.
    const undeclared = scope.lookupUndeclared?.(e.name);
    if (undeclared)
      return {
        ref: { kind: 'attribute', path: undeclared.path, read: 'strict', ...(undeclared.type ? { type: undeclared.type } : {}) },
        defined: call(nodeRef, 'exist?', undeclared.path.map(str)),
      };
  }
  if (ref?.kind !== 'attribute' || ref.read === undefined) return undefined;
  return { ref, defined: ref.read === 'node' ? bool(true) : call(nodeRef, 'exist?', ref.path.map(str)) };
}

/**
 * `d.k.j` of a variable the reading cookbook always sets, each key one its dict always has
 * (VarType.fields, from every source of the variable): never Jinja's undefined, so a default() of it
 * is the value, and nothing needs a rescue. A dict method's name finds the method in Jinja: not one.
 */
export function alwaysDefinedChain(e: Expr, scope: JinjaScope): boolean {
  if (e.kind === 'name') return plainAttribute(e, scope)?.defined.k === 'bool' || storedDict(e, scope) !== undefined;
  if (e.kind !== 'getattr' && e.kind !== 'getitem') return false;
  const key = e.kind === 'getattr' ? e.attr : e.arg.kind === 'const' && typeof e.arg.value === 'string' ? e.arg.value : undefined;
  if (key === undefined || PY_DICT_METHOD_NAMES.has(key) || !alwaysDefinedChain(e.node, scope)) return false;
  // The base's type only (a registered result kept in part refuses a read of itself whole, not of its keys).
  const vt = translateKeyBase(e.node, scope).vt;
  return vt?.t === 'dict' && vt.fields !== undefined && Object.hasOwn(vt.fields, key);
}

/** Whether a bare variable is set, as plain Ruby, where the caller knows how to ask (undefined: it does not). */
export function definedQuestion(e: Expr, scope: JinjaScope): RExpr | undefined {
  const chain = constantChain(e);
  if (
    chain &&
    !scope.locals.has(chain.root) &&
    !scope.lookupVar(chain.root) &&
    isFactRoot(chain.root, scope.tables) &&
    alwaysDefinedFact(scope.tables, chain.root, chain.keys)
  )
    return bool(true);
  const plain = plainAttribute(e, scope);
  if (plain) return plain.defined;
  const field = optionalField(e, scope);
  if (field) return call(translateKeyBase(field.local, scope).e, 'key?', [str(field.key)]);
  const stored = storedPresence(e, scope);
  if (stored) return stored.checks.length ? stored.checks.reduce((l, r) => ({ k: 'binop', op: '&&', l, r })) : bool(true);
  const unset = unsetDictField(e, scope, true);
  if (unset) return unset.defined;
  if (e.kind !== 'name' || scope.locals.has(e.name)) return undefined;
  const ref = scope.lookupVar(e.name);
  return ref?.kind === 'ruby' ? ref.defined : undefined;
}

/**
 * The type of a dict that is surely there where it is read: a registered result its ruby_block stored
 * earlier in this recipe (VarRef `defined` true: Registered `stored`), with the shape the support
 * library gives it (register-types.ts), or a key such a dict always has (VarType.fields). A Hash
 * with string keys, so `x.k` is Hash#[] of 'k' where the key is there and Jinja's undefined where
 * not. Undefined for anything else.
 */
export function storedDict(e: Expr, scope: JinjaScope): VarType | undefined {
  let t: VarType | undefined;
  if (e.kind === 'name') {
    if (scope.locals.has(e.name)) return undefined;
    const ref = scope.lookupVar(e.name);
    if (ref?.kind !== 'ruby' || ref.defined?.k !== 'bool' || !ref.defined.v) return undefined;
    t = typeOf(ref.expr);
  } else {
    const key = constKey(e);
    const d = key === undefined || PY_DICT_METHOD_NAMES.has(key) ? undefined : storedDict((e as { node: Expr }).node, scope);
    t = d?.fields && key !== undefined && Object.hasOwn(d.fields, key) ? d.fields[key] : undefined;
  }
  return t?.t === 'dict' && t.strKeys ? t : undefined;
}

/** The literal string key of `x.k` / `x['k']`. */
function constKey(e: Expr): string | undefined {
  if (e.kind === 'getattr') return e.attr;
  return e.kind === 'getitem' && e.arg.kind === 'const' && typeof e.arg.value === 'string' ? e.arg.value : undefined;
}

/**
 * What makes `x.k1.k2...` of a stored registered result (storedDict's root) there: a Hash#key? per key
 * its dict may lack (`r.key?('stat') && r.fetch('stat').key?('isdir')` of a stat result whose task may
 * be skipped), none per key it always has; and the type read there (undefined: not known). Undefined
 * where a key is one whose presence the type cannot tell (storedKey).
 */
export function storedPresence(e: Expr, scope: JinjaScope): { checks: RExpr[]; type?: VarType; read: RExpr } | undefined {
  if (e.kind === 'name') {
    const t = storedDict(e, scope);
    return t ? { checks: [], type: t, read: translateKeyBase(e, scope).e } : undefined;
  }
  if (e.kind !== 'getattr' && e.kind !== 'getitem') return undefined;
  const key = constKey(e);
  if (key === undefined || PY_DICT_METHOD_NAMES.has(key)) return undefined;
  const base = storedPresence(e.node, scope);
  const d = base?.type;
  if (!base || d?.t !== 'dict' || !d.strKeys) return undefined;
  // `read`: the value as Hash#[] reads it where the checks before it hold (each key there).
  const read: RExpr = { k: 'index', recv: base.read, key: str(key) };
  if (d.fields && Object.hasOwn(d.fields, key)) return { checks: base.checks, type: d.fields[key]!, read };
  const optional = d.optional && Object.hasOwn(d.optional, key) ? d.optional[key] : undefined;
  if (optional === undefined && (d.partOf !== undefined || d.closed)) return undefined;
  const check = call(base.read, 'key?', [str(key)]);
  return { checks: [...base.checks, check], ...(optional ? { type: optional } : {}), read };
}

/**
 * `x.k` of a stored dict (storedDict) whose type says k may be missing: a key it may lack
 * (VarType.optional), or any key of one that is not a part (no VarType.partOf: the support library
 * keeps the module's whole result, a status row's columns among them) nor closed. `always`: a key
 * every value has. Not a dict method's name, which Jinja finds where the key is missing.
 */
export function storedKey(e: Expr, scope: JinjaScope): { base: Expr; key: string; always?: true } | undefined {
  if (e.kind !== 'getattr' && e.kind !== 'getitem') return undefined;
  const key = constKey(e);
  if (key === undefined || PY_DICT_METHOD_NAMES.has(key)) return undefined;
  const d = storedDict(e.node, scope);
  if (!d) return undefined;
  if (d.fields && Object.hasOwn(d.fields, key)) return { base: e.node, key, always: true };
  if ((d.optional && Object.hasOwn(d.optional, key)) || (d.partOf === undefined && !d.closed)) return { base: e.node, key };
  return undefined;
}

/**
 * `d.k` of a dict variable read strictly (it may be unset: an include loop's loop_var in the included
 * file's own recipe, resolve/project-symbols.ts) whose key k has a contract (VarType.optional): Jinja's
 * `d.k | default(x)` gives x where d or its k is undefined, which is Chef's `node.exist?(..., 'k')`
 * (the run-time check makes d a dict and k, where present, of its type, None excluded); `d.k is
 * defined` is that question too (`anyType`: a key only tested has no type).
 */
export function unsetDictField(
  e: Expr,
  scope: JinjaScope,
  anyType = false,
): { ref: Extract<VarRef, { kind: 'attribute' }>; type: VarType; defined: RExpr } | undefined {
  if ((e.kind !== 'getattr' && e.kind !== 'getitem') || e.node.kind !== 'name') return undefined;
  const key = e.kind === 'getattr' ? e.attr : e.arg.kind === 'const' && typeof e.arg.value === 'string' ? e.arg.value : undefined;
  if (key === undefined || PY_DICT_METHOD_NAMES.has(key)) return undefined;
  const plain = plainAttribute(e.node, scope);
  if (plain?.ref.read !== 'strict') return undefined;
  const d = plain.ref.type;
  const t = d?.t === 'dict' && d.optional !== undefined && Object.hasOwn(d.optional, key) ? d.optional[key] : undefined;
  if (!t || (t.t === 'any' && !anyType)) return undefined;
  const path = [...plain.ref.path, key];
  return { ref: { ...plain.ref, path }, type: t, defined: call(nodeRef, 'exist?', path.map(str)) };
}

/**
 * `v.k` / `v['k']` of a local (a loop variable) whose items are dicts that may hold key k (an
 * item-field contract, VarType.optional): whether k is there is Hash#key?. Not a dict method's
 * name, which Jinja finds where the key is missing (the run-time check makes the item a dict).
 */
function optionalField(e: Expr, scope: JinjaScope, strict = false): { local: Expr; key: string } | undefined {
  if ((e.kind !== 'getattr' && e.kind !== 'getitem') || e.node.kind !== 'name') return undefined;
  const key = e.kind === 'getattr' ? e.attr : e.arg.kind === 'const' && typeof e.arg.value === 'string' ? e.arg.value : undefined;
  if (key === undefined || PY_DICT_METHOD_NAMES.has(key)) return undefined;
  const t = scope.locals.has(e.node.name) ? scope.localTypes?.get(e.node.name) : alwaysSetDict(e.node, scope, strict);
  return t?.t === 'dict' && t.optional !== undefined && Object.hasOwn(t.optional, key) ? { local: e.node, key } : undefined;
}

/**
 * The type of a project variable the reading cookbook always sets (read as `node['cb']['x']`), where
 * it is a dict whose keys come from contracts (the empty-dict rule, resolve/types.ts): `x.k` may be
 * missing, never `x` itself, so Hash#key? and Hash#fetch ask what Jinja's undefined would.
 * `strict`: any attribute read of it too (`node.read!`, A2C::Jinja.var), where the caller rescues what it raises (A2C::Jinja.try).
 */
export function alwaysSetDict(e: Expr, scope: JinjaScope, strict = false): VarType | undefined {
  const plain = plainAttribute(e, scope);
  let t = plain?.ref.read === 'node' ? plain.ref.type : undefined;
  // Any attribute read (strict, or through A2C::Jinja.var): the caller's A2C::Jinja.try rescues what it raises.
  if (strict && t === undefined && e.kind === 'name' && !scope.locals.has(e.name)) {
    const ref = scope.lookupVar(e.name);
    if (ref?.kind === 'attribute') t = ref.type;
  }
  return t?.t === 'dict' && t.optional !== undefined ? t : undefined;
}

export function isReferenceChain(e: Expr, scope: JinjaScope): boolean {
  if (e.kind === 'name') return true;
  if (e.kind === 'filter' && e.name === 'extract') {
    const chain = extractChain(e);
    return !('why' in chain) && isReferenceChain(chain, scope);
  }
  if (e.kind === 'getattr') return isReferenceChain(e.node, scope) || defaultOfChain(e.node, scope);
  if (e.kind === 'getitem') {
    // `hostvars[h]`: an unknown host is undefined (A2C::Jinja.host_node raises UndefinedError).
    if (e.node.kind === 'name' && e.node.name === 'hostvars' && (e.arg.kind === 'const' || e.arg.kind === 'name')) return true;
    const keyOk = e.arg.kind === 'const' || (e.arg.kind === 'name' && scope.locals.has(e.arg.name));
    return keyOk && (isReferenceChain(e.node, scope) || defaultOfChain(e.node, scope));
  }
  return false;
}

/**
 * `(u.opts | default({}))` under a key read: the default of a reference chain with literal
 * fallbacks raises nothing of its own, so `(u.opts | default({})).g` is still a chain whose missing
 * key Ansible hands on as undefined (to an outer `default`), and one rescue around it is faithful.
 */
function defaultOfChain(e: Expr, scope: JinjaScope): boolean {
  if (e.kind !== 'filter' || (e.name !== 'default' && e.name !== 'd') || e.kwargs.length || e.dynArgs || e.dynKwargs) return false;
  return e.args.every(isLiteral) && isReferenceChain(e.node, scope);
}

function isLiteral(e: Expr): boolean {
  if (e.kind === 'const') return true;
  if (e.kind === 'list' || e.kind === 'tuple') return e.items.every(isLiteral);
  if (e.kind === 'dict') return e.pairs.every((p) => isLiteral(p.key) && isLiteral(p.value));
  return false;
}

/**
 * A chain's reads of keys a value may lack (VarType.optional: `x.fetch('k')`, which raises KeyError,
 * no undefined value) as the helper's, which gives an Undefined that A2C::Jinja.try hands back:
 * `r.stat.isdir is defined` of a result whose task may be skipped. The reads above such a key go
 * through the helper too (`r.stat.exists | default(false)`: the missing `stat` is Undefined, and so
 * is its `exists`). Only the chain's own spine; what lies below the first such key stays.
 */
export function missingKeysUndefined(e: RExpr): RExpr {
  return spine(e).e;
}

function spine(e: RExpr): { e: RExpr; optional: boolean } {
  if (e.k === 'index') {
    const r = spine(e.recv);
    if (r.optional) return { e: J(e.key.k === 'str' ? 'attr' : 'item', [r.e, e.key]), optional: true };
    return { e: r.e === e.recv ? e : { ...e, recv: r.e }, optional: false };
  }
  if (e.k !== 'call' || !e.recv) return { e, optional: false };
  // The helper's own reads (`A2C::Jinja.attr(x, 'k')` of a key no type knows) on such a chain.
  if (isJinjaHelper(e) && (e.name === 'attr' || e.name === 'item') && e.args.length === 2) {
    const r = spine(e.args[0]!);
    return { e: r.e === e.args[0] ? e : { ...e, args: [r.e, e.args[1]!] }, optional: r.optional };
  }
  const r = spine(e.recv);
  if (e.name === 'fetch' && e.vt && e.args.length === 1 && e.args[0]!.k === 'str' && !e.block)
    return { e: J('attr', [r.e, e.args[0]!]), optional: true };
  return { e: r.e === e.recv ? e : { ...e, recv: r.e }, optional: r.optional };
}

/**
 * Expressions that evaluate to an undefined value without raising in Jinja and that the helpers
 * do not return as an A2C::Jinja::Undefined value (first, last, min and max of an empty sequence
 * do: their result is used as it is).
 */
function yieldsUndefined(e: Expr): boolean {
  if (e.kind === 'condexpr') return e.otherwise === null || yieldsUndefined(e.then) || yieldsUndefined(e.otherwise);
  return e.kind === 'filter' && e.name === 'random';
}

/** The operand as a Ruby value that may be an A2C::Jinja::Undefined. */
export function maybeUndefined(e: Expr, scope: JinjaScope, construct: string): RExpr {
  if (e.kind === 'const' || (e.kind === 'name' && scope.locals.has(e.name))) return translateTyped(e, scope).e;
  if (isReferenceChain(e, scope)) {
    // A contracted item field read as Hash#fetch raises KeyError where the key is missing: here, where
    // Jinja hands the undefined value on unused, the helper gives it (an Undefined) instead.
    const field = optionalField(e, scope, true);
    if (field) return tryBlock(J(e.kind === 'getattr' ? 'attr' : 'item', [translateKeyBase(field.local, scope).e, str(field.key)]));
    return tryBlock(missingKeysUndefined(translateTyped(e, scope).e));
  }
  const computed = computedItem(e, scope);
  if (computed) return computed;
  if (yieldsUndefined(e)) {
    untranslatable(construct, 'the operand can be undefined without being a plain variable reference', e.pos);
  }
  // Any other expression either raises (as in Jinja) or is defined.
  return translateTyped(e, scope).e;
}

/**
 * `d[k]` with a computed key, on a reference chain (tomcat's `certs[ansible_distribution ~ '-' ~ v] | default(...)`):
 * in Jinja a missing element is undefined, not an error, so `default` and `is defined` see it. The key is
 * evaluated outside the rescue (a key that fails fails in Jinja too); only the element's absence, or an
 * undefined `d`, becomes an Undefined value (A2C::Jinja.item_or_undefined).
 */
function computedItem(e: Expr, scope: JinjaScope): RExpr | undefined {
  if (e.kind !== 'getitem' || !isReferenceChain(e.node, scope)) return undefined;
  const whole = translateTyped(e, scope).e;
  // Facts, hostvars and groups read through their own helpers: only the plain element read is rewritten.
  if (whole.k !== 'call' || whole.name !== 'item' || whole.args.length !== 2 || !isJinjaHelper(whole)) return undefined;
  const [base, key] = whole.args as [RExpr, RExpr];
  return J('item_or_undefined', [tryBlock(missingKeysUndefined(base)), key]);
}

function isJinjaHelper(c: Extract<RExpr, { k: 'call' }>): boolean {
  const r = c.recv;
  return r !== undefined && r.k === 'const' && r.path.join('::') === 'A2C::Jinja';
}

/** A filter/test argument: when it is a variable, it may be undefined yet unused. */
export function lazyArg(e: Expr, scope: JinjaScope): Typed {
  const v = translateTyped(e, scope);
  if (e.kind === 'const' || e.kind === 'list' || e.kind === 'dict' || (e.kind === 'name' && scope.locals.has(e.name))) return v;
  // A name that translates to a constant (`omit`, `ansible_managed`) reads nothing.
  if (['const', 'str', 'int', 'float', 'bool', 'nil'].includes(v.e.k)) return v;
  // A variable the reading cookbook always sets (`node['cb']['k']`) is never undefined: nothing to rescue.
  if (plainAttribute(e, scope)?.defined.k === 'bool' || alwaysDefinedChain(e, scope)) return v;
  const m = maybeUndefined(e, scope, 'default');
  // Nothing to rescue (`x | default('d')` of an always-set x: defined, or failing as Jinja's does): the value as typed.
  if (JSON.stringify(m) === JSON.stringify(v.e)) return v;
  return { e: m, t: v.t };
}
