// Package selections and version locks the package resources do not manage as the modules do:
// dpkg_selections (dpkg --set-selections) and community.general.yum_versionlock (yum versionlock).
// Each changes the node only where the module would, read at converge time by the same rules
// (A2C::Modules.dpkg_selection, A2C::Modules.versionlock_pending).
import { call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { Result } from '../../base/failure.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { staticString, translateValue } from '../values.js';
import type { ArgType } from '../../mapping/modules.js';
import { coerceArg } from './coerce.js';
import { bare } from './common.js';
import { mapParams } from './params.js';
import type { ModuleCall, ModuleTranslator } from './types.js';

const MODULES: RExpr = { k: 'const', path: ['A2C', 'Modules'] };
const SELECTIONS = ['install', 'hold', 'deinstall', 'purge'];

/**
 * dpkg_selections -> `dpkg --set-selections` fed "<name> <selection>\n", as the module feeds it,
 * unless `dpkg --get-selections <name>` already shows that selection.
 */
export const dpkgSelectionsModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['name', 'selection']) });
  if (failed(m)) return m;
  const nameNode = call.arg('name');
  const selNode = call.arg('selection');
  if (!nameNode || !selNode) return new Untranslatable('A2C-TODO-PARAM', 'dpkg_selections needs name and selection', call.task.span);
  const selection = staticString(selNode);
  if (selection === undefined || !SELECTIONS.includes(selection))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `dpkg_selections selection must be a literal ${SELECTIONS.join(', ')} (a templated one is not converted)`,
      selNode.span,
    );
  const name = arg(call, 'str', 'name', nameNode);
  if (failed(name)) return name;
  const r = bare(call, 'execute', { k: 'interp', parts: [`dpkg selection ${selection} `, name] }, [
    { name: 'command', value: { k: 'array', items: [str('dpkg'), str('--set-selections')] } },
    // run_command(data=...) ends the data with a newline.
    { name: 'input', value: { k: 'interp', parts: [name, ` ${selection}\n`] } },
  ]);
  r.guards.push({ kind: 'not_if', ruby: { k: 'binop', op: '==', l: rcall(MODULES, 'dpkg_selection', [name]), r: str(selection) } });
  if (m.notes.length) r.notes = [...m.notes];
  return { stmts: [r] };
};

/**
 * yum_versionlock -> a ruby_block running `yum -q versionlock add|delete` on the names the module
 * would pass: those no entry of `yum versionlock list` matches (present), or those one matches
 * (absent), an entry's package name matched against the name as a shell pattern.
 */
export const yumVersionlockModule: ModuleTranslator = (call) => {
  const m = mapParams(call, { skip: new Set(['name', 'state']) });
  if (failed(m)) return m;
  const nameNode = call.arg('name');
  if (!nameNode) return new Untranslatable('A2C-TODO-PARAM', 'yum_versionlock needs name', call.task.span);
  const stateNode = call.arg('state');
  const state = stateNode ? staticString(stateNode) : 'present';
  if (state !== 'present' && state !== 'absent')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'yum_versionlock state must be a literal present or absent (a templated one is not converted)',
      (stateNode ?? call.task.node).span,
    );
  const names = arg(call, 'list', 'name', nameNode);
  if (failed(names)) return names;
  const r = bare(call, 'ruby_block', listLabel(`yum versionlock ${state} `, names, call), [
    { name: 'block', value: rcall(MODULES, 'versionlock_apply', [names, str(state)]), block: true },
  ]);
  r.guards.push({
    kind: 'only_if',
    ruby: { k: 'call', recv: rcall(MODULES, 'versionlock_pending', [names, str(state)]), name: 'any?', args: [], noParens: true },
  });
  if (m.notes.length) r.notes = [...m.notes];
  return { stmts: [r] };
};

/** An argument's value converted as AnsibleModule converts it to its argument_spec type. */
function arg(call: ModuleCall, type: ArgType, key: string, node: YNode): Result<RExpr> {
  const raw = translateValue(node, call.scope);
  if (failed(raw)) return raw;
  return coerceArg(type, key, raw, node, call.scope);
}

/**
 * A resource name naming the packages: literal names joined by spaces; templated ones are read only
 * at converge time (a name is computed when the recipe compiles, before the task's guards), so the
 * task's name stands for them.
 */
function listLabel(prefix: string, names: RExpr, call: ModuleCall): RExpr {
  if (names.k === 'str') return str(prefix + names.v);
  if (names.k === 'array' && names.items.every((i) => i.k === 'str'))
    return str(prefix + names.items.map((i) => (i as { v: string }).v).join(' '));
  return str(`${prefix}(${call.task.name ?? 'templated names'})`);
}
