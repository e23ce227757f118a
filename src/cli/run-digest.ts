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
/** The options that decide the output (the rest only say where it goes or how it is reported). */
const OUTPUT_OPTIONS = [
  'namespace',
  'cookbookNames',
  'ipv6Only',
  'tlsPolicy',
  'groups',
  'attributeKeys',
  'kind',
  'entry',
  'cookbookMetadata',
  'extraVarTypes',
  'inferInputTypes',
] as const satisfies ReadonlyArray<keyof ConvertOptions>;

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
  // Key by key, in this order: the digest is of the JSON these make.
  const chosen = Object.fromEntries(OUTPUT_OPTIONS.map((k) => [k, options[k]]));
  return { toolVersion: `${VERSION} ${toolCodeHash()}`, mappings, options: chosen };
}

let code: { hash: string; record?: ToolRecord } | undefined;

/**
 * The tool's own code and the support cookbook it ships, by content: a conversion made by other
 * code is not "unchanged", even when the version number is the same (a development build). `last`
 * (the last run's record) or the record the build left beside the code (TOOL_RECORD) saves reading
 * them when every file and directory has the stamp it had. A run only reads that record: a tool
 * never writes into its own installation (read-only, shared by users, or one run's record mixed
 * with another's).
 */
export function toolCode(last?: ToolRecord): { hash: string; record?: ToolRecord } {
  if (code === undefined) {
    const root = dirname(dirname(fileURLToPath(import.meta.url)));
    code = codeOf(root, supportCookbookDir(), [last, readToolRecord(join(root, TOOL_RECORD))]);
  }
  return code;
}

/**
 * The file beside the code (dist/) where the build (scripts/build-data.ts) leaves the tool's record,
 * so that a run with --force or into a new output directory need not hash the code (issue 17: about
 * 40 ms of CPU). A copy of the code (an installed package) has other stamps: its runs hash the code
 * and keep the record in their output's last-run record only.
 */
export const TOOL_RECORD = 'tool-code.json';

/** The hash of the code under `root` (its .js files) and of `support`; the first of `known` whose stamps all hold saves reading them. */
export function codeOf(root: string, support: string, known: ReadonlyArray<ToolRecord | undefined>): { hash: string; record?: ToolRecord } {
  for (const r of known)
    if (r?.code && r.support && typeof r.hash === 'string' && treeUnchanged(root, r.code) && treeUnchanged(support, r.support))
      return { hash: r.hash, record: r };
  // Stamped before they are read: a change during or after the read moves the stamps.
  const js = recordTree(root, (f) => f.endsWith('.js'));
  const rb = recordTree(support, () => true);
  const parts = js.paths.map((f) => `${f}\0${sha256(readFileSync(join(root, f)))}`);
  parts.push(...rb.paths.map((f) => `support/${f}\0${sha256(readFileSync(join(support, f), 'utf8'))}`));
  const hash = sha256(parts.join('\n')).slice(0, 16);
  return { hash, ...(js.record && rb.record ? { record: { hash, code: js.record, support: rb.record } } : {}) };
}

/**
 * The record kept at `path`, if it holds one. The build rewrites the file in place, so a build
 * stopped halfway, or two at once, could leave a cut file or pieces of two records: the record's
 * own sha256 beside it tells a whole one from such a mix.
 */
export function readToolRecord(path: string): ToolRecord | undefined {
  try {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as { record?: unknown; sum?: unknown } | null;
    const text = JSON.stringify(kept?.record);
    const r = kept?.record as Partial<ToolRecord> | undefined;
    return r && kept?.sum === sha256(text) && typeof r.hash === 'string' && r.code && r.support ? (r as ToolRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The text of TOOL_RECORD holding `record`, as readToolRecord reads it. */
export function toolRecordText(record: ToolRecord): string {
  return `{"sum":"${sha256(JSON.stringify(record))}","record":${JSON.stringify(record)}}\n`;
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
