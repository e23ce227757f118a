// Chef's default action per resource type (mappings/chef-default-actions.toml for the built-ins, the support
// cookbook's table for a2c_*), so the printer can leave out an `action` line that changes nothing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseToml } from '../config/table-schema.js';
import { builtinMappingsDir } from './builtin.js';
import { SUPPORT_RESOURCES } from '../support-cookbook/files.js';

let cached: ReadonlyMap<string, string> | undefined;

export function chefDefaultActions(): ReadonlyMap<string, string> {
  if (!cached) {
    const file = 'mappings/chef-default-actions.toml';
    const table = parseToml(readFileSync(resolve(builtinMappingsDir(), 'chef-default-actions.toml'), 'utf8'), file);
    const m = new Map<string, string>();
    for (const [type, action] of Object.entries(table)) {
      if (typeof action !== 'string') throw new Error(`mappings/chef-default-actions.toml: ${type} must be an action name`);
      m.set(type, action);
    }
    for (const [type, r] of Object.entries(SUPPORT_RESOURCES)) if (r.default_action.length === 1) m.set(type, r.default_action[0]!);
    cached = m;
  }
  return cached;
}

/** The action a resource of this type runs when it names none; undefined for an unknown type. */
export function chefDefaultAction(type: string): string | undefined {
  return chefDefaultActions().get(type);
}
