// Which output paths a run may touch. A full run owns every output; `--role`/`--playbook` own only
// the selected cookbooks. Project-level outputs (CONVERSION.md, policyfiles/, nodes/ — which
// describe the whole project — and the support cookbook) are refreshed by a partial run only when
// every cookbook outside the selection is already as a full run would write it: then the project-level
// files of the full in-memory conversion describe exactly what is on disk, and a `check` passes.
// Otherwise they stay as they are (the run says so), except that a missing support cookbook is
// created (every cookbook depends on it) and `--playbook` renders its own Policyfiles. Frozen
// cookbooks are never touched; excluded ones are neither converted nor removed.
import { SUPPORT_COOKBOOK_NAME } from '../support-cookbook/files.js';
import type { Manifest } from './manifest.js';

export interface ScopeCookbook {
  name: string;
  source: string;
  depends: string[];
}

export interface ScopeRequest {
  cookbooks: ScopeCookbook[];
  policies: Array<{ name: string; source: string; cookbooks: string[] }>;
  previous: Manifest | undefined;
  /** Input hash per cookbook name for this run. */
  hashes: Map<string, string>;
  /** `--role` names (role or cookbook names); empty: no restriction. */
  roles: string[];
  /** `--playbook`, relative to the input root. */
  playbook?: string;
  include: string[];
  exclude: string[];
  frozen: string[];
  /** Skip cookbooks whose input hash matches the previous run (convert without --force). */
  skipUnchanged: boolean;
  /** Whether a file of this cookbook on disk differs from what was generated (edits are never skipped). */
  touched?: (cookbook: string) => boolean;
}

export interface OutputScope {
  /** Cookbooks this run renders and writes. */
  render: Set<string>;
  /** Selected cookbooks whose inputs did not change since the last run. */
  skipped: string[];
  frozen: string[];
  excluded: string[];
  /** Cookbooks generated before whose role left the input (removed when nobody edited them). */
  removed: string[];
  /** Set by --role/--playbook: project-level outputs are left as they are unless projectCurrent. */
  partial: boolean;
  /**
   * A partial run whose unselected cookbooks are all current (see outsideBehind): it refreshes the
   * project-level outputs as a full run would.
   */
  projectCurrent?: boolean;
  /** Policyfiles a --playbook run renders. */
  policyfiles: Set<string>;
  /** Requested roles or playbook that the conversion does not know (a usage error). */
  unknown: string[];
}

/** The role name a user types for a cookbook: the role directory's name, or the playbook file. */
export function roleName(c: { name: string; source: string }): string {
  return c.source.endsWith('.yml') || c.source.endsWith('.yaml') ? c.source : c.source.slice(c.source.lastIndexOf('/') + 1);
}

export function computeScope(req: ScopeRequest): OutputScope {
  const matches = (c: ScopeCookbook, names: string[]) => names.includes(c.name) || names.includes(roleName(c));
  const known = (n: string) => req.cookbooks.some((c) => matches(c, [n])) || req.previous?.roles[n] !== undefined;
  const unknown = req.roles.filter((n) => !known(n));
  const partial = req.roles.length > 0 || req.playbook !== undefined;
  const byName = new Map(req.cookbooks.map((c) => [c.name, c]));

  let selected = req.cookbooks.filter((c) => req.include.length === 0 || matches(c, req.include));
  const excluded = selected.filter((c) => matches(c, req.exclude)).map((c) => c.name);
  selected = selected.filter((c) => !excluded.includes(c.name));
  const policyfiles = new Set<string>();
  if (partial) {
    const wanted = new Set(req.cookbooks.filter((c) => matches(c, req.roles)).map((c) => c.name));
    if (req.playbook !== undefined) {
      const plays = req.policies.filter((p) => p.source === req.playbook);
      if (!plays.length && !req.cookbooks.some((c) => c.source === req.playbook)) unknown.push(req.playbook);
      for (const p of plays) {
        policyfiles.add(`policyfiles/${p.name}.rb`);
        for (const c of p.cookbooks) addWithDepends(c, byName, wanted);
      }
      for (const c of req.cookbooks) if (c.source === req.playbook) addWithDepends(c.name, byName, wanted);
    }
    selected = selected.filter((c) => wanted.has(c.name));
  }
  const frozen = selected.filter((c) => matches(c, req.frozen)).map((c) => c.name);
  selected = selected.filter((c) => !frozen.includes(c.name));
  const skipped = req.skipUnchanged
    ? selected.filter((c) => req.previous?.roles[c.name]?.inputHash === req.hashes.get(c.name) && !req.touched?.(c.name)).map((c) => c.name)
    : [];
  const render = new Set(selected.map((c) => c.name).filter((n) => !skipped.includes(n)));
  const removed = partial
    ? []
    : Object.keys(req.previous?.roles ?? {}).filter((n) => !byName.has(n) && !req.frozen.includes(n) && !req.exclude.includes(n));
  return { render, skipped, frozen, excluded, removed, partial, policyfiles, unknown: [...new Set(unknown)] };
}

function addWithDepends(name: string, byName: Map<string, ScopeCookbook>, into: Set<string>): void {
  const c = byName.get(name);
  if (!c || into.has(name)) return;
  into.add(name);
  for (const d of c.depends) addWithDepends(d, byName, into);
}

/** The cookbook an output path belongs to (the support cookbook counts as project-level). */
export function cookbookOfPath(known: Set<string>): (path: string) => string | undefined {
  return (path) => {
    const first = path.slice(0, path.indexOf('/'));
    return first && first !== SUPPORT_COOKBOOK_NAME && known.has(first) ? first : undefined;
  };
}

/**
 * The files a run writes, and which previously generated paths it may remove.
 * `exists` tells whether an output path is on disk (for the support cookbook of a partial run).
 */
export function scopeFiles(
  files: Map<string, string | Uint8Array>,
  scope: OutputScope,
  cookbookOf: (path: string) => string | undefined,
  exists: (path: string) => boolean,
): { files: Map<string, string | Uint8Array>; removable: (path: string) => boolean } {
  const out = new Map<string, string | Uint8Array>();
  for (const [p, c] of files) {
    const book = cookbookOf(p);
    const take =
      book !== undefined
        ? scope.render.has(book)
        : !scope.partial ||
          scope.projectCurrent === true ||
          scope.policyfiles.has(p) ||
          (p.startsWith(SUPPORT_COOKBOOK_NAME + '/') && !exists(p));
    if (take) out.set(p, c);
  }
  const removable = (p: string) => {
    const book = cookbookOf(p);
    if (book !== undefined) return scope.render.has(book) || scope.removed.includes(book);
    return !scope.partial || scope.projectCurrent === true;
  };
  return { files: out, removable };
}

/**
 * The cookbooks a full run would render that this partial run does not, and whose conversion now
 * differs from what the last run generated (by the manifest's hashes), plus the cookbooks a full run
 * would remove. Empty: the output outside the selection is current, so the project-level files may
 * be refreshed. Compared by output, not by input hash: a change to a role another one depends on
 * changes the dependant's input hash but often not one byte of its cookbook.
 */
export function outsideBehind(
  files: Map<string, string | Uint8Array>,
  full: OutputScope,
  partial: OutputScope,
  previous: Manifest | undefined,
  hash: (content: string | Uint8Array) => string,
): string[] {
  if (!previous) return [...full.render].filter((n) => !partial.render.has(n)).sort();
  const generated = (name: string) => {
    const out = new Map<string, string>();
    for (const [p, h] of Object.entries(previous.files)) if (p.startsWith(name + '/')) out.set(p, h);
    return out;
  };
  const fresh = new Map<string, Map<string, string>>();
  for (const [p, c] of files) {
    const name = p.slice(0, p.indexOf('/'));
    if (!full.render.has(name) || partial.render.has(name)) continue;
    if (!fresh.has(name)) fresh.set(name, new Map());
    fresh.get(name)!.set(p, hash(c));
  }
  const behind = [...full.render].filter((name) => {
    if (partial.render.has(name)) return false;
    const now = fresh.get(name) ?? new Map<string, string>();
    const was = generated(name);
    return now.size !== was.size || [...now].some(([p, h]) => was.get(p) !== h);
  });
  return [...behind, ...full.removed].sort();
}
