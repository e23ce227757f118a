// A stat of one of the role's own vars files, run on the Ansible controller, that an include_vars
// of the same file is conditioned on:
//
//   - stat: { path: "{{ role_path }}/vars/os_family/{{ ansible_os_family | lower }}.yml" }
//     register: family_vars
//     delegate_to: localhost
//   - include_vars: "{{ role_path }}/vars/os_family/{{ ansible_os_family | lower }}.yml"
//     when: family_vars.stat.exists
//
// The stat reads the controller's copy of the role, which is the converter's input: which of its
// files exist is known when converting, and the name depends on facts only. So the pair is "load
// the file if it exists", first_found with skip over that one candidate, decided in the attribute
// file as include_vars of a file named from facts is. The stat itself then does nothing a node
// could do; its result is readable only as that include_vars condition (every other read stays a
// TODO saying so: mode, checksum... of the controller's copy are not the cookbook's).
import type { Role, Task, TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import { argOf } from '../load/ansible/task-args.js';
import { parseExpression, parseString } from '../load/jinja/index.js';
import type { Expr } from '../load/jinja/ast.js';
import { failed, type Result, Untranslatable } from '../base/failure.js';
import { staticBool, staticString } from './values.js';
import { candidatePattern, neverMatches } from './candidate-shape.js';
import type { InputIndex } from '../load/ansible/input.js';

const STAT = 'ansible.builtin.stat';
/** Ansible's names for the controller (implicit localhost). */
const CONTROLLER: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1']);
/** `{{ role_path }}/vars/<rest>`: the rest is a file name under the role's vars folder, possibly templated. */
const ROLE_VARS = /^\{\{\s*role_path\s*\}\}\/(vars\/[\s\S]+)$/;
/** Keywords that change nothing about whether the file exists (become: false only: see below). */
const KEYWORDS: ReadonlySet<string> = new Set(['name', 'register', 'delegate_to', 'become', 'tags', 'no_log', 'check_mode']);
/** The path argument (and its aliases), and options that only add keys to the result. */
const PATH_ARGS = ['path', 'dest', 'name'];
const ARGS: ReadonlySet<string> = new Set([...PATH_ARGS, 'get_checksum', 'get_md5', 'get_mime', 'get_attributes']);

/** A controller-side stat of a file under the role's vars folder. */
export interface ControllerStat {
  register: string;
  /** The path after `{{ role_path }}/`, as written (`vars/...`, may hold `{{ facts }}`). */
  file: string;
}

const refuse = (why: string, node: YNode) =>
  new Untranslatable('A2C-TODO-PUSH-MODEL', `delegate_to: a stat of the role's own file on the Ansible controller: ${why}`, node.span);

/**
 * The task as a stat of `{{ role_path }}/vars/...` on the controller, or why it is not converted;
 * undefined when it is no stat delegated to the controller of such a path (other rules apply).
 */
export function controllerVarsStat(task: Task): Result<ControllerStat> | undefined {
  if (task.module !== STAT) return undefined;
  const dt = staticString(task.keywords.get('delegate_to'));
  if (dt === undefined || !CONTROLLER.has(dt.trim())) return undefined;
  const pathNode = argOf(task, ...PATH_ARGS);
  const text = pathNode?.kind === 'scalar' && typeof pathNode.value === 'string' && !pathNode.unsafe ? pathNode.value : undefined;
  const m = text === undefined ? null : ROLE_VARS.exec(text);
  if (!m || !parseString(m[1]!).ok) return undefined;
  for (const [k, v] of task.keywords) {
    if (!KEYWORDS.has(k)) return refuse(`with ${k} it is not converted`, v);
    // With become, Ansible would run it through sudo on the controller (which may fail there).
    if (k === 'become' && staticBool(v) !== false) return refuse('become on the controller is not converted', v);
  }
  for (const a of task.args) if (!ARGS.has(a.key)) return refuse(`argument ${a.key} is not converted`, a.value);
  const register = staticString(task.keywords.get('register'));
  if (register === undefined) return refuse('it registers nothing', task.keywords.get('delegate_to')!);
  return { register, file: m[1]! };
}

/** Why a read of the registered result other than the include_vars condition is not converted. */
export function controllerStatRead(name: string): string {
  return `'${name}' is the result of a stat on the Ansible controller of the role's own vars file: only \`${name}.stat.exists\` as the condition of an include_vars of that same file is converted (the converter decides it from the role's files)`;
}

/** `r.stat.exists` (or with subscripts): r; undefined for any other expression. */
function statExistsOf(e: Expr): string | undefined {
  const key = (x: Expr): [Expr, string] | undefined =>
    x.kind === 'getattr'
      ? [x.node, x.attr]
      : x.kind === 'getitem' && x.arg.kind === 'const' && typeof x.arg.value === 'string'
        ? [x.node, x.arg.value]
        : undefined;
  const outer = key(e);
  const inner = outer?.[1] === 'exists' ? key(outer[0]) : undefined;
  return inner?.[1] === 'stat' && inner[0].kind === 'name' ? inner[0].name : undefined;
}

/** A parsed Jinja tree without its positions (two spellings of one template compare equal). */
function shape(tree: unknown): string {
  return JSON.stringify(tree, (k, v) => (k === 'pos' ? undefined : v));
}

/** Every task of the items, blocks opened, with whether it sits at the top level. */
function everyTask(items: readonly TaskItem[], top = true): Array<{ task: Task; top: boolean }> {
  return items.flatMap((i) => (i.kind === 'block' ? everyTask([...i.block, ...i.rescue, ...i.always], false) : [{ task: i, top }]));
}

/**
 * The include_vars task's `when: r.stat.exists`, where r is registered by a controller-side stat of
 * the very file the task loads (`{{ role_path }}/vars/...`): the file, as a first_found candidate
 * under the vars folder; undefined when the condition is not of that form; why not when it is but
 * the pair cannot be decided so.
 */
export function statGuardedFile(
  task: Task,
  file: YNode | undefined,
  role: Role | undefined,
  input: InputIndex,
): Result<string> | undefined {
  const when = task.keywords.get('when');
  const cond = when?.kind === 'seq' && when.items.length === 1 ? when.items[0] : when;
  if (cond?.kind !== 'scalar' || typeof cond.value !== 'string') return undefined;
  const parsed = parseExpression(cond.value);
  const name = parsed.ok ? statExistsOf(parsed.value) : undefined;
  if (name === undefined || !role) return undefined;
  const todo = (why: string) =>
    new Untranslatable('A2C-TODO-INCLUDE-VARS', `include_vars whose condition reads ${name}.stat.exists: ${why}`, cond.span);
  const setters = [...role.taskFiles.values(), ...role.handlerFiles.values()]
    .flatMap((items) => everyTask(items))
    .filter(
      ({ task: t }) =>
        staticString(t.keywords.get('register')) === name || t.args.some((a) => a.key === name && t.module.endsWith('set_fact')),
    );
  if (setters.length !== 1) return todo(`${setters.length ? 'several tasks' : 'no task of the role'} set ${name}`);
  const { task: stat, top } = setters[0]!;
  const ctl = controllerVarsStat(stat);
  if (!ctl || failed(ctl))
    return todo(`${name} is not registered by a stat on the controller of a file under {{ role_path }}/vars that converts`);
  // The stat must have run, unconditionally, before the include_vars: both at the top of one task file.
  const at = (items: readonly TaskItem[], t: Task) =>
    items.findIndex((i) => i.span.file === t.span.file && i.span.line === t.span.line && i.span.col === t.span.col);
  const sameFile = [...role.taskFiles.values()].find((items) => at(items, stat) >= 0);
  if (!top || !sameFile || at(sameFile, task) < at(sameFile, stat))
    return todo(`the stat registering ${name} (line ${stat.span.line}) is not an earlier top-level task of the same file`);
  // `{{ role_path }}/vars/x`, or the relative `x`, which include_vars looks for in the role's vars/ first.
  const written = file?.kind === 'scalar' && typeof file.value === 'string' && !file.unsafe ? file.value : undefined;
  const relative = written !== undefined && !/^\s*(\/|~|\{\{\s*role_path\b)/.test(written) && !written.split('/').includes('..');
  const text = written === undefined ? undefined : relative ? `vars/${written}` : ROLE_VARS.exec(written)?.[1];
  const a = text === undefined ? undefined : parseString(text);
  const b = parseString(ctl.file);
  if (!a?.ok || !b.ok || shape(a.value) !== shape(b.value))
    return todo(`the stat at line ${stat.span.line} looks at {{ role_path }}/${ctl.file}, not at the file this task loads`);
  // The cookbook decides among the vars files the loader read. Any other entry the name may fit
  // exists for the stat too: vars/main.yml (already loaded), a file that is no YAML, or a folder
  // (include_vars of a folder loads every file in it).
  const varsDir = `${role.dir ? `${role.dir}/` : ''}vars/`;
  const others = new Set<string>();
  for (const f of input.walk(varsDir.slice(0, -1))) {
    const rel = f.slice(varsDir.length);
    if (!role.varsFiles.has(rel)) others.add(rel);
    for (let d = rel; d.includes('/'); ) others.add((d = d.slice(0, d.lastIndexOf('/'))));
  }
  // Facts that name distributions never hold the ',' or ';' on which first_found splits a name.
  if (!candidatePattern(ctl.file)) return todo('its name reads more than the facts that name the distribution, its release or family');
  if (others.size && !neverMatches(ctl.file, [...others]))
    return todo(`the name it computes may be vars/main.yml, a folder or a file that is no vars file, which the stat finds too`);
  return ctl.file;
}
