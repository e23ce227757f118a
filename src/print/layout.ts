// Chef IR -> the output tree: one folder per cookbook as `chef generate cookbook` lays it out,
// Policyfiles, node files, the support cookbook. Every file's text comes from the printer.
import type { Cookbook, NodeFile, PolicyFile } from '../ir/chef-ir.js';
import type { CookbookMetadata } from '../config/schema.js';
import { printAttributes, printCustomResource, printErb, printMetadata, printPolicyfile, printRecipe } from './index.js';
import { supportCookbookFiles, SUPPORT_COOKBOOK_NAME } from '../support-cookbook/files.js';
import { FACTS_LIBRARY_PATH, printFactsLibrary } from './print-facts.js';
import { INPUT_CONTRACTS_PATH, printInputContracts } from './print-contracts.js';
import { NODES_DIR, POLICYFILES_DIR } from '../resolve/reserved-names.js';

export type OutputFiles = Map<string, string | Uint8Array>;

export const CHEF_VERSION = '>= 18.0';

/** What `chef generate cookbook` writes when it is told nothing: the team fills them in through `[cookbook]`. */
const GENERATOR_METADATA = { maintainer: 'The Authors', maintainerEmail: 'you@example.com', license: 'All Rights Reserved' };

/** Where a cookbook's attributes go: the one file of this name in a cookbook is printAttributes' (see isAttributesFile). */
const ATTRIBUTES_FILE = 'attributes/default.rb';

/**
 * Whether an output path is a cookbook's attributes file: printAttributes wrote it as top-level statements
 * (attribute assignments, `if`/`case` around them, comments) separated by blank lines, with no local
 * variable but a shared vars-file choice read only as `case vars_file` (which parses alike as a method call),
 * so it may be syntax-checked a piece at a time (checkRubyStatements).
 */
export function isAttributesFile(path: string): boolean {
  const slash = path.indexOf('/');
  return slash > 0 && path.slice(slash + 1) === ATTRIBUTES_FILE;
}

export function layoutCookbook(cb: Cookbook, readme: string, out: OutputFiles, meta: CookbookMetadata = {}): void {
  const dir = cb.name;
  out.set(
    `${dir}/metadata.rb`,
    printMetadata({
      name: cb.name,
      maintainer: meta.maintainer ?? GENERATOR_METADATA.maintainer,
      maintainerEmail: meta.maintainerEmail ?? GENERATOR_METADATA.maintainerEmail,
      license: meta.license ?? GENERATOR_METADATA.license,
      ...(meta.sourceUrl !== undefined ? { sourceUrl: meta.sourceUrl.replaceAll('{cookbook}', cb.name) } : {}),
      version: cb.version,
      depends: cb.depends,
      chefVersion: CHEF_VERSION,
      source: cb.source,
      description: `Converted from the Ansible ${cb.source.endsWith('.yml') || cb.source.endsWith('.yaml') ? 'playbook' : 'role'} ${cb.source}`,
    }),
  );
  out.set(`${dir}/README.md`, readme);
  if (cb.attributes.length) {
    const sources = [...new Set(cb.attributes.map((a) => a.origin.file))];
    out.set(`${dir}/${ATTRIBUTES_FILE}`, printAttributes(cb.name, cb.attributes, sources));
  }
  if (cb.inputContracts) out.set(`${dir}/${INPUT_CONTRACTS_PATH}`, printInputContracts(cb.name, cb.inputContracts));
  for (const r of cb.recipes) out.set(`${dir}/recipes/${r.name}.rb`, printRecipe(r, cb.name));
  for (const r of cb.resources ?? []) out.set(`${dir}/resources/${r.file}.rb`, printCustomResource(r, cb.name));
  for (const t of cb.templates) out.set(`${dir}/templates/${t.path}`, printErb(t.body));
  for (const f of cb.files) out.set(`${dir}/files/${f.path}`, f.content);
}

export function layoutPolicy(p: PolicyFile, out: OutputFiles): void {
  out.set(`${POLICYFILES_DIR}/${p.name}.rb`, printPolicyfile(p, '..'));
}

/** nodes/<host>.json for chef-zero / local mode: run list in play order, host vars as normal attributes. */
export function layoutNode(n: NodeFile, out: OutputFiles): void {
  const doc = { name: n.name, chef_environment: '_default', normal: sortKeys(n.normal), run_list: n.runList };
  out.set(`${NODES_DIR}/${n.name}.json`, JSON.stringify(doc, null, 2) + '\n');
}

/**
 * The support cookbook; its facts library is printed from the facts table in force (user tables
 * included). Returns the files copied as the tool ships them, by output path: their text is the
 * tool's own, the same in every run, and its tests parse it with Prism (test/support-cookbook).
 */
export function layoutSupportCookbook(out: OutputFiles, factTables: Record<string, Record<string, string>>): Map<string, string> {
  const shipped = new Map<string, string>();
  for (const f of supportCookbookFiles()) {
    const path = `${SUPPORT_COOKBOOK_NAME}/${f.path}`;
    out.set(path, f.content);
    shipped.set(path, f.content);
  }
  out.set(`${SUPPORT_COOKBOOK_NAME}/${FACTS_LIBRARY_PATH}`, printFactsLibrary(factTables));
  shipped.delete(`${SUPPORT_COOKBOOK_NAME}/${FACTS_LIBRARY_PATH}`);
  return shipped;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}
