// Ansible's routing of module names (mappings/module-routing.toml, from ansible-core's
// ansible_builtin_runtime.yml): which module a bare name, `ansible.builtin.<name>` or
// `ansible.legacy.<name>` runs once ansible-core no longer holds it. Read only when a name is not one
// modules.toml knows, so a run whose modules are all in the table never parses it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinMappingsDir } from '../config/mappings-dir.js';
import { atRoot, onlyKeys, parseToml, strings, stringTable, sub, table } from '../config/table-schema.js';

const FILE = 'mappings/module-routing.toml';

/** name -> FQCN, from the table's text. */
export function moduleRouteEntries(text: string, file = FILE): Map<string, string> {
  const doc = parseToml(text, file);
  const at = atRoot(file);
  onlyKeys(doc, ['same-name', 'renamed'], at);
  const routes = new Map<string, string>();
  const same = table(doc['same-name'] ?? {}, sub(at, 'same-name'));
  for (const [collection, names] of Object.entries(same))
    for (const n of strings(names, sub(sub(at, 'same-name'), collection))) routes.set(n, `${collection}.${n}`);
  for (const [n, fqcn] of Object.entries(stringTable(doc.renamed ?? {}, sub(at, 'renamed')))) routes.set(n, fqcn);
  return routes;
}

let cached: Map<string, string> | undefined;

function routes(): Map<string, string> {
  cached ??= moduleRouteEntries(readFileSync(resolve(builtinMappingsDir(), 'module-routing.toml'), 'utf8'));
  return cached;
}

/**
 * The name without `ansible.builtin.` / `ansible.legacy.` when it is one of ansible-core's own
 * spellings (a bare name included: with no `collections:` it is looked up as ansible.legacy),
 * else undefined.
 */
export function builtinShortName(name: string): string | undefined {
  for (const prefix of ['ansible.builtin.', 'ansible.legacy.']) if (name.startsWith(prefix)) return name.slice(prefix.length);
  return name.includes('.') ? undefined : name;
}

/** The FQCN Ansible runs for a name it routes, else undefined. */
export function routedModule(name: string): string | undefined {
  const short = builtinShortName(name);
  return short === undefined ? undefined : routes().get(short);
}
