// Package modules. apt's update_cache becomes an apt_update resource before the package, with
// cache_valid_time as its frequency, so a fresh host refreshes its lists like Ansible does.
import { call as rcall, int, str, type RExpr } from '../../ruby/ast.js';
import { failed, Untranslatable } from '../failure.js';
import { staticBool, staticString, translateValue } from '../values.js';
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
    stmts.push({ ...bare(call, 'apt_update', str('apt cache'), props, [props.length ? 'periodic' : 'update']), auxiliary: true });
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
  const reload = call.arg('daemon_reload');
  if (staticBool(reload)) {
    stmts.push({ ...bare(call, 'execute', str('systemctl daemon-reload'), [], ['run']), auxiliary: true });
  } else if (reload && staticBool(reload) === undefined && staticString(reload) === undefined) {
    // Templated (typically `service_mgr == 'systemd' | ternary('yes', omit)`): reload when it is true.
    const v = translateValue(reload, call.scope);
    if (failed(v)) return v;
    const r = { ...bare(call, 'execute', str('systemctl daemon-reload'), [], ['run']), auxiliary: true };
    const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };
    r.guards.push({ kind: 'only_if', ruby: { k: 'binop', op: '==', l: rcall(TASKS, 'boolean', [rcall(TASKS, 'omit', [v])]), r: { k: 'bool', v: true } } });
    stmts.push(r);
  } else if (reload && staticBool(reload) === undefined) {
    return new Untranslatable('A2C-TODO-PARAM', 'daemon_reload must be a boolean', reload.span);
  }
  if (call.arg('name')) stmts.push(resource(call, 'service', m, str('service')));
  return { stmts };
};
