// Per-cookbook records for the manifest: the input hash that decides whether a re-run may skip the
// role, and the TODOs and IPv6/TLS findings that a report compares with the previous run.
import type { InputTree } from '../load/ansible/input.js';
import type { Cookbook } from '../ir/chef-ir.js';
import { type Diagnostic, formatSpan } from '../base/diagnostics.js';
import { emptyManifest, fileHashes, type Manifest, type NoteRecord, type RoleRecord, sha256 } from './manifest.js';

/** Everything besides the input files that shapes a cookbook. */
export interface HashContext {
  toolVersion: string;
  /** Mapping tables (built-in mappings/ and extra mapping dirs), by a stable name. */
  mappings: Map<string, Uint8Array>;
  /** Conversion options that change output (namespace, cookbook names, ipv6-only, tls-policy). */
  options: unknown;
}

const TODO = /^A2C-TODO-/;
const FINDING = /^A2C-(IPV6|TLS)-/;

export function isTodo(d: Diagnostic): boolean {
  return TODO.test(d.code);
}

export function isFinding(d: Diagnostic): boolean {
  return FINDING.test(d.code);
}

/** True when an input path belongs to the cookbook made from `source` (a role dir or a playbook file). */
export function ownsInput(source: string, file: string): boolean {
  // Source '.' is a single-role input: the whole input is the role.
  return source === '.' || file === source || file.startsWith(source + '/');
}

/**
 * Groups items by the cookbook source that owns their path (as ownsInput decides), in one pass: each
 * path is looked up by itself and by each of its parent directories, instead of testing every source.
 */
function groupByOwner<T>(sources: string[], items: T[], pathOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>(sources.map((s) => [s, []]));
  for (const item of items) {
    const path = pathOf(item);
    if (path === undefined) continue;
    // Ends at -1; from 0 (an absolute path's leading slash, owned by source '') it must not search again.
    for (let end = path.length; end >= 0; end = end === 0 ? -1 : path.lastIndexOf('/', end - 1)) groups.get(path.slice(0, end))?.push(item);
  }
  return groups;
}

export function noteRecord(d: Diagnostic): NoteRecord {
  return { code: d.code, at: formatSpan(d.span), message: d.message };
}

/**
 * A cookbook's input hash covers its own files, the hashes of the cookbooks it depends on, every input
 * file that belongs to no cookbook (playbooks, inventory, group_vars: they decide variable ownership
 * and precedence), the mapping tables, the options and the tool version. Conservative on purpose: a
 * skipped role must be one whose output cannot have changed.
 */
export function inputHashes(tree: InputTree, cookbooks: Cookbook[], ctx: HashContext): Map<string, string> {
  const paths = [...tree.files.keys()].sort();
  const roleCookbooks = cookbooks.filter((c) => !c.source.endsWith('.yml') && !c.source.endsWith('.yaml'));
  const roleOwned = groupByOwner(
    roleCookbooks.map((c) => c.source),
    paths,
    (p) => p,
  );
  const owned = new Set([...roleOwned.values()].flat());
  const shared = paths.filter((p) => !owned.has(p));
  const common = sha256(
    JSON.stringify({
      tool: ctx.toolVersion,
      options: ctx.options,
      mappings: [...ctx.mappings.keys()].sort().map((k) => [k, sha256(ctx.mappings.get(k)!)]),
      shared: shared.map((p) => [p, sha256(tree.files.get(p)!)]),
    }),
  );
  const byOwner = groupByOwner(
    cookbooks.map((c) => c.source),
    paths,
    (p) => p,
  );
  const own = new Map<string, string>();
  for (const c of cookbooks) {
    const mine = byOwner.get(c.source)!.map((p) => [p, sha256(tree.files.get(p)!)]);
    own.set(c.name, sha256(JSON.stringify({ common, source: c.source, files: mine })));
  }
  const byName = new Map(cookbooks.map((c) => [c.name, c]));
  const out = new Map<string, string>();
  for (const c of cookbooks) {
    const deps = closure(c, byName).map((n) => [n, own.get(n)!]);
    out.set(c.name, sha256(JSON.stringify({ own: own.get(c.name), deps })));
  }
  return out;
}

/** Names of the converted cookbooks `c` depends on, directly or not, sorted. */
function closure(c: Cookbook, byName: Map<string, Cookbook>): string[] {
  const seen = new Set<string>();
  const stack = [...c.depends];
  while (stack.length) {
    const n = stack.pop()!;
    const dep = byName.get(n);
    if (!dep || seen.has(n) || n === c.name) continue;
    seen.add(n);
    stack.push(...dep.depends);
  }
  return [...seen].sort();
}

/** Records for every cookbook of a conversion, and the notes that belong to no cookbook. */
export function roleRecords(
  tree: InputTree,
  cookbooks: Cookbook[],
  diagnostics: Diagnostic[],
  ctx: HashContext,
): Pick<Manifest, 'roles' | 'project'> {
  const hashes = inputHashes(tree, cookbooks, ctx);
  const roles: Record<string, RoleRecord> = {};
  const claimed = new Set<Diagnostic>();
  const byOwner = groupByOwner(
    cookbooks.map((c) => c.source),
    diagnostics,
    (d) => d.span?.file,
  );
  for (const c of cookbooks) {
    const mine = byOwner.get(c.source)!;
    mine.forEach((d) => claimed.add(d));
    roles[c.name] = {
      source: c.source,
      inputHash: hashes.get(c.name)!,
      todos: mine.filter(isTodo).map(noteRecord),
      findings: mine.filter(isFinding).map(noteRecord),
    };
  }
  const rest = diagnostics.filter((d) => !claimed.has(d));
  return { roles, project: { todos: rest.filter(isTodo).map(noteRecord), findings: rest.filter(isFinding).map(noteRecord) } };
}

/** The manifest a complete, unobstructed run writes for a conversion. */
export function freshManifest(
  files: Map<string, string | Uint8Array>,
  records: Pick<Manifest, 'roles' | 'project'>,
  toolVersion: string,
): Manifest {
  return { ...emptyManifest(toolVersion), files: fileHashes(files), roles: records.roles, project: records.project };
}
