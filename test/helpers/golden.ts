// Shared machinery for whole-output tests: convert a directory exactly as the CLI does, read and
// write output trees, and derive the variants (CRLF + BOM) and counts the golden invariants need.

import { spawnSync } from 'node:child_process';
import { LAST_RUN_PATH } from '../../src/workspace/last-run.js';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { convert, type ConversionResult } from '../../src/convert.js';
import { formatDiagnostic } from '../../src/base/diagnostics.js';
import type { InputTree } from '../../src/load/ansible/input.js';
import { readInput } from '../../src/cli/read-input.js';
import { SUPPORT_COOKBOOK_NAME } from '../../src/support-cookbook/files.js';
import { MANIFEST_PATH } from '../../src/workspace/manifest.js';
import { sharedBuild } from './shared-build.js';

export type FileTree = Map<string, string | Uint8Array>;

/** The namespace the CLI uses by default, so golden output equals what a user sees. */
const CLI_NAMESPACE = 'ansible';

/** Read a directory (project, roles dir, role or playbook) the way `ansible2chef convert` does. */
export function readLikeCli(path: string): { tree: InputTree; options: Parameters<typeof convert>[1] } {
  const input = readInput(path);
  return {
    tree: input.tree,
    options: {
      rootName: input.rootName,
      namespace: CLI_NAMESPACE,
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.entry ? { entry: input.entry } : {}),
    },
  };
}

/** Convert a path with the same detection and options as the CLI. */
export async function convertLikeCli(path: string): Promise<ConversionResult> {
  const { tree, options } = readLikeCli(path);
  return convert(tree, options);
}

/**
 * The generated files a golden case records in expected/: every file except the support cookbook and
 * the manifest, which are the same in every case.
 */
export function goldenView(result: ConversionResult): FileTree {
  const out: FileTree = new Map();
  for (const [path, content] of result.files) {
    if (path.startsWith(`${SUPPORT_COOKBOOK_NAME}/`) || path === MANIFEST_PATH) continue;
    out.set(path, content);
  }
  return out;
}

export function diagnosticsText(result: ConversionResult): string {
  return result.diagnostics.map((d) => formatDiagnostic(d) + '\n').join('');
}

/** Every file under dir (posix relative paths, sorted), as bytes; the machine-local last-run record left out. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full).split(sep).join('/');
      if (statSync(full).isDirectory()) walk(full);
      else if (rel !== LAST_RUN_PATH) out.set(rel, readFileSync(full));
    }
  };
  walk(dir);
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Replace dir's contents with exactly these files (UPDATE_GOLDEN). */
export function writeTree(dir: string, files: FileTree): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, content] of files) {
    const full = join(dir, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export function toBuffer(content: string | Uint8Array): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}

/** Files whose text the loader decodes (YAML and Jinja); these get the CRLF + BOM treatment. */
const TEXT_INPUT = /\.(ya?ml|j2)$/;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The same input as a Windows editor would save it: CRLF line endings and a UTF-8 BOM on every YAML
 * and Jinja file. Ansible reads both the same way, so the conversion must not change.
 */
export function withCrlfAndBom(tree: InputTree): InputTree {
  const files = new Map<string, Uint8Array>();
  for (const [path, bytes] of tree.files) {
    if (!TEXT_INPUT.test(path)) {
      files.set(path, bytes);
      continue;
    }
    const text = Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n').replace(/\n/g, '\r\n');
    // A template keeps its BOM in the rendered file (as Ansible renders it), so only YAML gets one.
    const bom = path.endsWith('.j2') ? Buffer.alloc(0) : BOM;
    files.set(path, Buffer.concat([bom, Buffer.from(text, 'utf8')]));
  }
  return { files };
}

export interface TodoBlock {
  /** The recipe holding the block. */
  recipe: string;
  code: string;
  /** The input file and line of the provenance comment under the marker. */
  file: string;
  line: number;
}

/** Every `# TODO(ansible2chef): CODE reason` block in the generated recipes, with its provenance. */
export function recipeTodoBlocks(files: FileTree): TodoBlock[] {
  const out: TodoBlock[] = [];
  for (const [path, content] of files) {
    if (!/^[^/]+\/recipes\/[^/]+\.rb$/.test(path)) continue;
    const lines = toBuffer(content).toString('utf8').split('\n');
    lines.forEach((l, i) => {
      const marker = /^\s*# TODO\(ansible2chef\): (\S+)/.exec(l);
      if (!marker) return;
      const where = /^\s*# (\S+):(\d+)(?: |$)/.exec(lines[i + 1] ?? '');
      out.push({ recipe: path, code: marker[1]!, file: where?.[1] ?? '', line: Number(where?.[2] ?? 0) });
    });
  }
  return out;
}

/**
 * What a golden case folder may hold besides input/ and its expectations (options.json). Paths in it
 * are relative to the case folder, except `input`, which names a directory of the repository.
 */
export interface GoldenCaseOptions {
  /** Convert this repository directory instead of the case's input/ (the bundled example). */
  input?: string;
  /** User mapping directories (--mappings), relative to the case folder. */
  mappingDirs?: string[];
  /** The expectations this case records; default GOLDEN_OUTPUTS. Each one must exist. */
  outputs?: GoldenOutput[];
  /** `--groups`: how `groups[...]` is converted (default static, as the CLI's). */
  groups?: 'static' | 'search';
}

/**
 * Every expectation a case can record: expected/ (the generated files), the diagnostics, the audit
 * (`ansible2chef audit`: markdown, JSON, --ipv6-only) and the plan (`ansible2chef plan` in its three
 * formats).
 */
export const GOLDEN_OUTPUT_NAMES = [
  'expected',
  'diagnostics.txt',
  'audit.md',
  'audit.json',
  'audit-ipv6-only.md',
  'plan.md',
  'plan.json',
  'plan.txt',
] as const;
export type GoldenOutput = (typeof GOLDEN_OUTPUT_NAMES)[number];
export const GOLDEN_OUTPUTS: readonly GoldenOutput[] = ['expected', 'diagnostics.txt', 'audit.md', 'plan.md'];

export interface GoldenCase {
  name: string;
  dir: string;
  /** The directory converted. */
  inputDir: string;
  /** Absolute user mapping directories, if the case has any. */
  mappingDirs: string[];
  outputs: readonly GoldenOutput[];
  /** `--groups search`, where options.json asks for it. */
  groups?: 'static' | 'search';
}

/** The golden case folders under root: every direct subfolder with an input/ folder or an options.json. */
export function goldenCases(root: string): GoldenCase[] {
  return readdirSync(root)
    .sort()
    .filter((name) => existsSync(join(root, name, 'input')) || existsSync(join(root, name, OPTIONS_FILE)))
    .map((name) => goldenCase(root, name));
}

const OPTIONS_FILE = 'options.json';

function goldenCase(root: string, name: string): GoldenCase {
  const dir = join(root, name);
  const file = join(dir, OPTIONS_FILE);
  const o = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as GoldenCaseOptions;
  const known = new Set(['input', 'mappingDirs', 'outputs', 'groups']);
  const unknown = Object.keys(o).filter((k) => !known.has(k));
  if (unknown.length) throw new Error(`${name}/${OPTIONS_FILE}: unknown option(s) ${unknown.join(', ')}`);
  const bad = (o.outputs ?? []).filter((x) => !(GOLDEN_OUTPUT_NAMES as readonly string[]).includes(x));
  if (bad.length) throw new Error(`${name}/${OPTIONS_FILE}: unknown output(s) ${bad.join(', ')}`);
  return {
    name,
    dir,
    inputDir: o.input !== undefined ? join(REPO, ...o.input.split('/')) : join(dir, 'input'),
    mappingDirs: (o.mappingDirs ?? []).map((d) => join(dir, ...d.split('/'))),
    outputs: o.outputs ?? GOLDEN_OUTPUTS,
    ...(o.groups ? { groups: o.groups } : {}),
  };
}

/** The repository root (this file is test/helpers/golden.ts). */
export const REPO = resolve(import.meta.dirname, '../..');

/**
 * Compile the CLI from the current sources into a private copy of the repository layout and return the
 * path of its main.js. A private build never races with another test file or a developer's `npm run
 * build` writing the shared dist/, and never tests a stale dist/. The compiled code finds package.json,
 * mappings/ and the support cookbook's Ruby sources relative to dist/, so those are linked beside it.
 */
export function buildCli(): { main: string; cleanup: () => void } {
  // The run's shared build (shared-build.ts) is removed when the run ends, not by one test file.
  const shared = sharedBuild();
  if (shared) return { main: join(shared, 'dist', 'cli', 'main.js'), cleanup: () => {} };
  const root = mkdtempSync(join(tmpdir(), 'a2c-cli-'));
  for (const name of ['package.json', 'mappings', 'src', 'node_modules', 'playbooks']) symlinkSync(join(REPO, name), join(root, name));
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(REPO, 'tsconfig.json'), '--outDir', join(root, 'dist')], { encoding: 'utf8' });
  const main = join(root, 'dist', 'cli', 'main.js');
  try {
    statSync(main);
  } catch {
    throw new Error(`building the CLI failed:\n${r.stdout}${r.stderr}`);
  }
  // Bundled as the build script does (scripts/bundle-cli.ts): the tests run the CLI that ships.
  const b = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'bundle-cli.js')], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`bundling the converter failed:\n${b.stdout}${b.stderr}`);
  return { main, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI with arguments, from the repository root. */
export function runCli(main: string, args: readonly string[], cwd: string = REPO): CliRun {
  const r = spawnSync(process.execPath, [main, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
