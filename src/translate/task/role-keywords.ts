// Keywords on a role reference (a play's `roles:` entry, a meta dependency): Ansible applies them
// to every task and handler of the role, and of the roles it depends on — `when` ANDed before the
// task's own condition, the others (become_user, environment, no_log, delegate_to, ...) where the
// task does not set its own. One cookbook serves every use of a role, so they are handed down to
// its tasks only when every use of the role agrees on them; each task then converts them as it
// would its own keywords (a guard, `sensitive`, `user`, or a TODO). Uses that disagree are reported.
import { argOf } from '../../load/ansible/task-args.js';
import type { DiagnosticSink, Span } from '../../base/diagnostics.js';
import type { Project, Role, RoleRef, TaskItem } from '../../load/ansible/model.js';
import { toPlain, type YNode } from '../../load/ansible/yaml.js';
import { asList, scalarString } from '../../load/ansible/yaccess.js';
import { noResourceEffect } from './keyword-policy.js';
import { staticBool } from '../values.js';
import { runsForReal } from './check-mode.js';
import { allTaskItems } from '../../resolve/project-symbols.js';
import { hidesValues, redactedSource } from '../../load/ansible/redact.js';
import { ROLE_INCLUDES, TASK_FILE_INCLUDES } from '../../base/include-modules.js';

/** What the uses of a role hand down to its tasks. */
export interface RoleContext {
  /** Conditions, outermost reference first. */
  when: YNode[];
  /** The other keywords; a dependency's own value wins over its parent's. */
  keywords: Map<string, YNode>;
  /** Where each keyword was written, for diagnostics. */
  origins: Array<{ key: string; span: Span }>;
}

const EMPTY: RoleContext = { when: [], keywords: new Map(), origins: [] };

const IMPORT_ROLE = 'ansible.builtin.import_role';

/** Keys that are not handed down: what names the role, and the galaxy keys of a dependency. */
const NOT_INHERITED: ReadonlySet<string> = new Set(['role', 'name', 'vars', 'when', 'src', 'version', 'scm']);

/** At most this many different contexts are followed per role (a guard against a dependency explosion). */
const MAX_CONTEXTS = 32;

/** A keyword that changes nothing in Chef (tags, `check_mode: false`, `become: true`...) is not a difference. */
export function keywordHasEffect(key: string, node: YNode): boolean {
  if (noResourceEffect(key)) return false;
  if (key === 'become' && staticBool(node) !== false) return false;
  if (key === 'check_mode' && runsForReal(node)) return false;
  return true;
}

function extend(parent: RoleContext, ref: RoleRef, sink: DiagnosticSink): RoleContext {
  const when = [...parent.when];
  const keywords = new Map(parent.keywords);
  const origins = [...parent.origins];
  for (const [k, node] of ref.keywords) {
    if (k === 'tags' && asList(node).some((t) => scalarString(t) === 'never')) {
      sink.warning(
        'A2C-TODO-ROLE-KEYWORD',
        `tags: never: Ansible runs role ${ref.name} here only when --tags names it; Chef runs every recipe of the run list`,
        node.span,
      );
    }
    if (k === 'when') {
      when.push(...asList(node));
      origins.push({ key: k, span: node.span });
    } else if (!NOT_INHERITED.has(k)) {
      // Handed down even when it changes nothing in Chef, so the cookbook README lists it as a task's would.
      keywords.set(k, node);
      if (keywordHasEffect(k, node)) origins.push({ key: k, span: node.span });
    }
  }
  return { when, keywords, origins };
}

/** What tells two uses apart: the conditions and the keywords that change something in Chef. */
function contextKey(c: RoleContext): string {
  const kw = [...c.keywords].filter(([k, n]) => keywordHasEffect(k, n)).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([c.when.map((n) => toPlain(n)), kw.map(([k, n]) => [k, toPlain(n)])]);
}

function isEmpty(c: RoleContext): boolean {
  return c.when.length === 0 && c.keywords.size === 0;
}

export interface RoleContexts {
  /** The context every use of a role agrees on, for roles that have one. */
  agreed: Map<string, RoleContext>;
  /** For the cookbook README of a role whose uses disagree: what was not applied, and where. */
  notes: Map<string, string[]>;
}

/**
 * The context every use of each role agrees on (roles used with none, or with contexts that
 * disagree, get none). A disagreement is a warning at each keyword that is therefore not applied.
 */
export function roleContexts(project: Project, sink: DiagnosticSink): RoleContexts {
  const seen = new Map<string, Map<string, RoleContext>>();
  const queue: Array<[string, RoleContext]> = [];
  const use = (role: string, c: RoleContext) => {
    if (!project.roles.has(role)) return;
    const known = seen.get(role) ?? new Map<string, RoleContext>();
    seen.set(role, known);
    const key = contextKey(c);
    if (known.has(key) || known.size >= MAX_CONTEXTS) return;
    known.set(key, c);
    queue.push([role, c]);
  };
  for (const book of project.playbooks)
    for (const play of book.plays) for (const ref of play.roles) use(ref.name, extend(EMPTY, ref, sink));
  // include_role: the including task's keywords apply at the include, not inside the role. import_role
  // is static: Ansible gives its keywords to every task of the role, as a play's roles: entry does
  // (its `when` guards the include_recipe it becomes).
  const walk = (item: TaskItem): void => {
    if (item.kind === 'block') return [...item.block, ...item.rescue, ...item.always].forEach(walk);
    if (!ROLE_INCLUDES.has(item.module)) return;
    const name = scalarString(argOf(item, 'name'));
    if (name === undefined) return;
    if (item.module !== IMPORT_ROLE) return use(name, EMPTY);
    const keywords = new Map([...item.keywords].filter(([k]) => k !== 'when'));
    use(name, extend(EMPTY, { name, params: [], entryVars: [], span: item.span, keywords }, sink));
  };
  allTaskItems(project).forEach(walk);
  // A role nothing refers to is converted on its own: its own run is a use without keywords.
  const referenced = new Set([...seen.keys(), ...[...project.roles.values()].flatMap((r) => r.dependencies.map((d) => d.name))]);
  for (const name of project.roles.keys()) if (!referenced.has(name)) use(name, EMPTY);
  for (let i = 0; i < queue.length; i++) {
    const [name, c] = queue[i]!;
    for (const dep of project.roles.get(name)!.dependencies) use(dep.name, extend(c, dep, sink));
  }

  const out: RoleContexts = { agreed: new Map(), notes: new Map() };
  for (const [name, contexts] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const all = [...contexts.values()];
    if (all.length === 1) {
      if (!isEmpty(all[0]!)) out.agreed.set(name, all[0]!);
      continue;
    }
    const notes = new Set<string>();
    for (const c of all) {
      for (const o of c.origins) {
        sink.warning(
          'A2C-TODO-ROLE-KEYWORD',
          `${o.key} is not applied to role ${name}: the role is also used with other keywords or none, and its one cookbook cannot carry both; guard or configure its tasks by hand`,
          o.span,
        );
        notes.add(
          `TODO: ${o.key} at ${o.span.file}:${o.span.line} is not applied to this cookbook's tasks: the role is used with different keywords elsewhere`,
        );
      }
    }
    out.notes.set(name, [...notes]);
  }
  return out;
}

/** The role with the context's keywords handed down to every task and handler. */
export function withRoleContext(role: Role, c: RoleContext | undefined): Role {
  if (!c) return role;
  // A TODO shows the task as written: this line says what else applies to it (names, not values).
  const note = c.origins.length
    ? `\n# and, from the uses of role ${role.name}: ${c.origins.map((o) => `${o.key} (${o.span.file}:${o.span.line})`).join(', ')}`
    : '';
  const files = (m: Map<string, TaskItem[]>) => new Map([...m].map(([f, items]) => [f, handDown(items, c.when, c.keywords, note)]));
  return { ...role, taskFiles: files(role.taskFiles), handlerFiles: files(role.handlerFiles) };
}

function handDown(items: TaskItem[], when: YNode[], keywords: Map<string, YNode>, note: string): TaskItem[] {
  return items.map((item): TaskItem => {
    const source = { text: `${hidden(item, keywords) ? redactedSource(item.node) : item.source.text}${note}` };
    if (item.kind === 'block') {
      // The block's own value wins over the role's for its tasks (the block passes it on, or reports it).
      const inner = new Map([...keywords].filter(([k]) => !item.keywords.has(k)));
      return {
        ...item,
        source,
        block: handDown(item.block, when, inner, note),
        rescue: handDown(item.rescue, when, inner, note),
        always: handDown(item.always, when, inner, note),
      };
    }
    // A task-file include: the included tasks get the keywords themselves, so the include does not.
    if (TASK_FILE_INCLUDES.has(item.module)) return item;
    const kw = new Map(item.keywords);
    for (const [k, node] of keywords) if (!kw.has(k)) kw.set(k, node);
    if (when.length) {
      const own = item.keywords.get('when');
      const all = [...when, ...asList(own)];
      kw.set('when', { kind: 'seq', items: all, span: (own ?? all[0]!).span });
    }
    return { ...item, keywords: kw, source };
  });
}

/** A role's no_log hides the values of a task that does not set its own, in its TODO text too. */
function hidden(item: TaskItem, keywords: Map<string, YNode>): boolean {
  return !item.keywords.has('no_log') && hidesValues(keywords.get('no_log'));
}
