// Task and play keywords Ansible 2.14 accepts (mappings/keywords.toml, checked against
// ansible.playbook.task / block / play attributes by test/mapping/keyword-table.test.ts).
// A task key that is none of these is its module.
import { keywordsOn } from './keyword-table.js';

/** Task and handler keywords (handlers are read by the same loader as tasks). */
export const TASK_KEYWORDS: ReadonlySet<string> = keywordsOn(['task', 'handler']);

/**
 * What the loader accepts next to `block:`: the block keywords only. Ansible 2.14 refuses the whole
 * playbook for a task-only keyword there (loop, with_*, register, changed_when, until...: "'loop' is
 * not a valid attribute for a Block").
 */
export const BLOCK_KEYWORDS: ReadonlySet<string> = keywordsOn(['block']);

export const PLAY_KEYWORDS: ReadonlySet<string> = keywordsOn(['play']);

/** `with_<lookup>` loops are keywords too. */
export function isTaskKeyword(key: string): boolean {
  return TASK_KEYWORDS.has(key) || key.startsWith('with_');
}

/** Modules whose free-form text is the command itself; only these k=v keys are extracted from it. */
export const RAW_PARAM_MODULES: ReadonlySet<string> = new Set([
  'ansible.builtin.command',
  'ansible.builtin.shell',
  'ansible.builtin.script',
  'ansible.builtin.raw',
  'ansible.builtin.include_tasks',
  'ansible.builtin.import_tasks',
  'ansible.builtin.include_vars',
  'ansible.builtin.include_role',
  'ansible.builtin.import_role',
  'ansible.builtin.meta',
  'ansible.builtin.set_fact',
  'ansible.builtin.add_host',
  'ansible.builtin.group_by',
  'ansible.builtin.import_playbook',
]);

/**
 * Raw-param modules whose string form Ansible still splits into k=v pairs (parse_kv without
 * check_raw: only the command-like modules keep `k=v` in the command line), so
 * `include_role: name=x` has a `name` argument.
 */
export const KV_SPLIT_RAW_MODULES: ReadonlySet<string> = new Set([
  'ansible.builtin.include_role',
  'ansible.builtin.import_role',
  'ansible.builtin.set_fact',
]);

/** Keys Ansible extracts from a raw command line (ansible.parsing.splitter.parse_kv check_raw). */
export const RAW_EXTRACTED_KEYS: ReadonlySet<string> = new Set([
  'creates',
  'removes',
  'chdir',
  'executable',
  'warn',
  'stdin',
  'stdin_add_newline',
  'strip_empty_ends',
]);

/**
 * The keywords Ansible 2.14 accepts on include_tasks and include_role (TaskInclude
 * VALID_INCLUDE_KEYWORDS; `with_*` loops are read as its loop_with). Any other keyword there, even
 * `become: false`, makes Ansible refuse the task file ("'check_mode' is not a valid attribute for a
 * TaskInclude"); import_tasks and import_role take every task keyword.
 */
export const INCLUDE_KEYWORDS: ReadonlySet<string> = new Set([
  'action',
  'args',
  'collections',
  'debugger',
  'ignore_errors',
  'loop',
  'loop_control',
  'name',
  'no_log',
  'register',
  'run_once',
  'tags',
  'timeout',
  'vars',
  'when',
]);

/** A handler's include also takes listen (HandlerTaskInclude). */
export const HANDLER_INCLUDE_KEYWORDS: ReadonlySet<string> = new Set([...INCLUDE_KEYWORDS, 'listen']);

/** The includes whose keywords Ansible checks, and the class its refusal names. */
export const CHECKED_INCLUDES: ReadonlyMap<string, string> = new Map([
  ['ansible.builtin.include_tasks', 'TaskInclude'],
  ['ansible.builtin.include_role', 'IncludeRole'],
]);
