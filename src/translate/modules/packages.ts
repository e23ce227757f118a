// Package modules. apt's update_cache becomes an apt_update resource before the package, with
// cache_valid_time as its frequency, so a fresh host refreshes its lists like Ansible does.
import { int, str } from '../../ruby/ast.js';
import { failed, Untranslatable } from '../failure.js';
import { staticBool, staticString } from '../values.js';
import { bare } from './common.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

export const packageModule: ModuleTranslator = (call) => {
  const m = mapParams(call);
  if (failed(m)) return m;
  const stmts = [];
  const update = staticBool(call.arg('update_cache'));
  if (call.arg('update_cache') && update === undefined) return new Untranslatable('A2C-TODO-PARAM', 'update_cache must be static', call.arg('update_cache')!.span);
  if (update) {
    const validFor = staticString(call.arg('cache_valid_time'));
    const props = validFor !== undefined && /^\d+$/.test(validFor) ? [{ name: 'frequency', value: int(Number(validFor)) }] : [];
    stmts.push(bare(call, 'apt_update', str('apt cache'), props, [props.length ? 'periodic' : 'update']));
  }
  if (!call.arg('name', 'pkg')) {
    if (!update) return new Untranslatable('A2C-TODO-PARAM', 'apt without a package name or cache update has no effect to convert', call.task.span);
    return { stmts };
  }
  stmts.push(resource(call, call.spec.resource!, m, str('packages')));
  return { stmts };
};

export const systemdModule: ModuleTranslator = (call) => {
  const m = mapParams(call);
  if (failed(m)) return m;
  const stmts = [];
  if (staticBool(call.arg('daemon_reload'))) {
    stmts.push(bare(call, 'execute', str('systemctl daemon-reload'), [], ['run']));
  } else if (call.arg('daemon_reload') && staticBool(call.arg('daemon_reload')) === undefined) {
    return new Untranslatable('A2C-TODO-PARAM', 'daemon_reload must be static', call.arg('daemon_reload')!.span);
  }
  if (call.arg('name')) stmts.push(resource(call, 'service', m, str('service')));
  return { stmts };
};
