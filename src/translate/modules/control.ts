// Modules that steer the run rather than manage a resource.
import type { Stmt } from '../../ir/chef-ir.js';
import { bool, call as rcall, index, str, sym, typeOf, type RExpr } from '../../ir/ruby-ast.js';
import { copyNode, type YNode } from '../../load/ansible/yaml.js';
import { hasJinja } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { staticBool, translateConditions, translateValue, staticString } from '../values.js';
import { bare, optional } from './common.js';
import { readsRegistered, rubyBlock } from '../task/register.js';
import { allOf } from '../task/task-guards.js';
import type { ModuleCall, ModuleOutput, ModuleTranslator, RunResult } from './types.js';
import type { VarScope } from '../jinja-bridge.js';
import { passesOnWhole } from '../passes-on.js';
import type { VarType } from '../../resolve/types.js';
import { aroundRulesOutBooleanWord } from '../../resolve/set-fact-types.js';
import { renderedNodes } from '../../resolve/symbols.js';
import { propertyArg } from './params.js';
import { isFalseCondition, isTrueCondition } from '../task/changed-state.js';
import { isOmit, mayBeOmit, scopeOmitTest } from '../omit-value.js';

const raise = (msg: RExpr): RExpr => rcall(undefined, 'raise', [msg]);
/** The value, or the module's default where it is the omit placeholder (A2C::Tasks.omit with a default). */
const omitOr = (v: RExpr, dflt: string): RExpr =>
  isOmit(v) ? str(dflt) : rcall({ k: 'const', path: ['A2C', 'Tasks'] }, 'omit', [v, str(dflt)]);

export const debugModule: ModuleTranslator = (call) => {
  const msgNode = call.arg('msg');
  const varNode = call.arg('var');
  let message: RExpr;
  if (varNode) {
    const name = staticString(varNode);
    if (name === undefined) return new Untranslatable('A2C-TODO-PARAM', 'debug var must be a variable name', varNode.span);
    const v = translateValue(
      { ...copyNode(varNode, {}), kind: 'scalar', value: `{{ ${name} }}`, type: 'str' } as typeof varNode,
      call.scope,
    );
    if (failed(v)) return v;
    message = { k: 'interp', parts: [`${name}: `, v] };
  } else if (msgNode) {
    const v = translateValue(msgNode, call.scope);
    if (failed(v)) return v;
    // A msg that templates to `omit` is left out: the module's default message (remove_omit).
    message = mayBeOmit(v, scopeOmitTest(call.scope)) ? omitOr(v, 'Hello world!') : v;
  } else {
    message = str('Hello world!');
  }
  const r = bare(call, 'log', str(call.task.name ?? 'debug'), [
    { name: 'message', value: message },
    { name: 'level', value: sym('info') },
  ]);
  // `changed_when: true` with `notify`: the task notifies every time it runs. Chef's notify_group
  // always fires its notifications; a log resource counts as updated only under the client's
  // count_log_resource_updates setting, so the notifications go on the notify_group (task-keywords.ts).
  // Not in a loop (one resource name per item) nor with register (its changed record is the log's).
  const changed = call.task.keywords.get('changed_when');
  const kws = [...call.task.keywords.keys()];
  const plain = !kws.some((k) => k === 'register' || k === 'loop' || k.startsWith('with_'));
  if (plain && changed && call.task.keywords.has('notify') && isTrueCondition(changed))
    return { stmts: [{ ...r, auxiliary: true }, bare(call, 'notify_group', str(call.task.name ?? 'debug'))] };
  return { stmts: [r] };
};

export const failModule: ModuleTranslator = (call) => {
  const msg = optional(call, 'msg');
  if (failed(msg)) return msg;
  const dflt = 'Failed as requested from task';
  const text = msg && mayBeOmit(msg, scopeOmitTest(call.scope)) ? omitOr(msg, dflt) : msg;
  const r = bare(call, 'ruby_block', str(call.task.name ?? 'fail'), [{ name: 'block', value: raise(text ?? str(dflt)), block: true }]);
  return { stmts: [r] };
};

/** assert: fail at converge time unless every condition holds. */
export const assertModule: ModuleTranslator = (call) => {
  const that = call.arg('that');
  if (!that) return new Untranslatable('A2C-TODO-PARAM', "assert needs 'that'", call.task.span);
  const conds = translateConditions(that, call.scope);
  if (failed(conds)) return conds;
  const msg = optional(call, 'fail_msg', 'msg');
  if (failed(msg)) return msg;
  const dflt = 'Assertion failed';
  const text = msg && mayBeOmit(msg, scopeOmitTest(call.scope)) ? omitOr(msg, dflt) : msg;
  const all = allOf(conds);
  // Every condition decided true: the assertion holds whatever the node (no literal condition written).
  const body: RExpr = all ? { k: 'ternary', c: all, t: { k: 'nil' }, f: raise(text ?? str(dflt)) } : { k: 'nil' };
  const r = bare(call, 'ruby_block', str(call.task.name ?? 'assert'), [{ name: 'block', value: body, block: true }]);
  return { stmts: [r] };
};

/** set_fact: node.run_state holds facts set during the run (computed when the recipe compiles). */
/**
 * set_fact turns text spelling true/false/yes/no (any case) into a boolean (its action plugin,
 * jinja2_native off): literal text is decided here, a templated value when the recipe compiles.
 * YAML numbers, booleans, lists and dicts are no text and stay.
 */
export function setFactValue(node: YNode, v: RExpr, scope?: VarScope, stored?: VarType): RExpr {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return v;
  if (scope && readsPlainText(node.value, v, scope)) return v;
  if (!hasJinja(node.value)) {
    const word = node.value.toLowerCase();
    if (word === 'true' || word === 'yes') return bool(true);
    if (word === 'false' || word === 'no') return bool(false);
    return v;
  }
  // Text written around the templates that no such word holds (`{{ dir }}/releases`) rules it out,
  // as Jinja renders it: `{{ w -}} ` trims the space, and 'yes' stays a word.
  if (aroundRulesOutBooleanWord(renderedNodes(node.value))) return v;
  // What the set_fact stores is of a known type (resolve/set-fact-types.ts): no text spelling a boolean word.
  if (stored && stored.t !== 'any') return v;
  return rcall({ k: 'const', path: ['A2C', 'Jinja'] }, 'set_fact_value', [v]);
}

const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no']);

/**
 * `"{{ name }}"` read as the variable's attribute (v), where every value the input gives it is literal
 * text that no boolean word spells (per-platform vars files: `__nginx_user: www-data`): set_fact keeps
 * that text as it is, so the value needs no conversion. A source without a literal (a template, a
 * variable set outside the input, another set_fact) keeps it.
 */
function readsPlainText(text: string, v: RExpr, scope: VarScope): boolean {
  const name = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(text)?.[1];
  if (name === undefined || scope.locals.has(name)) return false;
  const sym = scope.symbols.get(name);
  if (!sym?.definitions.length || !readsAttribute(v, sym.path)) return false;
  return sym.definitions.every((d) => {
    const value = d.value;
    if (d.kind === 'set_fact' || d.kind === 'undeclared' || value?.kind !== 'scalar' || typeof value.value !== 'string') return false;
    return !hasJinja(value.value) && !BOOLEAN_WORDS.has(value.value.toLowerCase());
  });
}

/** `node['a']['b']` or `node.read!('a', 'b')` of exactly `path`. */
function readsAttribute(v: RExpr, path: readonly string[]): boolean {
  const isNode = (e: RExpr | undefined) => e?.k === 'call' && e.name === 'node' && e.recv === undefined && e.args.length === 0;
  if (v.k === 'call' && v.name === 'read!' && isNode(v.recv))
    return v.args.length === path.length && v.args.every((a, i) => a.k === 'str' && a.v === path[i]);
  const keys: string[] = [];
  let e: RExpr = v;
  while (e.k === 'index' && e.key.k === 'str') {
    keys.unshift(e.key.v);
    e = e.recv;
  }
  return isNode(e) && keys.length === path.length && keys.every((k, i) => k === path[i]);
}

/**
 * The type of a value that is (a join of) parts of registered results (VarType.partOf), passed on
 * whole: the fact keeps it, so a later read of a key beyond the part is refused there too.
 */
export function partType(v: RExpr): VarType | undefined {
  const t = typeOf(v);
  return t?.t === 'dict' && t.partOf !== undefined ? t : undefined;
}

export const setFactModule: ModuleTranslator = (call) => {
  const stmts: Stmt[] = [];
  const facts: Array<{ key: string; value: RExpr; span: YNode['span']; type?: VarType }> = [];
  const translated: Array<{ a: (typeof call.task.args)[number]; v: RExpr }> = [];
  /** The facts whose value may be omit at run time (A2C::Tasks.set_fact_unless_omit). */
  const maybe: Array<[RExpr, RExpr]> = [];
  for (const a of call.task.args) {
    if (a.key === 'cacheable') continue;
    const v = translateValue(a.value, passesOnWhole(a.value) ? { ...call.scope, passesParts: true } : call.scope);
    if (failed(v)) return v;
    translated.push({ a, v });
    const type = partType(v);
    facts.push({ key: a.key, value: setFactValue(a.value, v, call.scope), span: a.value.span, ...(type ? { type } : {}) });
  }
  // The assignment runs when the recipe compiles; a registered result exists only once its
  // ruby_block has run at converge time: a fact reading one, or set under a condition reading one,
  // is set there, beside the results.
  const reading = facts.find((f) => readsRegistered(f.value));
  const atConverge = reading
    ? { span: reading.span, what: 'reads a registered result' }
    : facts.length && ownWhenReadsRegistered(call)
      ? { span: call.task.keywords.get('when')!.span, what: 'is conditioned on a registered result' }
      : undefined;
  if (atConverge) {
    // Set at converge time: no form there leaves the fact unset where the value is the placeholder,
    // as Ansible's remove_omit does; a TODO rather than storing its text.
    const omitted = translated.find(({ v }) => mayBeOmit(v, scopeOmitTest(call.scope)));
    if (omitted)
      return new Untranslatable(
        'A2C-TODO-PARAM',
        `set_fact ${omitted.a.key} ${atConverge.what} and may be omit (Ansible then leaves the fact unset): not converted`,
        omitted.a.value.span,
      );
    return convergeSetFact(call, facts, atConverge.span, atConverge.what);
  }
  for (const { a, v } of translated) {
    const stored = call.scope.symbols.get(a.key)?.definitions.find((d) => d.kind === 'set_fact' && d.span === call.task.span)?.vtype;
    // Ansible drops an argument that templates to `omit` from set_fact's too (remove_omit): the fact
    // is not set, keeping any value it had. Always omit: no assignment; may be: decided when it compiles.
    if (isOmit(v)) continue;
    const value = setFactValue(a.value, v, call.scope, stored);
    const origin = { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) };
    if (mayBeOmit(v, scopeOmitTest(call.scope))) {
      maybe.push([str(a.key), value]);
      continue;
    }
    stmts.push({ kind: 'assign', target: index(RUN_STATE, str(a.key)), value, origin });
  }
  if (maybe.length > 0) {
    const where = `${call.task.span.file}:${call.task.span.line}`;
    const comment = [call.task.name ? `${where} ${call.task.name}` : where];
    // Every value may be omit: where all are at run time, set_fact fails ('No key/value pairs
    // provided'), as A2C::Tasks.set_facts_unless_omit does; with one value always set, none fails.
    if (stmts.length === 0)
      stmts.push({ kind: 'call', comment, expr: rcall(TASKS, 'set_facts_unless_omit', [RUN_STATE, { k: 'hash', pairs: maybe }]) });
    else
      for (const [key, value] of maybe)
        stmts.push({ kind: 'call', comment, expr: rcall(TASKS, 'set_fact_unless_omit', [RUN_STATE, key, value]) });
  }
  // Every value omitted: set_fact fails ('No key/value pairs provided').
  if (stmts.length === 0 && call.task.args.some((a) => a.key !== 'cacheable'))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'set_fact with every value omit: Ansible fails the task (No key/value pairs provided, at least one is required)',
      call.task.span,
    );
  if (call.task.freeForm)
    return new Untranslatable('A2C-TODO-PARAM', 'set_fact with free-form text is not converted', call.task.freeForm.span);
  call.env.notes.add('set_fact values are computed when the recipe compiles (node.run_state), not between resources at converge time');
  return { stmts };
};

/** Whether the task's own `when` reads a registered result (so it is decided only at converge time). */
function ownWhenReadsRegistered(call: ModuleCall): boolean {
  const when = call.task.keywords.get('when');
  if (!when) return false;
  const conds = translateConditions(when, call.scope);
  return !failed(conds) && conds.some(readsRegistered);
}

const LOOP_KEYWORD = /^(loop|with_.+)$/;
const RUN_STATE: RExpr = rcall(rcall(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true });
const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

/**
 * A set_fact reading a registered result (or conditioned on one): a ruby_block stores the values
 * with the registered results when the task runs (all computed before any is set, as Ansible
 * templates them all first), and later reads take them from there at converge time, as they take a
 * result (reads where only compile-time values exist stay TODOs). Only where that is all each name
 * ever holds: facts set by this task alone (a role default or another set_fact would be read where
 * this one is skipped), outside a loop (each item would set them in turn).
 */
function convergeSetFact(
  call: ModuleCall,
  facts: ReadonlyArray<{ key: string; value: RExpr; span: YNode['span']; type?: VarType }>,
  span: YNode['span'],
  what: string,
): Result<ModuleOutput> {
  const names = facts.map((f) => f.key).join(', ');
  const why = (reason: string) =>
    new Untranslatable(
      'A2C-TODO-REGISTER',
      `set_fact ${names} ${what}, which does not exist yet when the recipe compiles; ${reason}`,
      span,
    );
  if ([...call.task.keywords.keys()].some((k) => LOOP_KEYWORD.test(k))) return why('it is set in a loop');
  for (const { key } of facts) {
    const defs = call.scope.symbols.get(key)?.definitions ?? [];
    if (defs.length !== 1 || defs[0]!.kind !== 'set_fact')
      return why(`'${key}' is also set elsewhere, whose value a skipped task would leave readable`);
  }
  const task = call.task;
  const tasks: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
  const store =
    facts.length === 1
      ? rcall(tasks, 'set_fact', [RUN_STATE, str(facts[0]!.key), facts[0]!.value])
      : rcall(tasks, 'set_facts', [RUN_STATE, { k: 'hash', pairs: facts.map((f): [RExpr, RExpr] => [str(f.key), f.value]) }]);
  for (const f of facts)
    call.env.registered.set(f.key, {
      kind: 'runstate',
      setFactAt: `${task.span.file}:${task.span.line}`,
      ...(f.type ? { type: f.type } : {}),
    });
  const quoted = facts.map((f) => `'${f.key}'`).join(', ');
  return {
    stmts: [
      rubyBlock(
        task,
        str(task.name ?? `set_fact ${names}`),
        store,
        `sets ${quoted} when it runs, with the registered results it reads (node.run_state)`,
      ),
    ],
  };
}

export const statModule: ModuleTranslator = (call) => {
  if (call.register !== undefined) {
    const result = statResult(call);
    return failed(result) ? result : { stmts: [], result };
  }
  if (!call.task.keywords.has('register')) return { ignored: 'stat without register has no effect', code: 'A2C-IGNORED-NOOP' };
  return { ignored: 'stat has no side effect; conditions on its result are translated where they are used', code: 'A2C-IGNORED-STAT' };
};

/** A registered stat: the path and the options (free-form `path=...` is parsed into args by the loader). */
function statResult(call: ModuleCall): Result<RunResult> {
  const path = call.arg('path', 'dest', 'name');
  if (!path) return new Untranslatable('A2C-TODO-PARAM', 'stat needs path', call.task.span);
  const p = translateValue(path, call.scope);
  if (failed(p)) return p;
  const kwargs: Array<[string, RExpr]> = [];
  const follow = call.arg('follow');
  if (follow) {
    // follow changes what is looked at (a link or its target), so it must be known.
    const b = staticBool(follow);
    if (b === undefined) return new Untranslatable('A2C-TODO-PARAM', 'stat follow must be a literal boolean', follow.span);
    if (b) kwargs.push(['follow', bool(true)]);
  }
  // changed_when sets the result's changed state (the module's own is always false), evaluated on
  // the fresh result under the registered name, as for a command (a later `is changed` and the
  // task's notify read it); `changed_when: false` is what the result says already.
  const changedWhen = call.task.keywords.get('changed_when');
  if (changedWhen && !isFalseCondition(changedWhen)) {
    const inner: VarScope = { ...call.scope, locals: new Map([...call.scope.locals, [call.register!, 'result']]) };
    const conds = translateConditions(changedWhen, inner);
    if (failed(conds)) return conds;
    const cond = conds.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b }));
    kwargs.push(['changed_when', rcall(undefined, 'lambda', [], { block: { params: ['result'], body: cond } })]);
  }
  // stat reports a missing file in its result rather than failing.
  return { helper: 'stat', args: [p], kwargs, fails: false };
}

export const slurpModule: ModuleTranslator = (call) => {
  if (call.register !== undefined) {
    const result = slurpResult(call);
    return failed(result) ? result : { stmts: [], result };
  }
  if (!call.task.keywords.has('register'))
    return new Untranslatable('A2C-TODO-MODULE', 'slurp without register only fails on an unreadable file; not converted', call.task.span);
  return new Untranslatable('A2C-TODO-REGISTER', 'a looped slurp registers a list of results; not converted', call.task.span);
};

export const findModule: ModuleTranslator = (call) => {
  if (call.register !== undefined) {
    const result = findResult(call);
    return failed(result) ? result : { stmts: [], result };
  }
  if (!call.task.keywords.has('register')) return { ignored: 'find without register has no effect', code: 'A2C-IGNORED-NOOP' };
  return new Untranslatable('A2C-TODO-REGISTER', 'a looped find registers a list of results; not converted', call.task.span);
};

/** A registered find: A2C::Find walks as ansible-core's find does; the mapping table says which arguments it takes. */
function findResult(call: ModuleCall): Result<RunResult> {
  const { task, spec, scope } = call;
  if (task.freeForm) return new Untranslatable('A2C-TODO-PARAM', 'find with free-form arguments is not converted', task.freeForm.span);
  const failedWhen = task.keywords.get('failed_when');
  if (failedWhen) return new Untranslatable('A2C-TODO-REGISTER', 'failed_when on a registered find is not converted', failedWhen.span);
  const changedWhen = task.keywords.get('changed_when');
  // find never reports a change: `changed_when: false` says what is already so.
  if (changedWhen && staticBool(changedWhen) !== false)
    return new Untranslatable('A2C-TODO-REGISTER', 'changed_when on a registered find is not converted', changedWhen.span);
  const kwargs: Array<[string, RExpr]> = [];
  for (const a of task.args) {
    const p = spec.params.get(a.key);
    if (!p || p.kind === 'unsupported')
      return new Untranslatable('A2C-TODO-PARAM', `find argument '${a.key}': ${p?.reason ?? 'not in the mapping table'}`, a.value.span);
    if (p.kind !== 'property') continue;
    const v = propertyArg(a, p, scope, (chosen, choices) => `the module rejects ${a.key}: ${chosen} (one of ${choices})`);
    if (failed(v)) return v;
    // An omitted argument (a constant) is absent: the module's default applies.
    if (v.k === 'const') continue;
    kwargs.push([p.property, v]);
  }
  if (!kwargs.some(([k]) => k === 'paths')) return new Untranslatable('A2C-TODO-PARAM', 'find needs paths', task.span);
  return { helper: 'find', args: [], kwargs, fails: false };
}

/** A registered slurp: the file's content (base64) in the result; failing like the module. */
function slurpResult(call: ModuleCall): Result<RunResult> {
  for (const a of call.task.args) {
    if (!['src', 'path'].includes(a.key))
      return new Untranslatable('A2C-TODO-REGISTER', `registered slurp with '${a.key}' is not converted`, a.value.span);
  }
  for (const k of ['failed_when', 'changed_when'] as const) {
    const n = call.task.keywords.get(k);
    // slurp never reports a change: `changed_when: false` says what is already so.
    if (n && !(k === 'changed_when' && staticBool(n) === false))
      return new Untranslatable('A2C-TODO-REGISTER', `${k} on a registered slurp is not converted`, n.span);
  }
  const src = call.arg('src', 'path');
  if (!src) return new Untranslatable('A2C-TODO-PARAM', 'slurp needs src', call.task.span);
  const v = translateValue(src, call.scope);
  if (failed(v)) return v;
  return { helper: 'slurp', args: [v], kwargs: [], fails: true };
}

/**
 * pause with seconds/minutes -> chef_sleep. Ansible pauses once for the hosts of the batch; each
 * Chef node sleeps in its own run, which delays each node the same way. A prompt waits for a
 * person at the controller: no pull-model equivalent.
 */
export const pauseModule: ModuleTranslator = (call) => {
  // The table says which arguments convert (seconds, minutes) and why the others do not.
  for (const a of call.task.args) {
    const p = call.spec.params.get(a.key);
    if (!p || p.kind === 'unsupported')
      return new Untranslatable('A2C-TODO-PARAM', `pause argument '${a.key}': ${p?.reason ?? 'not in the mapping table'}`, a.value.span);
  }
  if (call.task.freeForm || call.task.args.length !== 1)
    return new Untranslatable('A2C-TODO-PARAM', 'pause converts with exactly one of seconds or minutes', call.task.span);
  const a = call.task.args[0]!;
  // Ansible takes int() of the value: a whole number, written as a number or a string.
  const text =
    a.value.kind === 'scalar' && (typeof a.value.value === 'number' || typeof a.value.value === 'string')
      ? String(a.value.value).trim()
      : '';
  if (!/^[+]?\d+$/.test(text)) return new Untranslatable('A2C-TODO-PARAM', `pause ${a.key} must be a literal whole number`, a.value.span);
  const seconds = Number(text) * (a.key === 'minutes' ? 60 : 1);
  return { stmts: [bare(call, 'chef_sleep', str(call.task.name ?? 'pause'), [{ name: 'seconds', value: { k: 'int', v: seconds } }])] };
};

export const metaModule: ModuleTranslator = (call) => {
  const what = staticString(call.task.freeForm) ?? staticString(call.arg('_raw_params'));
  switch (what) {
    case 'noop':
      return { ignored: 'meta: noop does nothing', code: 'A2C-IGNORED-NOOP' };
    case 'flush_handlers':
      return {
        ignored:
          'meta: flush_handlers — Chef runs delayed notifications at the end of the run; use :immediately by hand where order matters',
        code: 'A2C-META-FLUSH',
      };
    default:
      return new Untranslatable('A2C-TODO-META', `meta: ${what ?? '?'} has no Chef equivalent`, call.task.span);
  }
};

/** wait_for: a ruby_block that checks once per retry (timeout seconds, one second apart). */
export const waitForModule: ModuleTranslator = (call) => {
  for (const a of call.task.args) {
    const p = call.spec.params.get(a.key);
    if (!p || p.kind === 'unsupported')
      return new Untranslatable('A2C-TODO-PARAM', `wait_for argument '${a.key}' is not converted`, a.value.span);
  }
  const state = staticString(call.arg('state')) ?? 'started';
  const timeout = Number(staticString(call.arg('timeout')) ?? '300');
  const sleep = Number(staticString(call.arg('sleep')) ?? '1');
  if (!Number.isFinite(timeout) || !Number.isFinite(sleep) || sleep <= 0)
    return new Untranslatable('A2C-TODO-PARAM', 'wait_for timeout and sleep must be static numbers', call.task.span);
  let check: RExpr;
  const port = optional(call, 'port');
  if (failed(port)) return port;
  const path = optional(call, 'path');
  if (failed(path)) return path;
  if (port && (state === 'started' || state === 'present')) {
    const host = optional(call, 'host');
    if (failed(host)) return host;
    check = rcall(rcall({ k: 'const', path: ['TCPSocket'] }, 'new', [host ?? str('127.0.0.1'), port]), 'close', []);
    if (!host)
      call.env.notes.add('wait_for without host checks 127.0.0.1; Ansible also checks 127.0.0.1 — on an IPv6-only host set host: ::1');
  } else if (path && (state === 'present' || state === 'started')) {
    check = {
      k: 'ternary',
      c: rcall({ k: 'const', path: ['File'] }, 'exist?', [path]),
      t: { k: 'nil' },
      f: raise(str('waiting for file')),
    };
  } else if (path && state === 'absent') {
    check = {
      k: 'ternary',
      c: rcall({ k: 'const', path: ['File'] }, 'exist?', [path]),
      t: raise(str('waiting for file to go away')),
      f: { k: 'nil' },
    };
  } else if (!port && !path && call.arg('timeout')) {
    check = rcall(undefined, 'sleep', [{ k: 'int', v: timeout }]);
    return { stmts: [bare(call, 'ruby_block', str(call.task.name ?? 'wait_for'), [{ name: 'block', value: check, block: true }])] };
  } else {
    return new Untranslatable('A2C-TODO-PARAM', `wait_for state ${state} with these arguments is not converted`, call.task.span);
  }
  const r = bare(call, 'ruby_block', str(call.task.name ?? 'wait_for'), [
    { name: 'block', value: check, block: true },
    { name: 'retries', value: { k: 'int', v: Math.max(1, Math.ceil(timeout / sleep)) } },
    { name: 'retry_delay', value: { k: 'int', v: sleep } },
  ]);
  return { stmts: [r] };
};

/**
 * service_facts: the `services` fact, computed where the task runs by the module's rules
 * (A2C::Facts.services) and kept as a registered result is, so later reads are converge-time
 * reads. task.ts passes the fact's name as `register`; a task registering the module's own result
 * (`ansible_facts` inside) is not converted.
 */
export const serviceFactsModule: ModuleTranslator = (call) => {
  if (call.task.keywords.has('register'))
    return new Untranslatable('A2C-TODO-REGISTER', "service_facts with register (the module's result) is not converted", call.task.span);
  if (call.register !== 'services')
    return new Untranslatable('A2C-TODO-MODULE', 'service_facts is converted only as a task of its own (no loop)', call.task.span);
  return { stmts: [], result: { helper: 'service_facts', args: [], kwargs: [], fails: false } };
};
