// The digest of everything that decides a conversion's output (the input files, the mapping tables,
// the options, the tool's own code): what the no-change re-run compares, and the context of every
// cookbook's input hash. Its own module so that the re-run loads none of the converter.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConvertOptions } from '../convert.js';
import { builtinMappingsDir } from '../config/mappings-dir.js';
import { readExtraVarFiles } from '../config/extra-var-files.js';
import { supportCookbookDir } from '../support-cookbook/source.js';
import { sha256 } from '../workspace/manifest.js';
import type { HashContext } from '../workspace/role-records.js';
import type { ToolRecord } from '../workspace/last-run.js';
import { recordTree, treeUnchanged } from '../workspace/stamps.js';
import { type InputShape, inputOptions } from './read-input.js';
import type { Settings } from './settings.js';
import { VERSION } from './version.js';

export function convertOptions(s: Settings, input: InputShape): ConvertOptions {
  return { ...s.options, ...inputOptions(input) };
}

/**
 * Everything besides the input files' content that decides a conversion's output, known before the
 * input is read: with the files, the digest a no-change re-run compares (see workspace/last-run.ts).
 */
export function runContext(s: Settings, shape: InputShape, lastTool?: ToolRecord): unknown {
  toolCode(lastTool);
  const ctx = hashContext(s, convertOptions(s, shape));
  const mappings = [...ctx.mappings.entries()].map(([k, v]) => [k, sha256(v)]);
  // ctx.toolVersion covers the tool's code and support cookbook by content (toolCodeHash).
  // The config's role lists decide what a run selects and which names it must report as unknown.
  return { tool: ctx.toolVersion, options: ctx.options, mappings, outDir: s.outDir, roles: s.config.roles };
}

/** What besides the input shapes the output: the tool, its tables and the options. */
export function hashContext(s: Settings, options: ConvertOptions): HashContext {
  const mappings = new Map<string, Uint8Array>();
  const addDir = (label: string, dir: string) => {
    for (const f of listFiles(dir)) mappings.set(`${label}/${f}`, readFileSync(join(dir, f)));
  };
  addDir('builtin', builtinMappingsDir());
  s.mappingDirs.forEach((d, i) => addDir(`mapping-dir-${i}`, d));
  s.plugins.forEach((p, i) => mappings.set(`plugin-${i}`, readFileSync(p)));
  // The extra variable files shape the output through their types: their content, not their (machine) paths.
  for (const f of readExtraVarFiles(options.extraVarFiles ?? [])) mappings.set(`extra-var-file/${f.file}`, Buffer.from(f.text));
  const { namespace, cookbookNames, ipv6Only, tlsPolicy, groups, attributeKeys, kind, entry, cookbookMetadata, extraVarTypes } = options;
  return {
    toolVersion: `${VERSION} ${toolCodeHash()}`,
    mappings,
    options: { namespace, cookbookNames, ipv6Only, tlsPolicy, groups, attributeKeys, kind, entry, cookbookMetadata, extraVarTypes },
  };
}

let code: { hash: string; record?: ToolRecord } | undefined;

/**
 * The tool's own code and the support cookbook it ships, by content: a conversion made by other
 * code is not "unchanged", even when the version number is the same (a development build). `last`
 * (the last run's record) saves reading them when every file and directory has the stamp it had.
 */
export function toolCode(last?: ToolRecord): { hash: string; record?: ToolRecord } {
  if (code === undefined) {
    const root = dirname(dirname(fileURLToPath(import.meta.url)));
    const support = supportCookbookDir();
    if (last?.code && last.support && treeUnchanged(root, last.code) && treeUnchanged(support, last.support))
      code = { hash: last.hash, record: last };
    else {
      // Stamped before they are read: a change during or after the read moves the stamps.
      const js = recordTree(root, (f) => f.endsWith('.js'));
      const rb = recordTree(support, () => true);
      const parts = js.paths.map((f) => `${f}\0${sha256(readFileSync(join(root, f)))}`);
      parts.push(...rb.paths.map((f) => `support/${f}\0${sha256(readFileSync(join(support, f), 'utf8'))}`));
      const hash = sha256(parts.join('\n')).slice(0, 16);
      code = { hash, ...(js.record && rb.record ? { record: { hash, code: js.record, support: rb.record } } : {}) };
    }
  }
  return code;
}

function toolCodeHash(): string {
  return toolCode().hash;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name), rel) : [rel];
    });
}
