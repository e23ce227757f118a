// The project configuration (ansible2chef.toml): its shape and validation. Keys are kebab-case like
// the command-line flags they default. Unknown keys and wrong types are diagnostics naming the key,
// never silently ignored: a misspelt `frozen` would otherwise let a hand-finished cookbook be rewritten.
import { diagnostic, type Diagnostic, type Span } from '../base/diagnostics.js';
import { parseDeclaredType, type DeclaredType } from './var-types.js';

export interface ProjectConfig {
  /** Input path (project, roles dir, role or playbook), relative to the config file. */
  input?: string;
  /** Output directory, relative to the config file. */
  output?: string;
  namespace?: string;
  ipv6Only?: boolean;
  tlsPolicy?: 'warn' | 'strict';
  /** `groups[...]`: static attributes from the inventory, or Chef search. */
  groups?: 'static' | 'search';
  /** A cookbook's attribute keys: without the role prefix (`short`), or the Ansible variable names. */
  attributeKeys?: 'short' | 'ansible';
  roles: {
    /** When non-empty, only these roles are converted. */
    include: string[];
    exclude: string[];
    /** Cookbooks that are never written, removed or overwritten, even with --force. */
    frozen: string[];
  };
  /** Role name -> cookbook name. */
  cookbookNames: Record<string, string>;
  /** Extra mapping-table directories, relative to the config file (read by the mapping layer). */
  mappingDirs: string[];
  /** Plugin modules, relative to the config file (loaded by the mapping layer). */
  plugins: string[];
  /** `[cookbook]`: who maintains the generated cookbooks, written into every metadata.rb. */
  cookbook: CookbookMetadata;
  /** `[extra-var-types]`: variable -> the type of the value a source outside the input gives it (var-types.ts). */
  extraVarTypes: Record<string, DeclaredType>;
  /**
   * `extra-var-files`: variable files (or folders of them) set outside the input, such as the
   * group_vars of an inventory that is not converted, relative to the config file. Only the types
   * of their variables are read (resolve/extra-sources.ts); `[extra-var-types]` wins over them.
   */
  extraVarFiles: string[];
  /**
   * `infer-input-types`: a variable no input source sets and nothing declares, whose every use means
   * the same for a str and an int, gets the contract "text or integer" (resolve/use-contracts.ts),
   * and so does such a field of the items of a list only the outside fills (resolve/item-contracts.ts);
   * a variable a use of which says it is a boolean and every use of which reads one as Python does
   * gets the contract "bool" (resolve/use-contracts.ts). Each is checked when the cookbook runs. Default true.
   */
  inferInputTypes?: boolean;
}

/** metadata.rb fields the input cannot tell; unset ones get what `chef generate cookbook` writes. */
export interface CookbookMetadata {
  maintainer?: string;
  maintainerEmail?: string;
  license?: string;
  /** `{cookbook}` in it becomes each cookbook's name. Unset: no source_url line. */
  sourceUrl?: string;
}

const COOKBOOK_KEYS: Record<string, keyof CookbookMetadata> = {
  maintainer: 'maintainer',
  'maintainer-email': 'maintainerEmail',
  license: 'license',
  'source-url': 'sourceUrl',
};

export function emptyConfig(): ProjectConfig {
  return {
    roles: { include: [], exclude: [], frozen: [] },
    cookbookNames: {},
    mappingDirs: [],
    plugins: [],
    cookbook: {},
    extraVarTypes: {},
    extraVarFiles: [],
  };
}

const COOKBOOK_NAME = /^[a-z0-9_][a-z0-9_-]*$/i;
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Validate a parsed TOML document. `locate` finds a (dotted) key's position for the diagnostic. */
export function validateConfig(
  raw: Record<string, unknown>,
  file: string,
  locate: (key: string) => Span = () => ({ file, line: 1, col: 1 }),
): { config: ProjectConfig; diagnostics: Diagnostic[] } {
  const config = emptyConfig();
  const diagnostics: Diagnostic[] = [];
  const bad = (key: string, why: string) => diagnostics.push(diagnostic('A2C-CONFIG-KEY', `${key}: ${why}`, locate(key)));

  const str = (key: string, v: unknown): string | undefined => {
    if (typeof v === 'string' && v !== '') return v;
    bad(key, 'must be a non-empty string');
    return undefined;
  };
  const strList = (key: string, v: unknown): string[] => {
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '')) return v as string[];
    bad(key, 'must be a list of non-empty strings');
    return [];
  };

  for (const [key, v] of Object.entries(raw)) {
    switch (key) {
      case 'input':
      case 'output':
      case 'namespace': {
        const s = str(key, v);
        if (s !== undefined) config[key] = s;
        break;
      }
      case 'ipv6-only':
        if (typeof v === 'boolean') config.ipv6Only = v;
        else bad(key, 'must be true or false');
        break;
      case 'infer-input-types':
        if (typeof v === 'boolean') config.inferInputTypes = v;
        else bad(key, 'must be true or false');
        break;
      case 'tls-policy':
        if (v === 'warn' || v === 'strict') config.tlsPolicy = v;
        else bad(key, 'must be "warn" or "strict"');
        break;
      case 'groups':
        if (v === 'static' || v === 'search') config.groups = v;
        else bad(key, 'must be "static" or "search"');
        break;
      case 'attribute-keys':
        if (v === 'short' || v === 'ansible') config.attributeKeys = v;
        else bad(key, 'must be "short" or "ansible"');
        break;
      case 'mapping-dirs':
        config.mappingDirs = strList(key, v);
        break;
      case 'plugins':
        config.plugins = strList(key, v);
        break;
      case 'extra-var-files':
        config.extraVarFiles = strList(key, v);
        break;
      case 'roles':
        if (!isTable(v)) bad(key, 'must be a table');
        else
          for (const [sub, sv] of Object.entries(v)) {
            if (sub === 'include' || sub === 'exclude' || sub === 'frozen') config.roles[sub] = strList(`roles.${sub}`, sv);
            else bad(`roles.${sub}`, 'unknown key (expected include, exclude, frozen)');
          }
        break;
      case 'cookbook':
        if (!isTable(v)) bad(key, 'must be a table');
        else
          for (const [sub, sv] of Object.entries(v)) {
            const field = COOKBOOK_KEYS[sub];
            if (field === undefined) bad(`cookbook.${sub}`, `unknown key (expected ${Object.keys(COOKBOOK_KEYS).join(', ')})`);
            else {
              const s = str(`cookbook.${sub}`, sv);
              if (s !== undefined) config.cookbook[field] = s;
            }
          }
        break;
      case 'cookbook-names':
        if (!isTable(v)) bad(key, 'must be a table of role = "cookbook"');
        else
          for (const [role, name] of Object.entries(v)) {
            if (typeof name === 'string' && COOKBOOK_NAME.test(name)) config.cookbookNames[role] = name;
            else bad(`cookbook-names.${role}`, 'must be a cookbook name (letters, digits, _ and -)');
          }
        break;
      case 'extra-var-types':
        if (!isTable(v)) bad(key, 'must be a table of variable = "type"');
        else
          for (const [name, spec] of Object.entries(v)) {
            const t = typeof spec === 'string' ? parseDeclaredType(spec) : { error: 'must be a string naming a type' };
            if (!VAR_NAME.test(name)) bad(`extra-var-types.${name}`, 'is not an Ansible variable name');
            else if ('error' in t) bad(`extra-var-types.${name}`, t.error);
            else config.extraVarTypes[name] = t;
          }
        break;
      default:
        bad(key, 'unknown key');
    }
  }
  for (const r of config.roles.include.filter((r) => config.roles.exclude.includes(r)))
    bad('roles', `role ${r} is both included and excluded`);
  return { config, diagnostics };
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
