// An input with nothing to convert at its root (no playbook, no role, no roles/ folder) is most
// often a folder that holds projects one level or more down: a repository whose Ansible lives in
// `ansible/`, or several playbook folders side by side. Those folders are found here so the run can
// name them instead of converting nothing in silence.
import { DiagnosticSink } from '../../base/diagnostics.js';
import { basename, type InputIndex } from './input.js';
import { LoadContext, YAML_EXT } from './load-context.js';
import { looksLikePlaybook } from './playbook-loader.js';
import { looksLikeRole } from './role-loader.js';

/** How deep below the root folders are looked at: deeper projects are rare and scanning costs parses. */
const MAX_DEPTH = 4;

/**
 * The shallowest folders below the root that hold a playbook, a roles/ folder or are a role, sorted.
 * Reads YAML with a sink of its own: files that are not part of any conversion report nothing.
 */
export function projectFoldersBelow(index: InputIndex, canonicalModule: (name: string) => string): string[] {
  const ctx = new LoadContext(index, new DiagnosticSink(), canonicalModule);
  const found: string[] = [];
  let level = index.list('').filter((p) => index.isDir(p));
  for (let depth = 1; depth <= MAX_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (basename(dir).startsWith('.')) continue;
      const children = index.list(dir);
      // What the project loader reads: playbooks at the top or under playbooks/, roles/, or a role.
      const playbookIn = (d: string) => index.list(d).some((f) => !index.isDir(f) && YAML_EXT.test(f) && looksLikePlaybook(ctx, f));
      const isProject = index.isDir(`${dir}/roles`) || looksLikeRole(ctx, dir) || playbookIn(dir) || playbookIn(`${dir}/playbooks`);
      if (isProject) found.push(dir);
      else next.push(...children.filter((c) => index.isDir(c)));
    }
    level = next;
  }
  return found.sort();
}
