// Role names in ansible2chef.toml checked against the input: a misspelt `[roles] include` would
// otherwise select nothing and the run would "succeed" with no cookbook written; a misspelt
// `[cookbook-names]` key would leave the role under its default name without a word.
import { diagnostic, type Diagnostic } from '../base/diagnostics.js';
import type { ProjectConfig } from './schema.js';
import { locateKey } from './load.js';

export interface KnownRoles {
  /** Names a roles list may use: role names and cookbook names (as `--role` accepts). */
  selectable: string[];
  /** Role names, the keys `[cookbook-names]` maps. */
  roles: string[];
}

/**
 * `include` names matching nothing are errors (the run converts less than asked); `exclude` and
 * `frozen` names are warnings (the role may simply have left the input); so are `[cookbook-names]`
 * keys naming no role. `file` is the config file as the user should see it, `text` its content.
 */
export function configRoleDiagnostics(config: ProjectConfig, file: string, text: string, known: KnownRoles): Diagnostic[] {
  const out: Diagnostic[] = [];
  const selectable = new Set(known.selectable);
  for (const list of ['include', 'exclude', 'frozen'] as const) {
    for (const name of config.roles[list].filter((n) => !selectable.has(n))) {
      // A role to convert that is not there stops the run; one to leave out or freeze changes nothing.
      const severity = list === 'include' ? 'error' : 'warning';
      out.push(
        diagnostic(
          'A2C-CONFIG-ROLE',
          `[roles] ${list} names '${name}', which is no role or cookbook of the input${suggest(name, known.selectable)}`,
          locateKey(text, file, `roles.${list}`),
          severity,
        ),
      );
    }
  }
  const roles = new Set(known.roles);
  for (const key of Object.keys(config.cookbookNames)
    .filter((k) => !roles.has(k))
    .sort()) {
    out.push(
      diagnostic(
        'A2C-CONFIG-ROLE',
        `[cookbook-names] key '${key}' names no role of the input, so it renames nothing${suggest(key, known.roles)}`,
        locateKey(text, file, `cookbook-names.${key}`),
      ),
    );
  }
  return out;
}

/** " (did you mean 'x'?)" for the closest name at most max(2, a third of its length) edits away (and fewer than its length), else "". */
function suggest(name: string, candidates: string[]): string {
  let best: string | undefined;
  let bestDist = Math.min(Math.max(2, Math.floor(name.length / 3)), name.length - 1) + 1;
  for (const c of [...new Set(candidates)].sort()) {
    const d = distance(name, c);
    if (d < bestDist) [best, bestDist] = [c, d];
  }
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

/** Edit distance counting a swap of two neighbours as one edit (the commonest typo). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
