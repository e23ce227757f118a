// The manifest (.ansible2chef/manifest.json) records what ansible2chef generated: each file's sha256,
// so a file whose bytes no longer match was edited by a person and is never overwritten or removed
// without --force; each cookbook's input hash, so a re-run skips roles whose inputs did not change;
// and each cookbook's TODOs and IPv6/TLS findings, so a report can say what is new.
// It is written last, after every file, and holds nothing that varies between identical runs.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MANIFEST_PATH = '.ansible2chef/manifest.json';
/** Hashes of the files a run is about to write; lets the next run recognise them after a kill. */
export const PENDING_PATH = '.ansible2chef/pending.json';

/** A diagnostic as the manifest remembers it: line numbers are kept for reading, not for identity. */
export interface NoteRecord {
  code: string;
  at: string;
  message: string;
}

export interface RoleRecord {
  /** The role directory (or playbook file) the cookbook was made from, relative to the input root. */
  source: string;
  inputHash: string;
  todos: NoteRecord[];
  findings: NoteRecord[];
}

/**
 * The output-changing options of the last convert that did not come from the config (flags, or
 * carried over from the manifest before). Every command reads them after its flags and the config,
 * so `convert --ipv6-only` then `check` compares with an --ipv6-only conversion. Only values that
 * differ from the defaults are kept; mapping directories are relative to the output directory.
 */
export interface RecordedOptions {
  namespace?: string;
  ipv6Only?: boolean;
  tlsPolicy?: 'strict';
  groups?: 'search';
  mappings?: string[];
}

export interface Manifest {
  tool: string;
  version: number;
  toolVersion?: string;
  files: Record<string, string>;
  /** By cookbook name. */
  roles: Record<string, RoleRecord>;
  /** TODOs and findings outside any role (playbooks, inventory, group_vars). */
  project: { todos: NoteRecord[]; findings: NoteRecord[] };
  /** Absent when the last convert used the defaults and the config only. */
  options?: RecordedOptions;
}

export function sha256(content: string | Uint8Array): string {
  // A string is hashed as its UTF-8 bytes without a Buffer copy of it: the run hashes every output
  // file, and each copy stayed in memory until the next collection.
  return typeof content === 'string'
    ? createHash('sha256').update(content, 'utf8').digest('hex')
    : createHash('sha256').update(content).digest('hex');
}

export function emptyManifest(toolVersion?: string): Manifest {
  return {
    tool: 'ansible2chef',
    version: 2,
    ...(toolVersion ? { toolVersion } : {}),
    files: {},
    roles: {},
    project: { todos: [], findings: [] },
  };
}

/** The manifest of an output directory; version 1 manifests (files only) are read as version 2. */
export function readManifest(outDir: string): Manifest | undefined {
  const m = readJson(join(outDir, ...MANIFEST_PATH.split('/'))) as Partial<Manifest> | undefined;
  if (!m || typeof m.files !== 'object' || m.files === null) return undefined;
  return {
    ...emptyManifest(m.toolVersion),
    files: m.files,
    roles: m.roles ?? {},
    ...(m.project ? { project: m.project } : {}),
    ...(m.options && typeof m.options === 'object' ? { options: recordedOptions(m.options as Record<string, unknown>) } : {}),
  };
}

/** Only the well-formed entries of a recorded `options` object (a hand-edited manifest may hold anything). */
function recordedOptions(o: Record<string, unknown>): RecordedOptions {
  return {
    ...(typeof o['namespace'] === 'string' && o['namespace'] !== '' ? { namespace: o['namespace'] } : {}),
    ...(o['ipv6Only'] === true ? { ipv6Only: true } : {}),
    ...(o['tlsPolicy'] === 'strict' ? { tlsPolicy: 'strict' as const } : {}),
    ...(o['groups'] === 'search' ? { groups: 'search' as const } : {}),
    ...(Array.isArray(o['mappings']) && o['mappings'].every((d) => typeof d === 'string' && d !== '')
      ? { mappings: o['mappings'] as string[] }
      : {}),
  };
}

export function readPending(outDir: string): Record<string, string> {
  const p = readJson(join(outDir, ...PENDING_PATH.split('/'))) as { files?: Record<string, string> } | undefined;
  return p?.files ?? {};
}

function readJson(p: string): unknown {
  if (!existsSync(p)) return undefined;
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    /* a broken manifest counts as none: every existing file is then treated as hand-written */
    return undefined;
  }
}

/** Deterministic text: keys sorted, so identical runs write identical manifests. */
export function manifestText(m: Manifest): string {
  const sorted = <T>(r: Record<string, T>) =>
    Object.fromEntries(
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k]!]),
    );
  const { options, ...rest } = m;
  const recorded = options && Object.keys(options).length ? { options } : {};
  return JSON.stringify({ ...rest, files: sorted(m.files), roles: sorted(m.roles), ...recorded }, null, 2) + '\n';
}

/** Path -> sha256 of a set of output files. */
export function fileHashes(files: Map<string, string | Uint8Array>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of [...files.keys()].sort()) out[p] = sha256(files.get(p)!);
  return out;
}
