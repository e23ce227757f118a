// Jinja expression -> Ruby expression (RExpr), with Python semantics.
//
// API:
//   translateExpr(e, scope): Translation<RExpr>       the value of `e`
//   translateCondition(e, scope): Translation<RExpr>  Python truthiness of `e`, as a Ruby condition (true/false, or nil for `| bool` of None)
//   translateTyped(e, scope): Typed                    internal; throws Untranslatable
//
// Ruby and Python disagree on truthiness, equality of booleans and numbers,
// division, printing and undefined values, so operators go through the
// A2C::Jinja helper library (support cookbook) unless both operands are
// statically of a type where the Ruby operator means the same thing.
// Undefined reads raise A2C::Jinja::UndefinedError at run time (Ansible fails
// the task); `default`, `mandatory` and `is defined` wrap a reference chain in
// `A2C::Jinja.try { ... }` to observe undefinedness instead.
import { MAGIC_VARIABLES } from '../base/magic-variables.js';
import type { Expr, Pos } from '../load/jinja/ast.js';
import { call, int, isConstCall, nil, nodePath, nodeRef, rvar, str, typeOf, type RExpr } from '../ir/ruby-ast.js';
import { factRuby, membershipOnlyFact, readFact, isFactRoot, versionSplitMajor } from './facts.js';
import { ownHostFactName, translateHostvars, translateHostvarsIn } from './hostvars.js';
import { translateAnsibleHost } from './ansible-host.js';
import { translateFilter } from './filters.js';
import { PY_DICT_METHOD_NAMES, PY_METHOD_NAMES } from './names.js';
import { J, knownTruth, pyStr, pyTruthy, typed, type SType, type Typed } from './rb.js';
import { capture, isRefusal, untranslatable, type JinjaScope, type Translation, type VarRef } from './scope.js';
import { interpolationType, isPlainText, joinTypes, type VarType } from '../resolve/types.js';
import { literalType } from './literal-type.js';
import { concatenated, listResult } from './list-types.js';
import { translateTest } from './tests.js';
import { maybeUndefined, storedPresence } from './undef.js';
import { lookupEntry, lookupRefusal, lookupValue, pureLookupCall } from './lookups.js';
import { constValue, pyText } from './const-eval.js';
import { varsMatchingCall, varsMatchingPattern } from './vars-matching.js';
import { splitIndex } from './split-index.js';

export function translateExpr(e: Expr, scope: JinjaScope): Translation<RExpr> {
  return capture(() => translateTyped(e, scope).e);
}

export function translateCondition(e: Expr, scope: JinjaScope): Translation<RExpr> {
  return capture(() => testOf(e, scope));
}

// Comparisons and membership render as True or False, whose truth is the comparison's.
const TRUTH_OPS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'and', 'or']);

/**
 * Whether `{{ e }}` as a whole condition (`when: "{{ flag }}"`) may hold something other than `e`'s
 * truth: Ansible 2.14 renders the text and evaluates what it rendered as an expression, so a value
 * that is text (`"false"`, `"x is defined"`) decides as that expression, not as a non-empty string.
 * A test, comparison, `not`, or a value of a known non-text type (bool, number, None, list, dict:
 * their rendering evaluates back to an equal value) has the same truth either way.
 */
export function renderedConditionDiffers(e: Expr, scope: JinjaScope): boolean {
  if (e.kind === 'test' || (e.kind === 'unary' && e.op === 'not') || (e.kind === 'binop' && TRUTH_OPS.has(e.op))) return false;
  if (e.kind === 'const') return typeof e.value === 'string';
  const t = capture(() => translateTyped(e, scope).t);
  return !t.ok || !['bool', 'int', 'float', 'none', 'list', 'dict'].includes(t.value);
}

/**
 * Python's truth of a test: `and`, `or` and `not` on truth values are Ruby's &&, || and ! on the
 * operands' truth (same value, same short-circuit), so a test holds no conditional expression.
 */
export function testOf(e: Expr, scope: JinjaScope): RExpr {
  if (e.kind === 'binop' && (e.op === 'and' || e.op === 'or')) {
    const l = testOf(e.left, scope);
    // The right side of an `and` runs only where the left holds: a stored result's key it proved there is there.
    const right = e.op === 'and' ? withPresentKeys(scope, provedPresent(e.left, scope)) : scope;
    // A left side the translation decided (`x is defined` of a variable some source sets) decides
    // the operator or leaves the right side, as Python's short circuit does (and no literal
    // stands as a condition: Lint/LiteralAsCondition).
    if (l.k === 'bool') return l.v === (e.op === 'and') ? testOf(e.right, right) : l;
    return { k: 'binop', op: e.op === 'and' ? '&&' : '||', l, r: testOf(e.right, right) };
  }
  if (e.kind === 'unary' && e.op === 'not') return { k: 'not', e: testOf(e.node, scope) };
  return pyTruthy(translateTyped(e, scope));
}

/** The key a stored result's `x.k` is proved present by (constantChain's root and keys). */
function presentKey(e: Expr): string | undefined {
  const chain = constantChain(e);
  return chain && JSON.stringify([chain.root, ...chain.keys]);
}

/**
 * The stored results' keys `e` proves present where it holds: `r.a.b is defined` proves `r.a` and
 * `r.a.b` (undef.ts storedPresence asks each), and each side of a true `and` what it proves.
 */
function provedPresent(e: Expr, scope: JinjaScope): string[] {
  if (e.kind === 'binop' && e.op === 'and') return [...provedPresent(e.left, scope), ...provedPresent(e.right, scope)];
  if (e.kind !== 'test' || e.negated || e.name.replace(/^ansible\.builtin\./, '') !== 'defined' || e.args.length) return [];
  const out: string[] = [];
  for (let x = e.node; (x.kind === 'getattr' || x.kind === 'getitem') && storedPresence(x, scope); x = x.node) {
    const key = presentKey(x);
    if (key !== undefined) out.push(key);
  }
  return out;
}

function withPresentKeys(scope: JinjaScope, keys: string[]): JinjaScope {
  return keys.length ? { ...scope, presentKeys: new Set([...(scope.presentKeys ?? []), ...keys]) } : scope;
}

/**
 * `x.k` of a stored result (or of a key of it: undef.ts storedPresence) where an enclosing `x.k is defined and ...` proved k there: Hash#[]
 * gives the value (typed where the result's type knows it). A local of the same name as the
 * result's (a loop variable bound inside) is never a stored result: storedKey asks the scope.
 */
function provedField(e: Expr, base: Typed, key: string, scope: JinjaScope): Typed | undefined {
  if (!scope.presentKeys?.size) return undefined;
  const k = presentKey(e);
  if (k === undefined || !scope.presentKeys.has(k) || !storedPresence(e, scope)) return undefined;
  const d = base.vt?.t === 'dict' ? base.vt : undefined;
  const t =
    d?.optional && Object.hasOwn(d.optional, key) ? d.optional[key] : d?.fields && Object.hasOwn(d.fields, key) ? d.fields[key] : undefined;
  const read: RExpr = { k: 'index', recv: base.e, key: str(key), ...(t && t.t !== 'any' ? { vt: t } : {}) };
  return t && t.t !== 'any' ? withType(read, t) : typed(read, 'any');
}

const LOOP_ATTRS = new Set(['index', 'index0', 'first', 'last', 'length', 'revindex', 'revindex0']);

const ROLE_NAMES = new Set(['role_name', 'ansible_role_name']);

export function translateTyped(e: Expr, scope: JinjaScope): Typed {
  const v = translateValue(e, scope);
  // Read whole (printed, filtered, passed on), a value that is only a part of Ansible's (a command's or a
  // stat's registered result, a resource task's record: VarType.partOf) would show only what it keeps: refused.
  // Only a key read of it (getattr, getitem: translateValue) is safe, where refuseBeyondPart checks the key,
  // or a value the caller passes on with its type (a set_fact of `{{ r }}`, a loop over `[r1, r2]`).
  if (v.vt?.t === 'dict' && v.vt.partOf !== undefined && !scope.passesParts)
    return untranslatable('register:whole', `${v.vt.partOf}: read whole, it would hold only those`, e.pos, undefined, 'A2C-TODO-REGISTER');
  return v;
}

/** translateTyped without the whole-read refusal: for the base of a key read, which checks its key instead. */
export function translateKeyBase(e: Expr, scope: JinjaScope): Typed {
  return translateValue(e, scope);
}

function translateValue(e: Expr, scope: JinjaScope): Typed {
  const folded = foldConstant(e, scope);
  if (folded) return folded;
  switch (e.kind) {
    case 'const':
      return constant(e.value, e.float);
    case 'name':
      return name(e.name, scope, e.pos);
    case 'list': {
      const items = e.items.map((i) => translateTyped(i, scope));
      // The items' common type, as a variable's list has it (resolve/types.ts VarType.item).
      const item = items.reduce<VarType | undefined>(
        (acc, i) => joinTypes(acc, i.vt ?? { t: i.t, ...(i.plain ? { plain: i.plain } : {}) }),
        undefined,
      );
      const array: RExpr = { k: 'array', items: items.map((i) => i.e) };
      if (items.length === 0) return withType(array, { t: 'list', empty: true });
      return item && item.t !== 'any' ? withType(array, { t: 'list', item }) : typed(array, 'list');
    }
    case 'tuple':
      return typed(
        J(
          'tuple',
          e.items.map((i) => translateTyped(i, scope).e),
        ),
        'any',
      );
    case 'dict': {
      const pairs = e.pairs.map((p) => [translateTyped(p.key, scope), translateTyped(p.value, scope)] as const);
      const hash: RExpr = { k: 'hash', pairs: pairs.map(([k, v]) => [k.e, v.e]) };
      return dictLiteralType(e.pairs, pairs) ?? typed(hash, 'dict');
    }
    case 'getattr':
      return getattr(e, scope);
    case 'getitem':
      return getitem(e.node, e.arg, scope, e.pos);
    case 'slice': {
      if (e.step !== null) untranslatable('slice-step', 'slices with a step are not translated', e.pos);
      const part = (x: Expr | null): RExpr => (x === null ? nil : translateTyped(x, scope).e);
      const v = translateTyped(e.node, scope);
      return typed(J('slice', [v.e, part(e.start), part(e.stop)]), v.t === 'str' || v.t === 'list' ? v.t : 'any');
    }
    case 'filter':
      return translateFilter(e, scope);
    case 'test':
      return typed(translateTest(e, scope), 'bool');
    case 'binop':
      return binop(e.op, e.left, e.right, scope, e.pos);
    case 'unary':
      return unary(e.op, e.node, scope, e.pos);
    case 'condexpr': {
      const test = translateTyped(e.test, scope);
      const otherwise = (): Typed =>
        e.otherwise === null
          ? typed(J('undefined', [str('the inline if-expression evaluated to false and no else section was defined')]), 'any')
          : translateTyped(e.otherwise, scope);
      // A test known now picks its branch: Jinja never evaluates the other one, and no literal condition is written.
      const known = knownTruth(test);
      if (known !== undefined) return known ? translateTyped(e.then, scope) : otherwise();
      const c = pyTruthy(test);
      const t = translateTyped(e.then, scope);
      const f = otherwise();
      // Both branches plain text: the chosen one is too.
      return {
        e: { k: 'ternary', c, t: t.e, f: f.e },
        t: t.t === f.t ? t.t : 'any',
        ...(t.t === f.t && t.plain && f.plain ? { plain: true } : {}),
      };
    }
    case 'call':
      return callExpr(e, scope);
  }
}

/** A computed expression whose value is a str, int, bool or None known now: the literal of that value (const-eval.ts). */
function foldConstant(e: Expr, scope: JinjaScope): Typed | undefined {
  if (e.kind !== 'binop' && e.kind !== 'unary' && e.kind !== 'condexpr' && e.kind !== 'filter') return undefined;
  const v = constValue(e, scope.tables);
  return v === undefined || (typeof v === 'object' && v !== null) ? undefined : constant(v);
}

/**
 * A dict literal of string-literal keys: its keys are strings, each with its value's type (the
 * last one written wins in Python, as in the Ruby hash), and any value has one of theirs.
 */
function dictLiteralType(src: Extract<Expr, { kind: 'dict' }>['pairs'], pairs: ReadonlyArray<readonly [Typed, Typed]>): Typed | undefined {
  if (!src.every((p) => p.key.kind === 'const' && typeof p.key.value === 'string')) return undefined;
  const fields: Record<string, VarType> = {};
  let values: VarType | undefined;
  for (const [i, [, v]] of pairs.entries()) {
    const t: VarType = v.vt ?? { t: v.t, ...(v.plain ? { plain: v.plain } : {}) };
    fields[(src[i]!.key as { value: string }).value] = t;
    values = joinTypes(values, t);
  }
  const known = Object.fromEntries(Object.entries(fields).filter(([, t]) => t.t !== 'any'));
  const hash: RExpr = { k: 'hash', pairs: pairs.map(([k, v]) => [k.e, v.e]) };
  return withType(hash, {
    t: 'dict',
    strKeys: true,
    ...(Object.keys(known).length > 0 ? { fields: known } : {}),
    ...(values && values.t !== 'any' ? { values } : {}),
  });
}

function constant(v: string | number | boolean | null, float?: true): Typed {
  if (v === null) return typed(nil, 'none');
  // Text convert_data leaves as it is, whatever renders it (resolve/types.ts VarType.plain).
  if (typeof v === 'string') return isPlainText(v) ? { e: str(v), t: 'str', plain: true } : typed(str(v), 'str');
  if (typeof v === 'boolean') return typed({ k: 'bool', v }, 'bool');
  return Number.isInteger(v) && !float ? typed(int(v), 'int') : typed({ k: 'float', v }, 'float');
}

function name(n: string, scope: JinjaScope, pos: Pos): Typed {
  const local = scope.locals.get(n);
  if (local !== undefined) {
    const t = scope.localTypes?.get(n);
    return t ? withType({ k: 'var', name: local, vt: t }, t) : typed(rvar(local), 'any');
  }
  // Ansible adds the role's name last (magic vars): a variable of that name never hides it.
  if (ROLE_NAMES.has(n)) {
    const role = scope.lookupMagic?.(n);
    if (role && !isRefusal(role)) return typed(role, 'str');
  }
  if (n === 'ansible_host') return translateAnsibleHost(scope, pos);
  const ref = scope.lookupVar(n);
  if (ref?.kind === 'failed') return untranslatable(ref.construct, ref.reason, pos, ref.followsTodo, ref.code);
  if (ref) return ref.kind === 'ruby' ? rubyValue(ref.expr) : attributeRead(ref);
  if (MAGIC_VARIABLES.has(n)) return magic(n, scope, pos);
  if (isFactRoot(n, scope.tables)) return readFact(scope, n, [], pos);
  const external = scope.lookupUndeclared?.(n);
  // Set outside the input with a declared type: Chef's strict read, which raises where Ansible
  // fails on the undefined variable.
  if (external?.type) return attributeRead({ kind: 'attribute', path: external.path, type: external.type, read: 'strict' });
  // Read but set nowhere in the input: a required input, which fails naming what to set.
  if (external) return typed(J('input', [{ k: 'call', name: 'node', args: [], noParens: true }, ...external.path.map(str)]), 'any');
  return untranslatable(
    `variable:${n}`,
    `variable '${n}' is not defined in the project (no role default, var, group/host var or set_fact sets it)`,
    pos,
  );
}

/** A node attribute read as VarRef says (plain, strict or through A2C::Jinja.var), with its known type. */
export function attributeRead(ref: Extract<VarRef, { kind: 'attribute' }>): Typed {
  const t = ref.type;
  const e =
    ref.read === 'node'
      ? nodePath(ref.path)
      : ref.read === 'strict'
        ? call(nodeRef, 'read!', ref.path.map(str))
        : J(ref.read === 'input' ? 'input' : 'var', [nodeRef, ...ref.path.map(str)]);
  if (!t || t.t === 'any') return typed(e, 'any');
  return withType(e.k === 'index' || e.k === 'call' ? { ...e, vt: t } : e, t);
}

function withType(e: RExpr, t: VarType): Typed {
  return { e, t: t.t, vt: t, ...(t.plain ? { plain: true } : {}) };
}

/**
 * `x.k` / `x['k']` on a dict every value of which has key k (VarType.fields): Jinja finds the key,
 * so Ruby's own `x['k']` is the same value, typed. Undefined otherwise (the helper decides).
 */
function knownField(base: Typed, key: string | number): Typed | undefined {
  const lit = literalField(base.e, key);
  if (lit !== undefined && lit !== 'absent') return withType(lit, literalType(lit));
  if (typeof key !== 'string' || base.vt?.t !== 'dict') return undefined;
  const o = base.vt.optional;
  if (o && Object.hasOwn(o, key) && o[key]!.t !== 'any' && !PY_DICT_METHOD_NAMES.has(key)) {
    // A key an item may lack (an item-field contract): Hash#fetch fails on a missing one where Jinja's
    // undefined fails when it is used; `default` and `is defined` ask first (filter-plugins.ts, undef.ts).
    const t = o[key]!;
    return withType(call(base.e, 'fetch', [str(key)], { vt: t }), t);
  }
  const f = base.vt.fields;
  if (!f || !Object.hasOwn(f, key)) return undefined;
  const t = f[key]!;
  const e: RExpr = { k: 'index', recv: base.e, key: str(key), ...(t.t !== 'any' ? { vt: t } : {}) };
  return t.t === 'any' ? typed(e, 'any') : withType(e, t);
}

/**
 * A value the caller computed (an unrolled loop's item, a task var): a literal has the type it is
 * written with (literal-type.ts); a translation that noted its value's type (`vt`: a task var
 * `rule: "{{ item }}"` over a loop of typed items is that item, whole) has that one; anything
 * else is unknown.
 */
function rubyValue(e: RExpr): Typed {
  // Ruby's `!x` is true or false whatever x is: a Python bool.
  if (e.k === 'not') return typed(e, 'bool');
  const t = LITERAL_KINDS.has(e.k) ? literalType(e) : typeOf(e);
  return t && t.t !== 'any' ? withType(e, t) : typed(e, 'any');
}

// Interpolated text is a Ruby String whatever its parts print: a task var's `/etc/{{ x }}` is a str.
const LITERAL_KINDS = new Set<RExpr['k']>(['str', 'int', 'float', 'bool', 'nil', 'array', 'hash', 'interp']);

/**
 * `key` of a literal hash whose keys are all written as strings: the value written there, or
 * 'absent' (Jinja's undefined); undefined where the base is not such a hash.
 */
export function literalField(base: RExpr, key: string | number): RExpr | 'absent' | undefined {
  if (base.k !== 'hash' || typeof key !== 'string' || !base.pairs.every(([k]) => k.k === 'str')) return undefined;
  const hit = base.pairs.find(([k]) => k.k === 'str' && k.v === key);
  return hit ? hit[1] : 'absent';
}

/** Names the translator resolves before project variables are looked up as undeclared: locals, magic variables, facts. */
export function isBuiltinName(n: string, scope: JinjaScope): boolean {
  return scope.locals.has(n) || MAGIC_VARIABLES.has(n) || ROLE_NAMES.has(n) || isFactRoot(n, scope.tables);
}

function magic(n: string, scope: JinjaScope, pos: Pos): Typed {
  const hooked = scope.lookupMagic?.(n);
  if (hooked && isRefusal(hooked)) return untranslatable(`magic:${n}`, `magic variable '${n}': ${hooked.why}`, pos);
  if (hooked) {
    if (hooked.k === 'call' && hooked.vt) return withType(hooked, hooked.vt);
    // A setting known at conversion time (`ansible_managed`, `role_path`): a Python str, as written.
    if (hooked.k === 'str') return withType(hooked, isPlainText(hooked.v) ? { t: 'str', plain: true } : { t: 'str' });
    return typed(hooked, 'any');
  }
  const nodeName = call({ k: 'call', name: 'node', args: [], noParens: true }, 'name');
  // Converted nodes are named after their inventory host (nodes/<host>.json).
  if (n === 'inventory_hostname') return typed(nodeName, 'str');
  if (n === 'inventory_hostname_short') return typed(J('item', [J('split', [nodeName, str('.')]), int(0)]), 'str');
  return untranslatable(`magic:${n}`, `magic variable '${n}' has no sound equivalent on a Chef node here`, pos);
}

/** A name followed by constant keys: `ansible_facts.default_ipv4['address']` -> ['ansible_facts', 'default_ipv4', 'address']. */
export function constantChain(e: Expr): { root: string; keys: Array<string | number> } | undefined {
  if (e.kind === 'name') return { root: e.name, keys: [] };
  if (e.kind === 'getattr') {
    const inner = constantChain(e.node);
    return inner && { root: inner.root, keys: [...inner.keys, /^\d+$/.test(e.attr) ? Number(e.attr) : e.attr] };
  }
  if (e.kind === 'getitem' && e.arg.kind === 'const' && (typeof e.arg.value === 'string' || typeof e.arg.value === 'number')) {
    const inner = constantChain(e.node);
    return inner && { root: inner.root, keys: [...inner.keys, e.arg.value] };
  }
  return undefined;
}

/** Fact chains resolve as a whole (`ansible_default_ipv4.address` is one Ohai attribute). */
function factChain(e: Expr, scope: JinjaScope): Typed | undefined {
  const chain = constantChain(e);
  if (!chain || scope.locals.has(chain.root) || scope.lookupVar(chain.root) || !isFactRoot(chain.root, scope.tables)) return undefined;
  return readFact(scope, chain.root, chain.keys, e.pos);
}

/**
 * `ansible_os_family == 'RedHat'` as `platform_family?('rhel', 'fedora', 'amazon')` (facts.toml
 * `chef_check`): the Ohai values the fact's table maps to that Ansible value. Equal on every mapped
 * family; on a family the table does not know, the helper answers false where the lookup would fail
 * the run, and Ansible's value for it is not the compared one unless the table is missing a row.
 * `ansible_os_family | lower == 'redhat'` compares the lower-cased table names the same way, and
 * `hostvars[inventory_hostname].ansible_os_family` is the same fact of this host.
 */
function platformCheck(compared: Expr, value: Expr, scope: JinjaScope): RExpr | undefined {
  const hit = platformOhai(compared, value, scope);
  return hit && call(undefined, hit.check, hit.ohai.map(str));
}

/**
 * `ansible_os_family in ['RedHat', 'Debian']` as one check over the Ohai values of every listed
 * name; undefined unless each name has some (as for `==`, an unmatched name keeps the lookup).
 */
function platformMembership(compared: Expr, list: Expr, scope: JinjaScope): RExpr | undefined {
  if ((list.kind !== 'list' && list.kind !== 'tuple') || list.items.length === 0) return undefined;
  const hits = list.items.map((item) => platformOhai(compared, item, scope));
  if (hits.some((h) => !h)) return undefined;
  const ohai = [...new Set(hits.flatMap((h) => h?.ohai ?? []))].sort();
  return call(undefined, hits[0]?.check as string, ohai.map(str));
}

function platformOhai(compared: Expr, value: Expr, scope: JinjaScope): { check: string; ohai: string[] } | undefined {
  if (!scope.platformHelpers || value.kind !== 'const' || typeof value.value !== 'string') return undefined;
  const lowered = lowerOperand(compared);
  const fact = ownHostFactName(lowered ?? compared, scope) ?? lowered ?? compared;
  const chain = constantChain(fact);
  if (!chain || scope.locals.has(chain.root) || scope.lookupVar(chain.root) || !isFactRoot(chain.root, scope.tables)) return undefined;
  const path = chain.root === 'ansible_facts' ? chain.keys : [chain.root.slice('ansible_'.length), ...chain.keys];
  if (path.length !== 1 || typeof path[0] !== 'string') return undefined;
  const entry = scope.tables.facts[path[0]];
  if (!entry?.chef_check || !entry.table) return undefined;
  // Python's str.lower and JS's toLowerCase agree on the table's names (ASCII letters only).
  const spelled = (v: string): string => (lowered ? v.toLowerCase() : v);
  const ohai = Object.entries(entry.table)
    .filter(([, v]) => spelled(v) === value.value)
    .map(([k]) => k)
    .sort();
  return ohai.length > 0 ? { check: entry.chef_check, ohai } : undefined;
}

/** `x | lower` (the builtin, no arguments): x; else undefined. */
function lowerOperand(e: Expr): Expr | undefined {
  if (e.kind !== 'filter' || e.name.replace(/^ansible\.builtin\./, '') !== 'lower') return undefined;
  return e.args.length || e.kwargs.length || e.dynArgs || e.dynKwargs ? undefined : e.node;
}

/**
 * `ansible_virtualization_type == 'docker'` where the fact answers only such comparisons
 * (facts.toml `compare_only`): the compute's answer compared with a listed literal. The fact read
 * on this node only (another host's files are not known here). `| default('none')` on the fact
 * changes nothing where its literal is not the compared one: the setup module always sets the fact
 * (ansible-core 2.14's virtual collectors: '' or 'NA' when nothing is detected), so the default
 * never applies, and an answer that is not the compared container name is false either way.
 */
function compareOnlyCheck(fact: Expr, value: Expr, scope: JinjaScope): RExpr | undefined {
  if (value.kind !== 'const' || typeof value.value !== 'string') return undefined;
  const chain = constantChain(defaultOperand(fact, value.value) ?? fact);
  if (!chain || scope.locals.has(chain.root) || scope.lookupVar(chain.root) || !isFactRoot(chain.root, scope.tables)) return undefined;
  const path = chain.root === 'ansible_facts' ? chain.keys : [chain.root.slice('ansible_'.length), ...chain.keys];
  if (path.length !== 1 || typeof path[0] !== 'string') return undefined;
  const entry = scope.tables.facts[path[0]];
  if (!entry?.compare_only?.includes(value.value) || !entry.compute) return undefined;
  return { k: 'binop', op: '==', l: factRuby(entry, path[0]), r: str(value.value) };
}

/** `x | default('lit')` (the builtin, one positional string other than `unlike`): x; else undefined. */
function defaultOperand(e: Expr, unlike: string): Expr | undefined {
  if (e.kind !== 'filter' || !['default', 'd'].includes(e.name.replace(/^ansible\.builtin\./, ''))) return undefined;
  if (e.args.length !== 1 || e.kwargs.length || e.dynArgs || e.dynKwargs) return undefined;
  const lit = e.args[0]!;
  return lit.kind === 'const' && typeof lit.value === 'string' && lit.value !== unlike ? e.node : undefined;
}

/** The Python classes whose type_debug name is the same wherever the value came from. */
const ORIGIN_FREE_TYPES = new Set(['bool', 'int', 'float', 'NoneType']);

/** `x | type_debug == 'bool'` (the filter alone is untranslatable: filters.toml). */
function typeDebugCheck(filtered: Expr, value: Expr, scope: JinjaScope): RExpr | undefined {
  if (value.kind !== 'const' || typeof value.value !== 'string' || !ORIGIN_FREE_TYPES.has(value.value)) return undefined;
  if (filtered.kind !== 'filter' || filtered.name.replace(/^ansible\.builtin\./, '') !== 'type_debug') return undefined;
  if (filtered.args.length || filtered.kwargs.length || filtered.dynArgs || filtered.dynKwargs) return undefined;
  return J('type_debug_is', [maybeUndefined(filtered.node, scope, 'filter:type_debug'), str(value.value)]);
}

function getattr(e: Extract<Expr, { kind: 'getattr' }>, scope: JinjaScope): Typed {
  const fact = factChain(e, scope) ?? translateHostvars(e, scope, (x) => translateTyped(x, scope));
  if (fact) return fact;
  if (e.node.kind === 'name' && e.node.name === 'loop' && scope.locals.has('loop')) {
    if (!LOOP_ATTRS.has(e.attr)) untranslatable(`loop.${e.attr}`, `loop.${e.attr} is not translated`, e.pos);
    return typed(call(rvar(scope.locals.get('loop') as string), e.attr), e.attr === 'first' || e.attr === 'last' ? 'bool' : 'int');
  }
  if (/^\d+$/.test(e.attr)) return typed(J('item', [translateTyped(e.node, scope).e, int(Number(e.attr))]), 'any');
  if (PY_DICT_METHOD_NAMES.has(e.attr)) {
    untranslatable(`attribute:${e.attr}`, `'.${e.attr}' names a Python dict method, which Jinja would return instead of the key`, e.pos);
  }
  if (isGroups(e.node, scope)) return group(e.node, { kind: 'const', value: e.attr, pos: e.pos }, scope);
  const base = translateValue(e.node, scope);
  const proved = provedField(e, base, e.attr, scope);
  if (proved) return proved;
  const known = knownField(base, e.attr);
  if (known) return known;
  refuseBeyondPart(base, e.attr, e.pos);
  return typed(J('attr', [base.e, str(e.attr)]), 'any');
}

/** How a refusal names the key read beyond what a value keeps (a literal key, or one computed at run time). */
const notKept = (key: unknown): string => (typeof key === 'string' ? `its '${key}' is not` : 'a key chosen at run time may not be');

/** A key read beyond what a computed part of Ansible's value holds (VarType.partOf): refused, naming it. */
function refuseBeyondPart(base: Typed, key: unknown, pos: Pos): void {
  const why = base.vt?.t === 'dict' ? base.vt.partOf : undefined;
  if (why === undefined) return;
  untranslatable(`register:${typeof key === 'string' ? key : 'key'}`, `${why}: ${notKept(key)}`, pos, undefined, 'A2C-TODO-REGISTER');
}

const isGroups = (node: Expr, scope: JinjaScope): boolean =>
  node.kind === 'name' && node.name === 'groups' && !scope.locals.has('groups') && !scope.lookupVar('groups');

/**
 * `groups[g]` / `groups.g`: a group the inventory must define; missing, it is undefined and names
 * what to provide (the helper raises, never hands back an undefined value), so an inventory's
 * host-name lists (VarType.values) type it.
 */
function group(node: Expr, arg: Expr, scope: JinjaScope): Typed {
  const all = translateTyped(node, scope);
  const args = [all.e, translateTyped(arg, scope).e];
  const t = all.vt?.t === 'dict' ? all.vt.values : undefined;
  return t ? withType(J('group', args, { vt: t }), t) : typed(J('group', args), 'any');
}

function getitem(node: Expr, arg: Expr, scope: JinjaScope, pos: Pos): Typed {
  const whole: Expr = { kind: 'getitem', node, arg, pos };
  const fact = factChain(whole, scope) ?? translateHostvars(whole, scope, (x) => translateTyped(x, scope));
  if (fact) return fact;
  const major = versionSplitMajor(
    node,
    arg,
    (e) => {
      const chain = constantChain(e);
      return chain && !scope.locals.has(chain.root) && !scope.lookupVar(chain.root) ? chain : undefined;
    },
    scope.tables,
  );
  if (major) return readFact(scope, major.root, major.keys, pos);
  if (arg.kind === 'const' && typeof arg.value === 'string' && PY_METHOD_NAMES.has(arg.value)) {
    untranslatable(`item:${arg.value}`, `a missing key '${arg.value}' would resolve to a Python method in Jinja`, pos);
  }
  if (isGroups(node, scope)) return group(node, arg, scope);
  const field = splitIndex(node, arg, (x) => translateTyped(x, scope));
  if (field) return field;
  const base = translateValue(node, scope);
  const known = arg.kind === 'const' && typeof arg.value === 'string' ? knownField(base, arg.value) : undefined;
  if (!known) refuseBeyondPart(base, arg.kind === 'const' ? arg.value : undefined, pos);
  return known ?? typed(J('item', [base.e, translateTyped(arg, scope).e]), 'any');
}

const bothAre = (a: Typed, b: Typed, ...ts: SType[]): boolean => ts.includes(a.t) && a.t === b.t;

/**
 * A text-or-integer against a str or an int: Ruby's == answers as Python's (a String never equals an
 * Integer in either, and each equals its own kind by value).
 */
function textOrIntEquality(a: Typed, b: Typed): boolean {
  const either = (x: Typed) => x.t === 'str' || x.t === 'int' || x.t === 'strint';
  return (a.t === 'strint' || b.t === 'strint') && either(a) && either(b);
}

/**
 * Two booleans compared: Ruby's true and false are equal only to themselves, as Python's True and
 * False are among booleans (`True == 1` is what a bool-only comparison rules out). Against a literal
 * the comparison is the other side or its negation (`x | bool == true` is `x`).
 */
function boolEquality(op: '==' | '!=', a: RExpr, b: RExpr): RExpr {
  const literal = a.k === 'bool' ? a : b.k === 'bool' ? b : undefined;
  if (!literal) return { k: 'binop', op, l: a, r: b };
  const other = literal === a ? b : a;
  return literal.v === (op === '==') ? other : { k: 'not', e: other };
}

function binop(op: Extract<Expr, { kind: 'binop' }>['op'], left: Expr, right: Expr, scope: JinjaScope, pos: Pos): Typed {
  if (op === '~') {
    // Runs of constant parts are one piece of literal text (`' ' ~ 'stratum ' ~ x` is `" stratum #{x}"`).
    const parts: Array<string | RExpr> = [];
    // The same text as an interpolation's shape, for whether convert_data could re-read it (resolve/types.ts).
    const shape: Array<string | { name: string }> = [];
    const types = new Map<string, VarType>();
    for (const p of [...concatParts(left), ...concatParts(right)]) {
      const c = constValue(p, scope.tables);
      const t = c === undefined ? undefined : pyText(c);
      const last = parts.length - 1;
      if (t !== undefined) shape.push(t);
      if (t !== undefined && typeof parts[last] === 'string') parts[last] += t;
      else if (t !== undefined) parts.push(t);
      else {
        const v = translateTyped(p, scope);
        parts.push(pyStr(v));
        const key = `#${types.size}`;
        types.set(key, { t: v.t, ...(v.plain ? { plain: true as const } : {}) });
        shape.push({ name: key });
      }
    }
    const e: RExpr = { k: 'interp', parts };
    return interpolationType(shape, (k) => types.get(k) ?? { t: 'any' }).plain ? { e, t: 'str', plain: true } : typed(e, 'str');
  }
  if (op === '==' || op === '!=') {
    // Before the operands: the fact alone does not translate.
    const compared = compareOnlyCheck(left, right, scope) ?? compareOnlyCheck(right, left, scope);
    if (compared?.k === 'binop') return typed({ ...compared, op }, 'bool');
    const typeIs = typeDebugCheck(left, right, scope) ?? typeDebugCheck(right, left, scope);
    if (typeIs) return typed(op === '==' ? typeIs : { k: 'not', e: typeIs }, 'bool');
  }
  if (op === 'in' || op === 'not in') {
    const has = translateHostvarsIn(left, right, scope);
    if (has) return op === 'in' ? has : typed({ k: 'not', e: has.e }, 'bool');
    // `k in d.keys()` (prometheus' duplicated-flag check): membership in the view is membership in its
    // list (A2C::Jinja.dict_keys fails on a non-dict as the method does). Printed, a view is no list: only here.
    const facts = membershipFact(right, scope);
    if (facts) {
      const l = translateTyped(left, scope);
      // A plain str is looked up as Ruby's key?; any other value by Python's `in` (A2C::Jinja.contains).
      const has = typed(l.t === 'str' && l.plain ? call(facts, 'key?', [l.e]) : J('contains', [facts, l.e]), 'bool');
      return op === 'in' ? has : typed({ k: 'not', e: has.e }, 'bool');
    }
    const view = membershipView(right, scope);
    if (view) {
      const inView = typed(J('contains', [view, translateTyped(left, scope).e]), 'bool');
      return op === 'in' ? inView : typed({ k: 'not', e: inView.e }, 'bool');
    }
  }
  // Python 2's `d.items() + e.items()` (lists then): Python 3's views refuse `+`, so Ansible 2.14 fails there.
  if (op === '+' && (isDictView(left) || isDictView(right))) {
    const view = (isDictView(left) ? left : right) as Extract<Expr, { kind: 'call' }>;
    const name = (view.node as Extract<Expr, { kind: 'getattr' }>).attr;
    untranslatable(
      `python2-view-add:${name}`,
      `'+' on '.${name}()': under Python 2 it was a list, but Ansible 2.14 runs on Python 3, where it is a view that '+' refuses (unsupported operand type(s) for +: 'dict_${name}'); write '(d.${name}() | list) + ...'`,
      pos,
      undefined,
      'A2C-JINJA-PYTHON2',
    );
  }
  const a = translateTyped(left, scope);
  // Python returns an operand of `and` / `or`: with a left one known now, that operand is known too
  // (`true and x` is x, `'' or x` is x, `false and x` is false), and the right one is evaluated only when it is the result.
  const decided = op === 'and' || op === 'or' ? knownTruth(a) : undefined;
  if (decided !== undefined) return decided === (op === 'and') ? translateTyped(right, scope) : a;
  const b = translateTyped(right, scope);
  switch (op) {
    case 'and':
    case 'or': {
      if (a.t === 'bool' && b.t === 'bool') return typed({ k: 'binop', op: op === 'and' ? '&&' : '||', l: a.e, r: b.e }, 'bool');
      // Python returns an operand, not a boolean: `a and b` is b when a is true.
      const c = pyTruthy(a);
      const t = a.t === b.t ? a.t : 'any';
      return typed(op === 'and' ? { k: 'ternary', c, t: b.e, f: a.e } : { k: 'ternary', c, t: a.e, f: b.e }, t);
    }
    case '+':
      // Texts known at conversion time (`'# ' + ansible_managed`): one literal, as const-eval folds literals.
      if (a.e.k === 'str' && b.e.k === 'str' && bothAre(a, b, 'str')) return constant(a.e.v + b.e.v);
      if (bothAre(a, b, 'str', 'int')) return typed({ k: 'binop', op: '+', l: a.e, r: b.e }, a.t);
      // Two lists: Ruby's Array#+ is Python's concatenation (a new list, both operands' items in order).
      if (bothAre(a, b, 'list')) return listResult({ k: 'binop', op: '+', l: a.e, r: b.e }, concatenated(a, b));
      return typed(J('add', [a.e, b.e]), 'any');
    case '-':
      if (bothAre(a, b, 'int')) return typed({ k: 'binop', op: '-', l: a.e, r: b.e }, 'int');
      return typed(J('sub', [a.e, b.e]), 'any');
    case '*':
      if (bothAre(a, b, 'int')) return typed({ k: 'binop', op: '*', l: a.e, r: b.e }, 'int');
      return typed(J('mul', [a.e, b.e]), 'any');
    case '/':
      return typed(J('div', [a.e, b.e]), 'float');
    case '//':
      // Ruby's Integer#/ and #% floor toward negative infinity as Python's // and % do (and fail on 0).
      if (bothAre(a, b, 'int')) return typed({ k: 'binop', op: '/', l: a.e, r: b.e }, 'int');
      return typed(J('floordiv', [a.e, b.e]), 'any');
    case '%':
      if (left.kind === 'const' && typeof left.value === 'string') {
        const spec = unconvertedPercentSpec(left.value);
        if (spec !== undefined) untranslatable('operator:%', `printf-style formatting ${spec} is not translated`, pos);
      }
      // Python's printf-style formatting (A2C::Jinja.percent); mod does it too on a string.
      if (a.t === 'str' || (left.kind === 'const' && typeof left.value === 'string')) return typed(J('percent', [a.e, b.e]), 'str');
      if (bothAre(a, b, 'int')) return typed({ k: 'binop', op: '%', l: a.e, r: b.e }, 'int');
      return typed(J('mod', [a.e, b.e]), 'any');
    case '**':
      return typed(J('pow', [a.e, b.e]), 'any');
    case '==':
    case '!=': {
      const platform = platformCheck(left, right, scope) ?? platformCheck(right, left, scope);
      if (platform) return typed(op === '==' ? platform : { k: 'not', e: platform }, 'bool');
      if (bothAre(a, b, 'bool')) return typed(boolEquality(op, a.e, b.e), 'bool');
      if (bothAre(a, b, 'str', 'int') || textOrIntEquality(a, b) || plainEquality(a.e, b.e) || plainEquality(b.e, a.e))
        return typed({ k: 'binop', op, l: a.e, r: b.e }, 'bool');
      return typed(J(op === '==' ? 'eq' : 'ne', [a.e, b.e]), 'bool');
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (bothAre(a, b, 'int')) return typed({ k: 'binop', op, l: a.e, r: b.e }, 'bool');
      return typed(J({ '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' }[op], [a.e, b.e]), 'bool');
    case 'in':
      return typed(platformMembership(left, right, scope) ?? membership(a, b) ?? J('contains', [b.e, a.e]), 'bool');
    case 'not in':
      return typed({ k: 'not', e: platformMembership(left, right, scope) ?? membership(a, b) ?? J('contains', [b.e, a.e]) }, 'bool');
  }
}

/**
 * `a in b` as Ruby's own test where it answers as Python's does: a str in a str (substring); a str
 * in any list (only an equal str is == to a str, in Python as in Ruby: no number, boolean, None,
 * list or dict item meets it); an int in a list whose items are all ints (`True in [1]`, `1 in
 * [1.0]` hold in Python only, which is why a bool, a float or unknown items rule it out); a str
 * among the keys of a dict whose keys are all strs.
 */
function membership(a: Typed, b: Typed): RExpr | undefined {
  if (a.t === 'str' && b.t === 'str') return call(b.e, 'include?', [a.e]);
  if (a.t === 'str' && (b.t === 'list' || b.vt?.t === 'list')) return call(b.e, 'include?', [a.e]);
  const item = b.vt?.t === 'list' ? b.vt.item?.t : undefined;
  if (a.t === 'int' && item === 'int') return call(b.e, 'include?', [a.e]);
  if (a.t === 'str' && b.vt?.t === 'dict' && b.vt.strKeys) return call(b.e, 'key?', [a.e]);
  return undefined;
}

/**
 * The first conversion of a literal format A2C::Jinja.percent does not convert (it converts `%%`,
 * and `%s`, `%d`, `%i` with a width and the '-' and '0' flags), or undefined.
 */
function unconvertedPercentSpec(format: string): string | undefined {
  for (const m of format.matchAll(/%(?:\(([^)]*)\))?([-#0 +]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([\s\S]?)/g)) {
    const [whole, key, flags, width, precision, conv] = m;
    if (conv === '%' && key === undefined && flags === '' && width === undefined && precision === undefined) continue;
    // A '%' that ends the format fails in Python as in the helper: nothing to refuse.
    if (conv === '') continue;
    if (!['s', 'd', 'i'].includes(conv!) || /[# +]/.test(flags!) || width === '*' || precision !== undefined) return whole;
  }
  return undefined;
}

/**
 * `x == 'text'` (or an empty `{}` / `[]`): whatever a node attribute holds, Ruby's == answers as
 * Python's does against a str or an empty dict or list (no number, boolean or nesting meets it).
 * Only reads that fail rather than give back an undefined value (which Jinja refuses to compare)
 * qualify: an attribute path from node, node.read!, the node's name.
 */
function plainEquality(x: RExpr, literal: RExpr): boolean {
  const empty = (literal.k === 'hash' && literal.pairs.length === 0) || (literal.k === 'array' && literal.items.length === 0);
  return (literal.k === 'str' || empty) && failsRatherThanUndefined(x);
}

function failsRatherThanUndefined(e: RExpr): boolean {
  if (e.k === 'index') return e.key.k === 'str' && (isNodeRef(e.recv) || failsRatherThanUndefined(e.recv));
  if (e.k !== 'call') return false;
  if (isConstCall(e, 'A2C::Jinja', 'var') || isConstCall(e, 'A2C::Jinja', 'input'))
    return e.args.length > 0 && isNodeRef(e.args[0]!) && e.args.slice(1).every((a) => a.k === 'str');
  return (
    e.recv !== undefined &&
    isNodeRef(e.recv) &&
    ((e.name === 'read!' && e.args.every((a) => a.k === 'str')) || (e.name === 'name' && e.args.length === 0))
  );
}

const isNodeRef = (e: RExpr): boolean => e.k === 'call' && e.recv === undefined && e.name === 'node' && e.args.length === 0;

function concatParts(e: Expr): Expr[] {
  return e.kind === 'binop' && e.op === '~' ? [...concatParts(e.left), ...concatParts(e.right)] : [e];
}

/** `ansible_facts.packages` (a fact answering membership tests alone, facts.toml) as Ruby, else undefined. */
function membershipFact(e: Expr, scope: JinjaScope): RExpr | undefined {
  const chain = constantChain(e);
  if (!chain || scope.locals.has(chain.root) || scope.lookupVar(chain.root)) return undefined;
  return membershipOnlyFact(scope.tables, chain.root, chain.keys);
}

/** `d.keys()` or `d.values()` as the list a membership test looks through, else undefined. */
function membershipView(e: Expr, scope: JinjaScope): RExpr | undefined {
  if (e.kind !== 'call' || e.node.kind !== 'getattr' || e.args.length || e.kwargs.length || e.dynArgs || e.dynKwargs) return undefined;
  const m = e.node.attr;
  return m === 'keys' || m === 'values' ? J(`dict_${m}`, [translateTyped(e.node.node, scope).e]) : undefined;
}

function unary(op: 'not' | '-' | '+', node: Expr, scope: JinjaScope, pos: Pos): Typed {
  if (op === '-' && node.kind === 'const' && typeof node.value === 'number') return constant(-node.value, node.float);
  const v = translateTyped(node, scope);
  if (op === 'not') {
    const known = knownTruth(v);
    return known === undefined ? typed({ k: 'not', e: pyTruthy(v) }, 'bool') : constant(!known);
  }
  if (op === '-') return typed(J('neg', [v.e]), v.t === 'int' || v.t === 'float' ? v.t : 'any');
  if (v.t === 'int' || v.t === 'float') return v;
  return untranslatable('operator:unary+', 'unary + on a value of unknown type is not translated', pos);
}

/** String methods Ruby reproduces through A2C::Jinja.call_method (checked there for the receiver type). */
const METHODS: Record<string, { min: number; max: number; t: SType }> = {
  split: { min: 0, max: 2, t: 'list' },
  // No keepends argument: the lines without their ends only.
  splitlines: { min: 0, max: 0, t: 'list' },
  startswith: { min: 1, max: 1, t: 'bool' },
  endswith: { min: 1, max: 1, t: 'bool' },
  strip: { min: 0, max: 1, t: 'str' },
  lstrip: { min: 0, max: 1, t: 'str' },
  rstrip: { min: 0, max: 1, t: 'str' },
  join: { min: 1, max: 1, t: 'str' },
  lower: { min: 0, max: 0, t: 'str' },
  upper: { min: 0, max: 0, t: 'str' },
  replace: { min: 2, max: 2, t: 'str' },
  // One argument only: a start or end index is clamped by Python where Ruby's index gives nil.
  find: { min: 1, max: 1, t: 'int' },
  rfind: { min: 1, max: 1, t: 'int' },
  get: { min: 1, max: 2, t: 'any' },
  // list.append mutates a list the template built with `set` (the `{% if l.append(x) %}` idiom).
  append: { min: 1, max: 1, t: 'none' },
};

/**
 * Python 2's dict methods. Ansible 2.14 runs Jinja on Python 3, where no value has them: Jinja falls
 * back to a key of that name, finds none (YAML data holds no callables) and the call fails the task
 * ("'dict object' has no attribute 'iteritems'") wherever it is evaluated. The input needs `.items()`.
 */
const PY2_DICT_METHODS: Record<string, string> = {
  iteritems: 'items',
  iterkeys: 'keys',
  itervalues: 'values',
  has_key: 'in',
  viewitems: 'items',
  viewkeys: 'keys',
  viewvalues: 'values',
};

function python2Method(attr: string, pos: Pos): never {
  const now = PY2_DICT_METHODS[attr]!;
  const write = now === 'in' ? "'key in d'" : `'.${now}()'`;
  return untranslatable(
    `python2-method:${attr}`,
    `'.${attr}()' is a Python 2 dict method: Ansible 2.14 runs on Python 3, where no value has it, and fails wherever it is evaluated ('dict object' has no attribute '${attr}'); write ${write}`,
    pos,
    undefined,
    'A2C-JINJA-PYTHON2',
  );
}

/** `d.items()`, `d.keys()` or `d.values()`: a view in Python 3, which `+` refuses. */
function isDictView(e: Expr): boolean {
  return (
    e.kind === 'call' &&
    e.node.kind === 'getattr' &&
    ['items', 'keys', 'values'].includes(e.node.attr) &&
    e.args.length === 0 &&
    e.kwargs.length === 0 &&
    !e.dynArgs &&
    !e.dynKwargs
  );
}

function callExpr(e: Extract<Expr, { kind: 'call' }>, scope: JinjaScope): Typed {
  const varnames = varsMatchingPattern(e);
  if (varnames) return varsMatching(varnames, scope, e.pos);
  if (e.dynArgs || e.dynKwargs) untranslatable('call', '*args/**kwargs calls are not translated', e.pos);
  if (e.node.kind === 'getattr') {
    if (Object.hasOwn(PY2_DICT_METHODS, e.node.attr)) return python2Method(e.node.attr, e.pos);
    const m = METHODS[e.node.attr];
    if (!m || e.kwargs.length > 0 || e.args.length < m.min || e.args.length > m.max) {
      return untranslatable(`method:${e.node.attr}`, `Python method '.${e.node.attr}()' is not translated`, e.pos);
    }
    if (e.node.attr === 'append' && !(e.node.node.kind === 'name' && scope.locals.has(e.node.node.name))) {
      untranslatable('method:append', "'.append()' is translated only on a list the template itself set", e.pos);
    }
    const recv = translateTyped(e.node.node, scope);
    const got = dictGet(recv, e.node.attr, e.args, scope);
    if (got) return got;
    const result = J('call_method', [recv.e, str(e.node.attr), ...e.args.map((a) => translateTyped(a, scope).e)]);
    // Python's str.split gives a list of str, whatever the text (its edges stay the helper's).
    if (e.node.attr === 'split' && recv.t === 'str') return withType(result, { t: 'list', item: { t: 'str' } });
    return typed(result, m.t);
  }
  if (e.node.kind === 'name' && (e.node.name === 'lookup' || e.node.name === 'query' || e.node.name === 'q')) {
    return lookupCall(e, scope);
  }
  const what = e.node.kind === 'name' ? e.node.name : 'expression';
  return untranslatable(`call:${what}`, `calling '${what}' is not translated`, e.pos);
}

/** query('vars', *query('varnames', pattern)): the values of the variables it finds, where the caller can say which (vars-matching.ts). */
function varsMatching(pattern: Expr, scope: JinjaScope, pos: Pos): Typed {
  const checked = scope.varnamesSearch?.(pattern) ?? {
    why: 'the variables whose names a pattern finds are not searched here',
  };
  if ('why' in checked)
    return untranslatable(
      'lookup:varnames',
      `query('vars', *query('varnames', ...)) lists every variable of the host whose name the pattern finds: ${checked.why}`,
      pos,
    );
  return typed(varsMatchingCall(translateTyped(pattern, scope).e, checked), 'list');
}

/**
 * `d.get('k', dflt)` / `d.get('k')` of a value known to be a dict: Ruby's `d.fetch('k', dflt)` (nil
 * for Python's None). Jinja's `d.get` is always the dict's method, and a value of another type has
 * none (Python fails, and Ruby's fetch does on any value but a Hash or an Array, whose fetch refuses a
 * String index). A key every value has is read as `d['k']`, typed.
 */
function dictGet(recv: Typed, method: string, args: readonly Expr[], scope: JinjaScope): Typed | undefined {
  const key = args[0];
  if (method !== 'get' || recv.vt?.t !== 'dict' || key?.kind !== 'const' || typeof key.value !== 'string') return undefined;
  // A registered result's part (a read beyond its keys is refused elsewhere), or a value a helper
  // gives (which may be an undefined stand-in): the helper's get stays.
  if (recv.vt.partOf !== undefined || !plainHashRead(recv.e)) return undefined;
  const known = args.length === 1 || args.length === 2 ? knownField(recv, key.value) : undefined;
  if (known && recv.vt.fields && Object.hasOwn(recv.vt.fields, key.value)) return known;
  const dflt = args[1] ? translateTyped(args[1], scope).e : nil;
  return typed(call(recv.e, 'fetch', [str(key.value), dflt]), 'any');
}

/** A Ruby local, a node attribute (`node['a']['b']`, `node.read!`), or a key of one read by `[]` or `fetch`. */
function plainHashRead(e: RExpr): boolean {
  if (e.k === 'var') return true;
  if (e.k === 'index') return plainHashRead(e.recv) || isNodeRef(e.recv);
  if (e.k !== 'call' || e.recv === undefined) return false;
  if (e.name === 'read!') return isNodeRef(e.recv);
  return e.name === 'fetch' && plainHashRead(e.recv);
}

function lookupCall(e: Extract<Expr, { kind: 'call' }>, scope: JinjaScope): Typed {
  const [plugin, ...terms] = e.args;
  if (plugin?.kind !== 'const' || typeof plugin.value !== 'string') {
    return untranslatable('lookup', 'lookup plugin name is not a literal', e.pos);
  }
  const p = plugin.value.replace(/^ansible\.builtin\./, '');
  if (p === 'vars' && e.node.kind === 'name' && e.node.name === 'lookup' && e.kwargs.length === 0 && terms.length === 1) {
    const t = terms[0] as Expr;
    if (t.kind === 'const' && typeof t.value === 'string') return name(t.value, scope, e.pos);
  }
  // The dict lookup of one mapping through query()/q()/wantlist=True is dict2items; the other pure
  // lookups (lookups.toml) and plain lookup()'s joining of the list go to A2C::Lookup.
  const wantlist =
    e.node.kind === 'name' && e.node.name !== 'lookup'
      ? e.kwargs.length === 0
      : e.kwargs.length === 1 &&
        e.kwargs[0]!.name === 'wantlist' &&
        e.kwargs[0]!.value.kind === 'const' &&
        e.kwargs[0]!.value.value === true;
  if (p === 'dict' && wantlist && terms.length === 1) return typed(J('dict2items', [translateTyped(terms[0]!, scope).e]), 'list');
  const asList =
    (e.node.kind === 'name' && e.node.name !== 'lookup') || e.kwargs.some((k) => k.value.kind === 'const' && k.value.value === true);
  // lookup('file') of the role's own files: the text Ansible reads on the controller, embedded.
  const texts =
    p === 'file' && scope.roleFile && e.kwargs.length === 0
      ? terms.map((t) => (t.kind === 'const' && typeof t.value === 'string' ? scope.roleFile?.(t.value) : undefined))
      : [];
  if (texts.length > 0 && texts.every((t) => t !== undefined)) {
    const list: RExpr = { k: 'array', items: texts.map((t) => str(t as string)) };
    return asList ? typed(list, 'list') : typed(str(texts.join(',')), 'str');
  }
  // A file the input does not hold: Ansible's lookup fails there too, so the input lacks it.
  if (p === 'file' && scope.roleFileAbsent && e.kwargs.length === 0) {
    for (const t of terms) {
      const term = t.kind === 'const' && typeof t.value === 'string' ? t.value : undefined;
      const why = term === undefined ? undefined : scope.roleFileAbsent(term);
      if (why) return untranslatable('lookup:file', `lookup('file', '${term}'): ${why}`, e.pos, undefined, 'A2C-MISSING-FILE');
    }
  }
  // lookup('password'): the secret is read from a chef-vault item, never written as an attribute.
  const secret =
    p === 'password' && terms.length === 1 && e.kwargs.length === 0 && terms[0]!.kind === 'const' && typeof terms[0]!.value === 'string'
      ? scope.passwordSource?.(terms[0]!.value)
      : undefined;
  if (secret) return asList ? typed({ k: 'array', items: [secret] }, 'list') : typed(secret, 'str');
  const pure = lookupEntry(scope.tables, p)?.entry.ruby;
  // Only wantlist is understood: errors= turns a failure into None, which the helpers do not do.
  const kwargsOk = e.kwargs.every((k) => k.name === 'wantlist' && k.value.kind === 'const' && typeof k.value.value === 'boolean');
  if (pure && kwargsOk) {
    const ran = pureLookupCall(pure, { k: 'array', items: terms.map((t) => translateTyped(t, scope).e) }, false);
    return asList ? typed(ran, 'list') : typed(lookupValue(ran), 'any');
  }
  if (e.kwargs.length === 0) {
    const hooked = scope.lookupPlugin?.(
      p,
      terms.map((t) => translateTyped(t, scope).e),
    );
    if (hooked) return typed(hooked, 'any');
  }
  const kept = lookupEntry(scope.tables, p)?.entry.kept === true;
  return untranslatable(`lookup:${p}`, lookupRefusal(scope.tables, p), e.pos, undefined, kept ? 'A2C-TODO-CONTROLLER' : undefined);
}
