// The shared front half of convert, check and diff: read the input, convert it in memory, work out
// the scope of the run and the change to every output file. Nothing here writes.
import { collectGarbageAbove } from './heap.js';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { convert, type ConversionResult, type ConvertOptions } from '../convert.js';
import { type Change, computeChanges } from '../workspace/changes.js';
import { emptyManifest, type Manifest, readManifest, readPending, sha256 } from '../workspace/manifest.js';
import { leftAsRecorded } from '../workspace/last-run.js';
import { roleRecords } from '../workspace/role-records.js';
import { computeScope, cookbookOfPath, outsideBehind, roleName, type OutputScope, scopeFiles } from '../workspace/scope.js';
import { nextFileHashes } from '../workspace/apply.js';
import { safeOutputPath } from '../workspace/write.js';
import { readInput, type ReadInput } from './read-input.js';
import { convertOptions, hashContext } from './run-digest.js';
import type { Settings } from './settings.js';
import { VERSION } from './version.js';

export interface PreparedRun {
  input: ReadInput;
  result: ConversionResult;
  previous: Manifest | undefined;
  scope: OutputScope;
  changes: Change[];
  /** The manifest to write when the changes are applied. */
  next: Manifest;
  cookbookOf: (path: string) => string | undefined;
  /**
   * Set when a partial run leaves project-level outputs (CONVERSION.md, policyfiles/, nodes/) that a
   * full run would change: the cookbooks outside the selection whose conversion changed too.
   */
  projectBehind?: string[];
}

export interface PrepareOptions {
  /** convert without --force: skip cookbooks whose inputs did not change. */
  skipUnchanged: boolean;
  force: boolean;
  /** Honour --role/--playbook (check always compares everything). */
  partial: boolean;
}

export async function prepare(s: Settings, opts: PrepareOptions, read?: ReadInput): Promise<PreparedRun> {
  const input = read ?? readInput(s.inputPath, { exclude: [s.outDir] });
  const options = convertOptions(s, input);
  const previous = readManifest(s.outDir);
  // Not among the options the manifest records: neither changes the output.
  const result = await convert(input.tree, {
    ...options,
    collectGarbage: () => collectGarbageAbove(),
    // Prism comes with the tool: a manifest of another release proves nothing about this one's parser.
    ...(previous?.toolVersion === VERSION ? { checkedBefore: recordedIn(previous) } : {}),
  });
  const records = recordsFor(s, input, result, options);
  const hashes = new Map(Object.entries(records.roles).map(([n, r]) => [n, r.inputHash]));
  const request = {
    cookbooks: result.cookbooks,
    policies: result.policies,
    previous,
    hashes,
    include: s.config.roles.include,
    exclude: s.config.roles.exclude,
    frozen: s.config.roles.frozen,
    // A cookbook whose files were edited or deleted by hand is looked at again, so the edit is reported.
    touched: touchedCheck(s.outDir, previous?.files ?? {}, () => leftAsRecorded(s.outDir)),
  };
  const scope = computeScope({
    ...request,
    roles: opts.partial ? s.roles : [],
    ...(opts.partial && s.playbook !== undefined ? { playbook: playbookInRoot(s.playbook, input.root) } : {}),
    skipUnchanged: opts.skipUnchanged && !opts.force,
  });
  // What a full run would render: when this partial run leaves every other cookbook current, it
  // refreshes the project-level outputs too (workspace/scope.ts).
  let behind: string[] = [];
  if (scope.partial) {
    const full = computeScope({ ...request, roles: [], skipUnchanged: false });
    behind = outsideBehind(result.files, full, scope, previous, sha256);
    scope.projectCurrent = behind.length === 0;
  }
  const known = new Set([...result.cookbooks.map((c) => c.name), ...Object.keys(previous?.roles ?? {})]);
  const cookbookOf = cookbookOfPath(known);
  const exists = (p: string) => existsSync(safeOutputPath(s.outDir, p));
  const scoped = scopeFiles(result.files, scope, cookbookOf, exists);
  const changes = computeChanges({
    outDir: s.outDir,
    files: scoped.files,
    removable: scoped.removable,
    cookbookOf,
    previous,
    pending: readPending(s.outDir),
    force: opts.force,
  });
  const next = emptyManifest(VERSION);
  next.files = nextFileHashes(previous?.files ?? {}, changes);
  next.roles = { ...(previous?.roles ?? {}) };
  for (const name of [...scope.render, ...scope.skipped]) next.roles[name] = records.roles[name]!;
  // A cookbook with a hand edit in the way keeps its old input hash, so the next run does not skip
  // it and reports the edit again instead of forgetting it.
  for (const c of changes) {
    const name = c.kind === 'conflict' ? cookbookOf(c.path) : undefined;
    if (name !== undefined && next.roles[name])
      next.roles[name] = { ...next.roles[name], inputHash: previous?.roles[name]?.inputHash ?? '' };
  }
  for (const name of scope.removed) if (!Object.keys(next.files).some((p) => p.startsWith(name + '/'))) delete next.roles[name];
  next.project = scope.partial && !scope.projectCurrent ? (previous?.project ?? next.project) : records.project;
  next.options = s.recorded;
  const projectStale = scope.partial && !scope.projectCurrent && projectLevelDiffers(result.files, previous, cookbookOf);
  return { input, result, previous, scope, changes, next, cookbookOf, ...(projectStale ? { projectBehind: behind } : {}) };
}

/**
 * Whether the previous run recorded exactly this text at this path. Every file a run records passed
 * its Ruby check (a file that does not parse is neither written nor recorded), and an edited file's
 * entry keeps the hash of what was generated, not the edit: so a match proves the check was passed.
 */
function recordedIn(previous: Manifest): (path: string, content: string) => boolean {
  return (path, content) => {
    const hash = previous.files[path];
    return typeof hash === 'string' && hash === sha256(content);
  };
}

/** Whether the project-level files (no cookbook's) of a conversion differ from what the last run generated. */
function projectLevelDiffers(
  files: Map<string, string | Uint8Array>,
  previous: Manifest | undefined,
  cookbookOf: (p: string) => string | undefined,
): boolean {
  const was = Object.entries(previous?.files ?? {}).filter(([p]) => cookbookOf(p) === undefined && !p.startsWith('.ansible2chef/'));
  const now = [...files].filter(([p]) => cookbookOf(p) === undefined);
  return was.length !== now.length || now.some(([p, c]) => previous?.files[p] !== sha256(c));
}

/**
 * Whether any recorded file under `name/` differs on disk. The recorded files are grouped by their
 * parent directories once, so each cookbook reads only its own entries (not every file per cookbook).
 * A cookbook `asLeft` names is as the last clean run left it, by the stamps of its files: a re-run
 * after a change to one role of 1000 read and hashed the 7,400 files of the others.
 */
function touchedCheck(outDir: string, files: Record<string, string>, asLeft: () => Set<string>): (name: string) => boolean {
  let byDir: Map<string, Array<[string, string]>> | undefined;
  let untouched: Set<string> | undefined;
  return (name) => {
    untouched ??= asLeft();
    if (untouched.has(name)) return false;
    if (!byDir) {
      byDir = new Map();
      for (const entry of Object.entries(files)) {
        const p = entry[0];
        for (let end = p.lastIndexOf('/'); end >= 0; end = end === 0 ? -1 : p.lastIndexOf('/', end - 1)) {
          const dir = p.slice(0, end);
          const list = byDir.get(dir);
          if (list) list.push(entry);
          else byDir.set(dir, [entry]);
        }
      }
    }
    return (byDir.get(name) ?? []).some(([p, h]) => diskHash(outDir, p) !== h);
  };
}

function diskHash(outDir: string, path: string): string | undefined {
  const full = safeOutputPath(outDir, path);
  return existsSync(full) ? sha256(readFileSync(full)) : undefined;
}

/**
 * The manifest records (input hashes, TODOs, findings) of a conversion made with these settings;
 * with freshManifest() it gives the manifest a complete run writes (what a committed output holds).
 */
export function recordsFor(
  s: Settings,
  input: ReadInput,
  result: ConversionResult,
  options: ConvertOptions,
): Pick<Manifest, 'roles' | 'project'> {
  return roleRecords(input.tree, result.cookbooks, result.diagnostics, hashContext(s, options));
}

/** `--playbook` relative to the input root, whether given from the cwd or from the root. */
function playbookInRoot(playbook: string, root: string): string {
  const fromCwd = resolve(playbook);
  const base = existsSync(fromCwd) ? relative(root, fromCwd) : playbook;
  return base.split(sep).join('/');
}

/** The names a --role or --playbook may take, each kind under its own word. */
export function knownSelection(run: PreparedRun): string {
  const roles = run.result.cookbooks.filter((c) => !/\.ya?ml$/.test(c.source)).map((c) => roleName(c));
  const playbooks = [
    ...new Set([
      ...run.result.policies.map((p) => p.source),
      ...run.result.cookbooks.filter((c) => /\.ya?ml$/.test(c.source)).map((c) => c.source),
    ]),
  ].sort();
  return `roles: ${roles.join(', ') || 'none'}; playbooks: ${playbooks.join(', ') || 'none'}`;
}
