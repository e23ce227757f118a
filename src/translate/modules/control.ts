// Modules that steer the run rather than manage a resource.
import type { Stmt } from '../../chef/ir.js';
import { bool, call as rcall, index, str, sym, type RExpr } from '../../ruby/ast.js';
import type { YNode } from '../../ansible/yaml.js';
import { hasJinja } from '../jinja-bridge.js';
import { failed, Untranslatable } from '../failure.js';
import { translateConditions, translateValue, staticString } from '../values.js';
import { bare, optional, required } from './common.js';
import { readsRegistered } from '../register.js';
import type { ModuleTranslator } from './types.js';

const raise = (msg: RExpr): RExpr => rcall(undefined, 'raise', [msg]);

export const debugModule: ModuleTranslator = (call) => {
  const msgNode = call.arg('msg');
  const varNode = call.arg('var');
  let message: RExpr;
  if (varNode) {
    const name = staticString(varNode);
    if (name === undefined) return new Untranslatable('A2C-TODO-PARAM', 'debug var must be a variable name', varNode.span);
    const v = translateValue({ ...varNode, kind: 'scalar', value: `{{ ${name} }}`, type: 'str' } as typeof varNode, call.scope);
    if (failed(v)) return v;
    message = { k: 'interp', parts: [`${name}: `, v] };
  } else if (msgNode) {
    const v = translateValue(msgNode, call.scope);
    if (failed(v)) return v;
    message = v;
  } else {
    message = str('Hello world!');
  }
  const r = bare(call, 'log', str(call.task.name ?? 'debug'), [{ name: 'message', value: message }, { name: 'level', value: sym('info') }]);
  return { stmts: [r] };
};

export const failModule: ModuleTranslator = (call) => {
  const msg = optional(call, 'msg');
  if (failed(msg)) return msg;
  const r = bare(call, 'ruby_block', str(call.task.name ?? 'fail'), [{ name: 'block', value: raise(msg ?? str('Failed as requested from task')), block: true }]);
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
  const all = conds.length ? conds.reduce((acc, c) => ({ k: 'binop', op: '&&', l: acc, r: c })) : ({ k: 'bool', v: true } satisfies RExpr);
  const body: RExpr = { k: 'ternary', c: all, t: { k: 'nil' }, f: raise(msg ?? str('Assertion failed')) };
  const r = bare(call, 'ruby_block', str(call.task.name ?? 'assert'), [{ name: 'block', value: body, block: true }]);
  return { stmts: [r] };
};

/** set_fact: node.run_state holds facts set during the run (computed when the recipe compiles). */
/**
 * set_fact turns text spelling true/false/yes/no (any case) into a boolean (its action plugin,
 * jinja2_native off): literal text is decided here, a templated value when the recipe compiles.
 * YAML numbers, booleans, lists and dicts are no text and stay.
 */
function setFactValue(node: YNode, v: RExpr): RExpr {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return v;
  if (!hasJinja(node.value)) {
    const word = node.value.toLowerCase();
    if (word === 'true' || word === 'yes') return bool(true);
    if (word === 'false' || word === 'no') return bool(false);
    return v;
  }
  // Text written around the templates that no such word holds (`{{ dir }}/releases`) rules it out.
  const around = node.value.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g, '');
  if (around.length > 5 || /[^truefalsyno]/i.test(around)) return v;
  return rcall({ k: 'const', path: ['A2C', 'Jinja'] }, 'set_fact_value', [v]);
}

export const setFactModule: ModuleTranslator = (call) => {
  const stmts: Stmt[] = [];
  for (const a of call.task.args) {
    if (a.key === 'cacheable') continue;
    const v = translateValue(a.value, call.scope);
    if (failed(v)) return v;
    // The assignment runs when the recipe compiles; a registered result exists only once its
    // ruby_block has run at converge time.
    if (readsRegistered(v)) return new Untranslatable('A2C-TODO-REGISTER', `set_fact ${a.key} reads a registered result, which does not exist yet when the recipe compiles`, a.value.span);
    stmts.push({ kind: 'assign', target: index(rcall(rcall(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true }), str(a.key)), value: setFactValue(a.value, v), origin: { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) } });
  }
  if (call.task.freeForm) return new Untranslatable('A2C-TODO-PARAM', 'set_fact with free-form text is not converted', call.task.freeForm.span);
  call.env.notes.add('set_fact values are computed when the recipe compiles (node.run_state), not between resources at converge time');
  return { stmts };
};

export const statModule: ModuleTranslator = (call) => {
  if (!call.task.keywords.has('register')) return { ignored: 'stat without register has no effect', code: 'A2C-IGNORED-NOOP' };
  return { ignored: 'stat has no side effect; conditions on its result are translated where they are used', code: 'A2C-IGNORED-STAT' };
};

// A registered slurp (no loop) is a ruby_block made in register.ts before any module translator.
export const slurpModule: ModuleTranslator = (call) => {
  if (!call.task.keywords.has('register')) return new Untranslatable('A2C-TODO-MODULE', 'slurp without register only fails on an unreadable file; not converted', call.task.span);
  return new Untranslatable('A2C-TODO-REGISTER', 'a looped slurp registers a list of results; not converted', call.task.span);
};

/**
 * pause with seconds/minutes -> chef_sleep. Ansible pauses once for the hosts of the batch; each
 * Chef node sleeps in its own run, which delays each node the same way. A prompt waits for a
 * person at the controller: no pull-model equivalent.
 */
export const pauseModule: ModuleTranslator = (call) => {
  // The table says which arguments convert (seconds, minutes) and why the others do not.
  for (const a of call.task.args) {
    const p = call.spec.params.get(a.key);
    if (!p || p.kind === 'unsupported') return new Untranslatable('A2C-TODO-PARAM', `pause argument '${a.key}': ${p?.reason ?? 'not in the mapping table'}`, a.value.span);
  }
  if (call.task.freeForm || call.task.args.length !== 1) return new Untranslatable('A2C-TODO-PARAM', 'pause converts with exactly one of seconds or minutes', call.task.span);
  const a = call.task.args[0]!;
  // Ansible takes int() of the value: a whole number, written as a number or a string.
  const text = a.value.kind === 'scalar' && (typeof a.value.value === 'number' || typeof a.value.value === 'string') ? String(a.value.value).trim() : '';
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
      return { ignored: 'meta: flush_handlers — Chef runs delayed notifications at the end of the run; use :immediately by hand where order matters', code: 'A2C-META-FLUSH' };
    default:
      return new Untranslatable('A2C-TODO-META', `meta: ${what ?? '?'} has no Chef equivalent`, call.task.span);
  }
};

/** wait_for: a ruby_block that checks once per retry (timeout seconds, one second apart). */
export const waitForModule: ModuleTranslator = (call) => {
  for (const a of call.task.args) {
    const p = call.spec.params.get(a.key);
    if (!p || p.kind === 'unsupported') return new Untranslatable('A2C-TODO-PARAM', `wait_for argument '${a.key}' is not converted`, a.value.span);
  }
  const state = staticString(call.arg('state')) ?? 'started';
  const timeout = Number(staticString(call.arg('timeout')) ?? '300');
  const sleep = Number(staticString(call.arg('sleep')) ?? '1');
  if (!Number.isFinite(timeout) || !Number.isFinite(sleep) || sleep <= 0) return new Untranslatable('A2C-TODO-PARAM', 'wait_for timeout and sleep must be static numbers', call.task.span);
  let check: RExpr;
  const port = optional(call, 'port');
  if (failed(port)) return port;
  const path = optional(call, 'path');
  if (failed(path)) return path;
  if (port && (state === 'started' || state === 'present')) {
    const host = optional(call, 'host');
    if (failed(host)) return host;
    check = rcall(rcall({ k: 'const', path: ['TCPSocket'] }, 'new', [host ?? str('127.0.0.1'), port]), 'close', []);
    if (!host) call.env.notes.add('wait_for without host checks 127.0.0.1; Ansible also checks 127.0.0.1 — on an IPv6-only host set host: ::1');
  } else if (path && (state === 'present' || state === 'started')) {
    check = { k: 'ternary', c: rcall({ k: 'const', path: ['File'] }, 'exist?', [path]), t: { k: 'nil' }, f: raise(str('waiting for file')) };
  } else if (path && state === 'absent') {
    check = { k: 'ternary', c: rcall({ k: 'const', path: ['File'] }, 'exist?', [path]), t: raise(str('waiting for file to go away')), f: { k: 'nil' } };
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

export const uriModule: ModuleTranslator = (call) => {
  for (const a of call.task.args) {
    const p = call.spec.params.get(a.key);
    if (!p) return new Untranslatable('A2C-TODO-PARAM', `uri argument '${a.key}' is not in the mapping table`, a.value.span);
    if (p.kind === 'unsupported') return new Untranslatable('A2C-TODO-PARAM', `uri argument '${a.key}': ${p.reason}`, a.value.span);
  }
  if (call.task.keywords.has('register')) return new Untranslatable('A2C-TODO-REGISTER', 'uri with a registered response is not converted', call.task.keywords.get('register')!.span);
  const url = required(call, 'url');
  if (failed(url)) return url;
  const method = (staticString(call.arg('method')) ?? 'GET').toUpperCase();
  const action = ({ GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete', HEAD: 'head', OPTIONS: 'options' } as Record<string, string>)[method];
  if (!action) return new Untranslatable('A2C-TODO-PARAM', `HTTP method ${method} is not converted`, call.task.span);
  const props = [];
  const body = optional(call, 'body');
  if (failed(body)) return body;
  if (body) props.push({ name: 'message', value: body });
  const headers = optional(call, 'headers');
  if (failed(headers)) return headers;
  if (headers) props.push({ name: 'headers', value: headers });
  return { stmts: [bare(call, 'http_request', str(call.task.name ?? 'uri'), [{ name: 'url', value: url }, ...props], [action])] };
};
