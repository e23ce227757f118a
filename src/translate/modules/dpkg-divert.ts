// community.general.dpkg_divert -> dpkg-divert run by an execute, guarded by the diversion's state
// as the module reads it (dpkg-divert --listpackage / --truename): present adds the diversion
// unless it is there with the wanted holder and target, absent removes it only if it is there.
import { call as rcall, someExpr, str, type RExpr } from '../../ir/ruby-ast.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { Result } from '../../base/failure.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { staticBool, staticString, translateValue } from '../values.js';
import { coerceArg } from './coerce.js';
import { bare, optional, required } from './common.js';
import { mapParams } from './params.js';
import type { ModuleCall, ModuleTranslator } from './types.js';
import { scopeOmitTest } from '../omit-value.js';

const MODULES: RExpr = { k: 'const', path: ['A2C', 'Modules'] };
const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

export const dpkgDivertModule: ModuleTranslator = (call) => {
  const m = mapParams(call);
  if (failed(m)) return m;
  const state = call.arg('state') ? staticString(call.arg('state')) : 'present';
  if (state !== 'present' && state !== 'absent')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'dpkg_divert state must be a literal present or absent',
      (call.arg('state') ?? call.task.node).span,
    );
  const renameNode = call.arg('rename');
  const rename = renameNode ? staticBool(renameNode) : false;
  if (rename === undefined) return new Untranslatable('A2C-TODO-PARAM', 'dpkg_divert rename must be a literal boolean', renameNode!.span);
  const path = required(call, 'path');
  if (failed(path)) return path;
  const holder = optional(call, 'holder');
  if (failed(holder)) return holder;
  const divert = optional(call, 'divert');
  if (failed(divert)) return divert;
  const argv: RExpr[] = [str('dpkg-divert'), str(rename ? '--rename' : '--no-rename')];
  const current = rcall(MODULES, 'diversion', [path]);
  let guard: { kind: 'only_if' | 'not_if'; ruby: RExpr };
  if (state === 'present') {
    // The module's holder LOCAL (or none) is --local; its default target is <path>.distrib.
    const holderValue: RExpr = holder ?? str('LOCAL');
    const target: RExpr = divert ?? { k: 'interp', parts: [path, '.distrib'] };
    argv.push(...(holder ? [rcall(MODULES, 'divert_holder_args', [holder])] : [str('--local')]));
    if (divert) argv.push(str('--divert'), divert);
    argv.push(str('--add'), path);
    const wanted: RExpr = {
      k: 'hash',
      pairs: [
        [str('holder'), holderValue],
        [str('divert'), target],
      ],
    };
    guard = { kind: 'not_if', ruby: { k: 'binop', op: '==', l: current, r: wanted } };
  } else {
    argv.push(str('--remove'), path);
    guard = { kind: 'only_if', ruby: current };
  }
  const command: RExpr = holder
    ? { k: 'call', recv: { k: 'array', items: argv }, name: 'flatten', args: [], noParens: true }
    : { k: 'array', items: argv };
  const r = bare(
    call,
    'execute',
    { k: 'interp', parts: [`dpkg-divert ${state === 'present' ? 'add' : 'remove'} `, path] },
    [{ name: 'command', value: command }],
    ['run'],
  );
  r.guards.push(guard);
  if (m.notes.length) r.notes = [...m.notes];
  return { stmts: [r] };
};

/**
 * rpm_key state present -> `rpm --import <key>` unless the key id is imported, decided at converge
 * time as the module does (A2C::Modules.rpm_key_imported?). A fingerprint, state absent or a state
 * chosen at run time -> a ruby_block doing the module's change (A2C::Modules.rpm_key_apply: the
 * fingerprint checked on the key file before the import; absent erases gpg-pubkey-<id>), run only
 * where the module would change something (rpm_key_pending?).
 */
export const rpmKeyModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['key', 'state', 'fingerprint']) });
  if (failed(m)) return m;
  const stateNode = call.arg('state');
  const state = stateNode ? staticString(stateNode) : 'present';
  if (state !== undefined && state !== 'present' && state !== 'absent')
    return new Untranslatable('A2C-TODO-PARAM', `rpm_key state ${state} is not one of present, absent`, stateNode!.span);
  const key = required(call, 'key');
  if (failed(key)) return key;
  const fpNode = call.arg('fingerprint');
  if (state === 'present' && !fpNode) {
    const r = bare(
      call,
      'execute',
      { k: 'interp', parts: ['rpm --import ', key] },
      [{ name: 'command', value: { k: 'array', items: [str('rpm'), str('--import'), key] } }],
      ['run'],
    );
    r.guards.push({ kind: 'not_if', ruby: rcall(MODULES, 'rpm_key_imported?', [key]) });
    if (m.notes.length) r.notes = [...m.notes];
    return { stmts: [r] };
  }
  const stateExpr = state !== undefined ? str(state) : strArg(call, 'state', stateNode!);
  if (failed(stateExpr)) return stateExpr;
  const fingerprint = fpNode ? strArg(call, 'fingerprint', fpNode) : ({ k: 'nil' } as RExpr);
  if (failed(fingerprint)) return fingerprint;
  const r = bare(call, 'ruby_block', { k: 'interp', parts: ['rpm_key ', key] }, [
    { name: 'block', value: rcall(MODULES, 'rpm_key_apply', [key, stateExpr, fingerprint]), block: true },
  ]);
  r.guards.push({ kind: 'only_if', ruby: rcall(MODULES, 'rpm_key_pending?', [key, stateExpr]) });
  if (m.notes.length) r.notes = [...m.notes];
  return { stmts: [r] };
};

/** A str argument's value at converge time; an omitted one (default(omit)) is nil, the module's default. */
function strArg(call: ModuleCall, name: string, node: YNode): Result<RExpr> {
  const raw = translateValue(node, call.scope);
  if (failed(raw)) return raw;
  const v = coerceArg('str', name, raw, node, call.scope);
  if (failed(v)) return v;
  if (v.k === 'const') return { k: 'nil' };
  return someExpr(v, scopeOmitTest(call.scope)) ? rcall(TASKS, 'omit', [v]) : v;
}
