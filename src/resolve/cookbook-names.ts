// The cookbook name each role becomes: resolved before translation because attribute paths (and so
// the audit's findings) are keyed by it.
import type { DiagnosticSink } from '../diagnostics.js';
import type { Project } from '../ansible/model.js';
import { reservedBy, unreservedName } from '../chef/reserved-names.js';

/** Chef cookbook names: lower-case letters, digits and underscores. */
export function cookbookName(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return s || 'cookbook';
}

function reservedNamesAvoided(project: Project, sink: DiagnosticSink, named: (role: string) => string, explicit: Record<string, string>): (role: string) => string {
  for (const [role, def] of [...project.roles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const name = named(role);
    const taken = reservedBy(name);
    if (!taken) continue;
    const instead = unreservedName(name);
    const where = def.dir || '.';
    if (explicit[role] !== undefined) sink.error('A2C-RESERVED-NAME', `[cookbook-names] maps role ${role} (${where}) to '${name}', the name of ${taken} in the output; it becomes cookbook '${instead}'`);
    else sink.warning('A2C-RESERVED-NAME', `role ${role} (${where}) would become cookbook '${name}', the name of ${taken} in the output; it becomes cookbook '${instead}' (choose another in [cookbook-names])`);
  }
  return (role) => {
    const name = named(role);
    return reservedBy(name) ? unreservedName(name) : name;
  };
}

/** Role name -> cookbook name, with `[cookbook-names]` overrides; reserved output names are reported to `sink`. */
export function projectCookbookNames(project: Project, sink: DiagnosticSink, cookbookNames: Record<string, string> = {}): (role: string) => string {
  return reservedNamesAvoided(project, sink, (role: string) => cookbookNames[role] ?? cookbookName(role.split('/').pop()!.split('.').pop()!), cookbookNames);
}
