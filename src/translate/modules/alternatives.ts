// community.general.alternatives -> Chef's alternatives resource, one resource per step of the
// module: install (when the path is not registered, or registered with another priority when
// priority is set), then select (selected) or return to auto mode (auto, only from manual mode).
// absent removes a registered path with update-alternatives itself: Chef's :remove requires the
// path to still exist on disk, the module does not.
import type { Guard, Property, ResourceStmt } from '../../ir/chef-ir.js';
import { call as rcall, int, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { staticString } from '../values.js';
import { bare } from './common.js';
import { mapParams } from './params.js';
import type { ModuleTranslator } from './types.js';

const MODULES: RExpr = { k: 'const', path: ['A2C', 'Modules'] };

export const alternativesModule: ModuleTranslator = (call) => {
  const state = call.arg('state') ? staticString(call.arg('state')) : 'selected';
  if (state === undefined || !['selected', 'present', 'auto', 'absent'].includes(state)) {
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'alternatives state must be a literal selected, present, auto or absent',
      (call.arg('state') ?? call.task.node).span,
    );
  }
  if (!call.arg('name') || !call.arg('path'))
    return new Untranslatable('A2C-TODO-PARAM', 'alternatives needs name and path', call.task.span);
  const m = mapParams(call);
  if (failed(m)) return m;
  const name = m.name!;
  const prop = (n: string): RExpr | undefined => m.properties.find((p) => p.name === n)?.value;
  const path = prop('path')!;
  const registered = rcall(MODULES, 'alternative?', [name, path]);
  const step = (type: string, label: string, properties: Property[], actions: string[], guards: Guard[] = []): ResourceStmt => ({
    ...bare(call, type, { k: 'interp', parts: [name, ` (${label})`] }, properties, actions),
    guards,
    ...(m.notes.length ? { notes: [...m.notes] } : {}),
  });
  if (state === 'absent') {
    const argv: RExpr = { k: 'array', items: [str('update-alternatives'), str('--remove'), name, path] };
    return { stmts: [step('execute', 'remove', [{ name: 'command', value: argv }], ['run'], [{ kind: 'only_if', ruby: registered }])] };
  }
  const priority = prop('priority');
  // The group's link when none is given, read when the install runs (the module fails without one).
  const link = prop('link') ?? { k: 'lazy', e: rcall(MODULES, 'alternatives_link', [name]) };
  const install = step(
    'alternatives',
    'install',
    [
      { name: 'link_name', value: name },
      { name: 'path', value: path },
      { name: 'link', value: link },
      { name: 'priority', value: priority ?? int(50) },
    ],
    ['install'],
    // Without priority the module installs only a path that is not registered yet.
    priority ? [] : [{ kind: 'not_if', ruby: registered }],
  );
  const stmts: ResourceStmt[] = [install];
  if (state === 'selected')
    stmts.push(
      step(
        'alternatives',
        'select',
        [
          { name: 'link_name', value: name },
          { name: 'path', value: path },
        ],
        ['set'],
      ),
    );
  if (state === 'auto')
    stmts.push(
      step(
        'alternatives',
        'auto',
        [{ name: 'link_name', value: name }],
        ['auto'],
        [{ kind: 'only_if', ruby: rcall(MODULES, 'alternatives_manual?', [name]) }],
      ),
    );
  return { stmts };
};
