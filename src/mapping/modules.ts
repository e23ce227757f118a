// The module table (mappings/modules.toml): parsed with @iarna/toml and validated, so a wrong
// table fails at load with the file and the key named, never half-way through a conversion.
import { MappingError, parseToml, sub, table as tableAt, atRoot } from '../config/table-schema.js';
import { builtinShortName, routedModule } from './module-routing.js';
import type { ModulePlugin, ParamSupport } from './plugins/api.js';

export type ParamSpec =
  /**
   * default: the module's own value when the argument is absent, written out because the Chef
   * property's default differs (mount passno 0, Chef's pass 2). A Ruby literal of that value.
   */
  /** choices: the values the Chef property accepts; a static other value makes the task a TODO. */
  | { kind: 'property'; property: string; transform?: string; default?: string | number | boolean; type?: ArgType; choices?: string[] }
  | { kind: 'action'; values: Record<string, string>; slot: number; default?: string }
  | { kind: 'ignore'; reason: string }
  /** default: the module's own (boolean) default; the argument set statically to it changes nothing. */
  | { kind: 'unsupported'; reason: string; default?: boolean };

/** AnsibleModule's argument_spec types the mapping records (the module converts the value before it runs). */
export const ARG_TYPES = ['bool', 'int', 'float', 'str', 'path', 'list', 'dict', 'raw'] as const;
export type ArgType = (typeof ARG_TYPES)[number];

export interface ModuleSpec {
  fqcn: string;
  short: string[];
  resource?: string;
  name?: string;
  translator?: string;
  note?: string;
  /** What a node running the converted resource must have (a client, a credentials file): CONVERSION.md lists it. */
  node_needs?: string;
  /**
   * For a translator that chooses between a native Chef resource and a fallback: the arguments the
   * native resource can express (a task with any other takes the fallback). Each is one of `params`.
   */
  native_params?: ReadonlySet<string>;
  /**
   * Ansible's result of the module never says changed (debug, assert, pause, wait_for), where the
   * Chef resource it becomes reports an update each run: its notify never fires, its registered
   * `changed` stays false (translate/task/changed-state.ts).
   */
  never_changed?: boolean;
  /**
   * Ansible runs the module the same in check mode (debug, stat, set_fact...): a task's
   * `check_mode: true` changes nothing (translate/task/check-mode.ts).
   */
  check_mode_same?: boolean;
  /**
   * Running the module again with the same arguments changes nothing (declarative state): Ansible's
   * `delegate_to` one host without run_once, which repeats the task there once per play host, does
   * the work of one run (translate/task/repeat-same.ts). `repeat_differs` names argument values
   * with which a repeat is new work (file's `state: touch`, service's `state: restarted`).
   */
  repeat_same?: boolean;
  /**
   * An action plugin that does its whole work on the Ansible controller, templated with the play
   * host's variables (assert, fail, debug, set_fact): no module runs on any host, so delegate_to
   * the controller changes nothing (translate/task/run-once.ts).
   */
  on_controller?: boolean;
  repeat_differs?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The module's argument spec `required_one_of`: groups of arguments one of which a task must give,
   * each argument with its aliases (`package|pkg|name`, the name Ansible reports first). A task giving
   * none of a group fails on every host before the module runs (translate/task/required-args.ts).
   */
  required_one_of?: ReadonlyArray<ReadonlyArray<readonly string[]>>;
  params: Map<string, ParamSpec>;
  /** Set for a module a TypeScript plugin converts (src/plugins): replaces resource/translator. */
  plugin?: { plugin: ModulePlugin; origin: string; support: Record<string, ParamSupport> };
  /** The table file the entry came from (built-in or a user mapping directory). */
  file?: string;
}

export interface ModuleTable {
  modules: Map<string, ModuleSpec>;
  /** Every name a module is called by -> its FQCN. */
  aliases: Map<string, string>;
}

export { MappingError };

const MODULE_KEYS = new Set([
  'short',
  'resource',
  'name',
  'translator',
  'note',
  'node_needs',
  'native_params',
  'never_changed',
  'check_mode_same',
  'repeat_same',
  'on_controller',
  'repeat_differs',
  'required_one_of',
  'params',
]);

export function parseModuleTable(text: string, file: string): ModuleTable {
  const doc = parseToml(text, file);
  const table: ModuleTable = { modules: new Map(), aliases: new Map() };
  for (const top of Object.keys(doc))
    if (top !== 'module') throw new MappingError(file, top, 'unknown top-level key (expected [module."<fqcn>"])');
  const modules = tableAt(doc.module ?? {}, sub(atRoot(file), 'module'));
  for (const [fqcn, value] of Object.entries(modules)) {
    const at = `module."${fqcn}"`;
    const here = sub(sub(atRoot(file), 'module'), fqcn);
    const raw = tableAt(value, here);
    for (const k of Object.keys(raw)) if (!MODULE_KEYS.has(k)) throw new MappingError(file, `${at}.${k}`, 'unknown key');
    const spec: ModuleSpec = { fqcn, short: strList(raw.short, file, `${at}.short`), params: new Map(), file };
    for (const k of ['resource', 'name', 'translator', 'note', 'node_needs'] as const) {
      const v = raw[k];
      if (v === undefined) continue;
      if (typeof v !== 'string') throw new MappingError(file, `${at}.${k}`, 'must be a string');
      spec[k] = v;
    }
    if (!spec.resource && !spec.translator) throw new MappingError(file, at, "needs 'resource' or 'translator'");
    const params = tableAt(raw.params ?? {}, sub(here, 'params'));
    for (const [p, ps] of Object.entries(params))
      spec.params.set(p, parseParam(tableAt(ps, sub(sub(here, 'params'), p)), file, `${at}.params.${p}`));
    for (const k of ['never_changed', 'check_mode_same', 'repeat_same', 'on_controller'] as const) {
      const v = raw[k];
      if (v === undefined) continue;
      if (typeof v !== 'boolean') throw new MappingError(file, `${at}.${k}`, 'must be true or false');
      spec[k] = v;
    }
    if (raw.repeat_differs !== undefined) {
      if (spec.repeat_same !== true) throw new MappingError(file, `${at}.repeat_differs`, "needs 'repeat_same = true'");
      const differs = new Map<string, ReadonlySet<string>>();
      for (const [arg, values] of Object.entries(tableAt(raw.repeat_differs, sub(here, 'repeat_differs')))) {
        if (!spec.params.has(arg))
          throw new MappingError(file, `${at}.repeat_differs.${arg}`, `'${arg}' is not one of the module's params`);
        differs.set(arg, new Set(strList(values, file, `${at}.repeat_differs.${arg}`)));
      }
      spec.repeat_differs = differs;
    }
    if (raw.required_one_of !== undefined) {
      const groups = raw.required_one_of;
      if (!Array.isArray(groups) || !groups.length)
        throw new MappingError(file, `${at}.required_one_of`, 'must be a list of lists of argument names');
      spec.required_one_of = groups.map((g, i) =>
        strList(g, file, `${at}.required_one_of[${i}]`).map((names) => {
          const spellings = names.split('|');
          if (spellings.some((n) => !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(n)))
            throw new MappingError(file, `${at}.required_one_of[${i}]`, `'${names}' is not an argument name (aliases joined by |)`);
          return spellings;
        }),
      );
    }
    if (raw.native_params !== undefined) {
      if (!spec.translator) throw new MappingError(file, `${at}.native_params`, "needs a 'translator' that chooses the native resource");
      const native = strList(raw.native_params, file, `${at}.native_params`);
      const unknown = native.find((n) => !spec.params.has(n));
      if (unknown !== undefined) throw new MappingError(file, `${at}.native_params`, `'${unknown}' is not one of the module's params`);
      spec.native_params = new Set(native);
    }
    table.modules.set(fqcn, spec);
    table.aliases.set(fqcn, fqcn);
    for (const s of spec.short) table.aliases.set(s, fqcn);
    if (fqcn.startsWith('ansible.builtin.')) {
      const short = fqcn.slice('ansible.builtin.'.length);
      table.aliases.set(short, fqcn);
      table.aliases.set(`ansible.legacy.${short}`, fqcn);
    }
  }
  return table;
}

function parseParam(ps: Record<string, unknown>, file: string, at: string): ParamSpec {
  const keys = Object.keys(ps);
  const allowed: Record<string, string[]> = {
    property: ['property', 'transform', 'default', 'type', 'choices'],
    action: ['action', 'slot', 'default'],
    ignore: ['ignore'],
    unsupported: ['unsupported', 'default'],
  };
  const kind = (['property', 'action', 'ignore', 'unsupported'] as const).find((k) => k in ps);
  if (!kind) throw new MappingError(file, at, 'needs one of property, action, ignore, unsupported');
  for (const k of keys) if (!allowed[kind]!.includes(k)) throw new MappingError(file, `${at}.${k}`, `unknown key for a ${kind} parameter`);
  const str = (k: string): string => {
    const v = ps[k];
    if (typeof v !== 'string') throw new MappingError(file, `${at}.${k}`, 'must be a string');
    return v;
  };
  switch (kind) {
    case 'property': {
      const d = ps.default;
      if (d !== undefined && !['string', 'number', 'boolean'].includes(typeof d))
        throw new MappingError(file, `${at}.default`, "must be a string, number or boolean (the module's default)");
      const type = ps.type === undefined ? undefined : str('type');
      if (type !== undefined && !(ARG_TYPES as readonly string[]).includes(type))
        throw new MappingError(file, `${at}.type`, `must be one of ${ARG_TYPES.join(', ')}`);
      return {
        kind,
        property: str('property'),
        ...(ps.transform !== undefined ? { transform: str('transform') } : {}),
        ...(d !== undefined ? { default: d as string | number | boolean } : {}),
        ...(type !== undefined ? { type: type as ArgType } : {}),
        ...(ps.choices !== undefined ? { choices: strList(ps.choices, file, `${at}.choices`) } : {}),
      };
    }
    case 'action': {
      const values = ps.action as Record<string, unknown>;
      if (typeof values !== 'object' || values === null)
        throw new MappingError(file, `${at}.action`, 'must be a table of value = "action"');
      for (const [k, v] of Object.entries(values))
        if (typeof v !== 'string') throw new MappingError(file, `${at}.action.${k}`, 'must be a string');
      const slot = ps.slot === undefined ? 1 : ps.slot;
      if (typeof slot !== 'number') throw new MappingError(file, `${at}.slot`, 'must be a number');
      return { kind, values: values as Record<string, string>, slot, ...(ps.default !== undefined ? { default: str('default') } : {}) };
    }
    case 'ignore':
      return { kind, reason: str('ignore') };
    case 'unsupported': {
      if (ps.default !== undefined && typeof ps.default !== 'boolean')
        throw new MappingError(file, `${at}.default`, "must be a boolean (the module's default)");
      return { kind, reason: str('unsupported'), ...(typeof ps.default === 'boolean' ? { default: ps.default } : {}) };
    }
  }
}

function strList(v: unknown, file: string, at: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new MappingError(file, at, 'must be a list of strings');
  return v as string[];
}

/**
 * Canonical FQCN for a module name as written: the table's name for it; else, for ansible-core's own
 * spellings (bare, ansible.builtin., ansible.legacy.), the table's name for the bare name (Ansible
 * looks all three up alike) or the module Ansible's routing sends it to (module-routing.ts). Names
 * neither knows stay as written.
 */
export function canonicalModule(table: ModuleTable, name: string): string {
  const hit = table.aliases.get(name);
  if (hit) return hit;
  const short = builtinShortName(name);
  if (short !== undefined && short !== name) {
    const bare = table.aliases.get(short);
    if (bare) return bare;
  }
  const routed = routedModule(name);
  if (routed) return table.aliases.get(routed) ?? routed;
  if (name.startsWith('ansible.legacy.')) return `ansible.builtin.${name.slice('ansible.legacy.'.length)}`;
  return name;
}
