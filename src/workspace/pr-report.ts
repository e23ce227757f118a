// The pull-request report (`--report markdown`): per cookbook, which files the conversion changes,
// which TODOs and IPv6/TLS findings are new or resolved compared with the previous run (as recorded
// in the manifest), and which hand-edited files are in the way. Markdown for a PR comment.
import type { Change } from './changes.js';
import type { Manifest, NoteRecord } from './manifest.js';

const PROJECT = '(project)';

export interface ReportInput {
  changes: Change[];
  previous: Manifest | undefined;
  next: Pick<Manifest, 'roles' | 'project'>;
  cookbookOf: (path: string) => string | undefined;
  /** Lines added/removed per changed text file (binary files are absent). */
  lineCounts: (c: Change) => { added: number; removed: number } | undefined;
  /** Heading: what the report is about (e.g. "would change" for check, "changed" for convert). */
  verb: string;
}

/** Line numbers move with every edit above them; a note is the same note if code, file and message agree. */
function identity(n: NoteRecord): string {
  return `${n.code}\u0000${n.at.replace(/:\d+:\d+$/, '')}\u0000${n.message}`;
}

function newNotes(before: NoteRecord[] | undefined, after: NoteRecord[] | undefined): NoteRecord[] {
  const had = new Set((before ?? []).map(identity));
  return (after ?? []).filter((n) => !had.has(identity(n)));
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function prReport(r: ReportInput): string {
  const groups = new Map<string, { changes: Change[]; todos: NoteRecord[]; resolved: NoteRecord[]; findings: NoteRecord[] }>();
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { changes: [], todos: [], resolved: [], findings: [] }));
    return g;
  };
  for (const c of r.changes) if (c.kind !== 'unchanged' && c.kind !== 'forget') group(r.cookbookOf(c.path) ?? PROJECT).changes.push(c);
  const notes = (name: string) => (name === PROJECT ? r.next.project : r.next.roles[name]);
  const before = (name: string) => (name === PROJECT ? r.previous?.project : r.previous?.roles[name]);
  for (const name of new Set([...Object.keys(r.next.roles), PROJECT])) {
    const now = notes(name);
    const was = before(name);
    const g = {
      todos: newNotes(was?.todos, now?.todos),
      resolved: newNotes(now?.todos, was?.todos),
      findings: newNotes(was?.findings, now?.findings),
    };
    if (g.todos.length || g.resolved.length || g.findings.length) Object.assign(group(name), g);
  }

  const all = [...groups.values()];
  const changed = all.flatMap((g) => g.changes).filter((c) => c.kind !== 'kept');
  const conflicts = changed.filter((c) => c.kind === 'conflict');
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const lines = ['## ansible2chef conversion report', ''];
  lines.push(
    `${count(changed.length, 'file')} ${r.verb} in ${count(all.filter((g) => g.changes.some((c) => c.kind !== 'kept')).length, 'cookbook')}` +
      ` · ${count(
        sum(all, (g) => g.todos.length),
        'new TODO',
      )} · ${count(
        sum(all, (g) => g.resolved.length),
        'resolved TODO',
      )}` +
      ` · ${count(
        sum(all, (g) => g.findings.length),
        'new IPv6/TLS finding',
      )}` +
      (conflicts.length ? ` · **${count(conflicts.length, 'hand-edited file')} in the way**` : ''),
    '',
  );
  if (!groups.size) {
    lines.push('Nothing changes: the cookbooks match a fresh conversion.');
    return lines.join('\n') + '\n';
  }
  for (const name of [...groups.keys()].sort((a, b) => (a === PROJECT ? 1 : b === PROJECT ? -1 : a < b ? -1 : 1))) {
    const g = groups.get(name)!;
    lines.push(`### ${name === PROJECT ? 'Project-level outputs' : `\`${name}\``}`, '');
    if (g.changes.length) {
      lines.push('| file | change |', '|---|---|');
      for (const c of g.changes.sort((a, b) => (a.path < b.path ? -1 : 1)))
        lines.push(`| \`${cell(c.path)}\` | ${describe(c, r.lineCounts(c))} |`);
      lines.push('');
    }
    const list = (title: string, ns: NoteRecord[]) => {
      if (!ns.length) return;
      lines.push(`${title}:`, '');
      for (const n of ns) lines.push(`- \`${n.code}\` ${cell(n.at)}: ${cell(n.message)}`);
      lines.push('');
    };
    list('New TODOs', g.todos);
    list('Resolved TODOs', g.resolved);
    list('New IPv6/TLS findings', g.findings);
  }
  return lines.join('\n').trimEnd() + '\n';
}

function describe(c: Change, counts: { added: number; removed: number } | undefined): string {
  const delta = counts ? ` (+${counts.added} −${counts.removed})` : '';
  switch (c.kind) {
    case 'create':
      return `added${delta}`;
    case 'update':
      return `changed${delta}`;
    case 'remove':
      return 'removed';
    case 'conflict':
      return `**edited by hand**, not overwritten: ${c.reason ?? ''}`;
    case 'kept':
      return `kept: ${c.reason ?? ''}`;
    default:
      return c.kind;
  }
}

function sum<T>(xs: T[], f: (x: T) => number): number {
  return xs.reduce((n, x) => n + f(x), 0);
}
