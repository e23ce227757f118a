// A read of a variable computed at each use (deferred.ts): its definition's Jinja translated in
// the reader's scope, as Ansible templates it when the task runs. Higher-ranked plain definitions
// are attributes read first; a set_fact of the same name outranks both.
import type { RExpr } from '../ir/ruby-ast.js';
import { call, nodePath, nodeRef, str } from '../ir/ruby-ast.js';
import { mergedViewDiffers } from '../resolve/precedence.js';
import type { VarRef } from '../jinja-to-ruby/scope.js';
import { JINJA } from '../jinja-to-ruby/rb.js';
import { type VarScope, followsTodoRead } from './jinja-bridge.js';
import { failed } from '../base/failure.js';
import type { DiagnosticCode } from '../base/diagnostics.js';
import { translateConditions, translateValue } from './values.js';
import type { VarSymbol } from '../resolve/symbols.js';
import type { DefinedValue, VarsFileBranch } from './deferred.js';
import { includedVarRead, storedAtTask } from './included-vars.js';
import { shadowedThrough } from './shadowed-read.js';
import { todoSettersBefore } from './todo-set-facts.js';

const RUN_STATE: RExpr = call(call(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true });

/** The read of `sym` when some definition of it is deferred, else undefined (an ordinary read). */
export function readDeferred(sym: VarSymbol, scope: VarScope): VarRef | undefined {
  const fail = (reason: string, followsTodo = false, code?: DiagnosticCode): VarRef => ({
    kind: 'failed',
    reason: `variable ${sym.name} ${reason}`,
    construct: `var:${sym.name}`,
    ...(followsTodo ? { followsTodo: true as const } : {}),
    ...(code ? { code } : {}),
  });
  // Every setter is a TODO: the reading task is one too, naming the task that would set it.
  const unset = scope.deferred?.unset(sym.name);
  if (unset !== undefined) return fail(unset.why, unset.followsTodo);
  // A set_fact without a translation may have run before this read: Ansible reads its value, which
  // outranks every other definition; the cookbook never stores it, so the fallback would be read.
  const todoSetters = todoSettersBefore(scope.deferred?.setByTodo(sym.name) ?? [], scope.reader);
  if (todoSetters.length)
    return fail(
      `is set by the set_fact task at ${todoSetters.map((s) => `${s.file}:${s.line}`).join(', ')}, which has no translation and may run before this read: Ansible then reads its value, which outranks every other definition, and the cookbook never stores it`,
      true,
    );
  // The condition of the include_vars task loading it reads it as it is before the task runs:
  // from the sources its vars files outrank, which are attributes (deferred.ts varsFilePlan).
  if (scope.beforeLoad?.has(sym.name)) return undefined;
  const plan = scope.deferred?.plan(sym.name, scope.role);
  if (!plan) return undefined;
  if (plan.kind === 'ambiguous')
    return fail(
      `is computed at each use and defined by several roles (${plan.roles.join(', ')}): which definition applies here is not converted`,
    );
  if (plan.kind === 'unsupported') return fail(`(${plan.def.span.file}:${plan.def.span.line}): ${plan.why}`, false, plan.code);
  const stack = scope.expanding ?? [];
  if (plan.kind === 'vars-file') {
    const stored = storedRead(sym, plan.branches, scope, stack);
    if (stored) return stored;
    // The value of the file the include_vars task loads here, else the attribute below it
    // (A2C::Jinja.var raises UndefinedError where none is set, as Ansible's read fails).
    let chosen: RExpr = call(JINJA, 'var', [nodeRef, ...sym.path.map(str)]);
    for (const { file, def, when } of [...plan.branches].reverse()) {
      const value = computed(sym, def, scope, stack);
      if ('kind' in value) return value;
      if (when) {
        const cond = convergeCondition(sym, when, scope);
        if ('kind' in cond) return cond;
        chosen = { k: 'ternary', c: cond.expr, t: value.expr, f: chosen };
        continue;
      }
      if (!plan.on) return done(sym, value.expr);
      chosen = { k: 'ternary', c: { k: 'binop', op: '==', l: plan.on, r: str(file) }, t: value.expr, f: chosen };
    }
    return done(sym, chosen);
  }
  const def = plan.kind === 'compute' ? plan.def : plan.then;
  const value = computed(sym, def, scope, stack);
  if ('kind' in value) return value;
  const expr =
    plan.kind === 'compute'
      ? value.expr
      : call(JINJA, 'var_or', [nodeRef, ...sym.path.map(str)], { block: { params: [], body: value.expr } });
  return done(sym, expr);
}

/**
 * The read of a value include_vars tasks under a converge-time `when` store where they run
 * (included-vars.ts): the stored value, else the attribute below (A2C::Jinja.var raises
 * UndefinedError where none is set, as Ansible's read fails). Undefined where a branch's value is
 * not stored or the reader binds a name it reads: then each branch is computed here, in the
 * reader's scope, under its condition. A branch without a translation fails the read as before.
 */
function storedRead(sym: VarSymbol, branches: readonly VarsFileBranch[], scope: VarScope, stack: readonly string[]): VarRef | undefined {
  if (!branches.every((b) => b.when && storedAtTask(b.def.value, scope, b.def.varsFile?.role)) || shadowedThrough(sym, scope))
    return undefined;
  for (const { def } of branches) {
    const value = computed(sym, def, scope, stack);
    if ('kind' in value) return value;
  }
  return done(sym, includedVarRead(sym.name, attributeBelow(sym, branches, scope), sym.type));
}

/**
 * The attribute a read takes where no include_vars task stored the value, read as any attribute
 * is (jinja-bridge.ts attributeRead) over the definitions other than the stored values:
 * `node['cb']['x']` where the reading cookbook's own role defaults or vars always set it,
 * `node.read!` where Chef's merged view is the value but it may be unset (Chef raises
 * NoSuchAttribute, as Ansible fails on the undefined variable), else A2C::Jinja.var (the highest
 * component's value whole, UndefinedError where none is set).
 */
function attributeBelow(sym: VarSymbol, branches: readonly VarsFileBranch[], scope: VarScope): RExpr {
  const at = (s: { file: string; line: number; col: number }) => `${s.file}:${s.line}:${s.col}`;
  const stored = new Set(branches.map((b) => at(b.def.span)));
  const others = sym.definitions.filter((d) => !(d.kind === 'include_vars' && stored.has(at(d.span))));
  const helper = call(JINJA, 'var', [nodeRef, ...sym.path.map(str)]);
  if (others.some((d) => d.kind === 'undeclared' || d.kind === 'set_fact' || d.atUse === 'computed')) return helper;
  const written = others.filter((d) => d.atUse === undefined);
  if (mergedViewDiffers(written)) return helper;
  const own =
    written.length === others.length &&
    scope.role !== undefined &&
    written.some((d) => (d.kind === 'role-default' || d.kind === 'role-vars') && d.owner === scope.role);
  return own && scope.cookbook === sym.path[0] ? nodePath(sym.path) : call(nodeRef, 'read!', sym.path.map(str));
}

/**
 * The condition of an include_vars evaluated again at the read (converge-condition.ts), its facts
 * stored at converge time read from the registered results: a read of them is what makes the
 * reader wait for the converge (lazy properties, converge-time loops), as for a registered result.
 */
function convergeCondition(sym: VarSymbol, at: NonNullable<VarsFileBranch['when']>, scope: VarScope): VarRef | { expr: RExpr } {
  const registered = new Map(scope.registered ?? []);
  for (const n of at.stored) if (registered.get(n)?.kind !== 'runstate') registered.set(n, { kind: 'runstate' });
  const conds = translateConditions(at.when, { ...scope, registered });
  if (failed(conds))
    return {
      kind: 'failed',
      reason: `variable ${sym.name}: the condition of the include_vars loading it has no translation here: ${conds.reason}`,
      construct: `var:${sym.name}`,
    };
  return { expr: conds.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b })) };
}

/** A set_fact of the name outranks every other definition: the fact once set, else the value. */
function done(sym: VarSymbol, expr: RExpr): VarRef {
  if (sym.definitions.some((d) => d.kind === 'set_fact'))
    return { kind: 'ruby', expr: call(RUN_STATE, 'fetch', [str(sym.name)], { block: { params: [], body: expr } }) };
  return { kind: 'ruby', expr };
}

/** The definition's value translated in the reader's scope, or the failed read saying why not. */
function computed(sym: VarSymbol, def: DefinedValue, scope: VarScope, stack: readonly string[]): VarRef | { expr: RExpr } {
  const where = `${def.span.file}:${def.span.line}`;
  if (stack.includes(sym.name))
    return {
      kind: 'failed',
      reason: `variable ${sym.name} (${where}) is computed at each use and its value reads itself through ${[...stack.slice(stack.indexOf(sym.name) + 1), sym.name].join(' -> ')}`,
      construct: `var:${sym.name}`,
    };
  const value = translateValue(def.value, { ...scope, expanding: [...stack, sym.name] });
  if (failed(value)) {
    // Keep the inner construct (a registered result read too early is retried where it exists).
    const m = /^(?:(?:Jinja|condition) not translated: )?([\s\S]*?)(?: \(([^()]*)\))?$/.exec(value.reason)!;
    const what = def.failing ? `(${where}) has no translation` : `(${where}, computed at each use)`;
    return {
      kind: 'failed',
      reason: `variable ${sym.name} ${what}: ${m[1]}`,
      construct: m[2] ?? `var:${sym.name}`,
      ...followsTodoRead(value),
      // A value that is the controller's work, or reads a file the input lacks, keeps its code in every reader.
      ...carriedCode(value.code),
    };
  }
  return { expr: value };
}

/**
 * `hostvars[host][name]` for the inventory's localhost: the value of its definition
 * (controller-hostvars.ts says which, and when none converts), translated here. It reads only
 * `groups`, so the reader's scope gives what localhost's would; a reader binding `groups` itself
 * is refused.
 */
export function readController(host: string, name: string, scope: VarScope): RExpr | { why: string } {
  const found = scope.deferred?.controller(host, name);
  if (!found) return { why: `hostvars['${host}'] reads the Ansible controller's host variables, which no Chef node holds` };
  if ('why' in found) return found;
  if (scope.locals.has('groups') || scope.vars?.has('groups'))
    return { why: `hostvars['${host}']['${name}']: groups is bound here, so localhost's value cannot be computed in this scope` };
  const value = translateValue(found.def.value, scope);
  if (failed(value)) return { why: `hostvars['${host}']['${name}']: its value on ${host} has no translation: ${value.reason}` };
  return value;
}

/**
 * The code of a failure whose cause lies outside the converter (the controller's work by design, a
 * file the input lacks), which every reader of the failing value keeps: converting the reader
 * would not need converter work, so its TODO is counted under that cause, not as work left.
 */
export function carriedCode(code: DiagnosticCode | undefined): { code?: DiagnosticCode } {
  return code === 'A2C-TODO-CONTROLLER' || code === 'A2C-MISSING-FILE' ? { code } : {};
}
