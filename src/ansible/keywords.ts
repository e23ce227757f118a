// Task and play keywords Ansible 2.14 accepts (ansible.playbook.task / block / play attributes).
// A task key that is none of these is its module.

export const TASK_KEYWORDS: ReadonlySet<string> = new Set([
  'name', 'action', 'local_action', 'args', 'async', 'poll', 'become', 'become_user', 'become_method',
  'become_flags', 'become_exe', 'changed_when', 'failed_when', 'check_mode', 'diff', 'delegate_to',
  'delegate_facts', 'environment', 'ignore_errors', 'ignore_unreachable', 'loop', 'loop_control',
  'notify', 'listen', 'register', 'retries', 'delay', 'until', 'run_once', 'tags', 'vars', 'when',
  'no_log', 'any_errors_fatal', 'throttle', 'timeout', 'collections', 'module_defaults', 'connection',
  'debugger', 'port', 'remote_user',
]);

export const BLOCK_KEYWORDS: ReadonlySet<string> = new Set([
  ...TASK_KEYWORDS, 'block', 'rescue', 'always',
]);

export const PLAY_KEYWORDS: ReadonlySet<string> = new Set([
  'name', 'hosts', 'vars', 'vars_files', 'vars_prompt', 'roles', 'pre_tasks', 'tasks', 'post_tasks',
  'handlers', 'gather_facts', 'gather_subset', 'gather_timeout', 'fact_path', 'become', 'become_user',
  'become_method', 'become_flags', 'become_exe', 'serial', 'strategy', 'max_fail_percentage',
  'any_errors_fatal', 'ignore_errors', 'ignore_unreachable', 'tags', 'environment', 'connection',
  'remote_user', 'port', 'order', 'force_handlers', 'check_mode', 'diff', 'no_log', 'collections',
  'module_defaults', 'run_once', 'throttle', 'timeout', 'debugger', 'vars_files', 'import_playbook',
]);

/** `with_<lookup>` loops are keywords too. */
export function isTaskKeyword(key: string): boolean {
  return TASK_KEYWORDS.has(key) || key.startsWith('with_');
}

/** Modules whose free-form text is the command itself; only these k=v keys are extracted from it. */
export const RAW_PARAM_MODULES: ReadonlySet<string> = new Set([
  'ansible.builtin.command', 'ansible.builtin.shell', 'ansible.builtin.script', 'ansible.builtin.raw',
  'ansible.builtin.include_tasks', 'ansible.builtin.import_tasks', 'ansible.builtin.include_vars',
  'ansible.builtin.include_role', 'ansible.builtin.import_role', 'ansible.builtin.meta',
  'ansible.builtin.set_fact', 'ansible.builtin.add_host', 'ansible.builtin.group_by',
  'ansible.builtin.import_playbook',
]);

/**
 * Raw-param modules whose string form Ansible still splits into k=v pairs (parse_kv without
 * check_raw: only the command-like modules keep `k=v` in the command line), so
 * `include_role: name=x` has a `name` argument.
 */
export const KV_SPLIT_RAW_MODULES: ReadonlySet<string> = new Set(['ansible.builtin.include_role', 'ansible.builtin.import_role', 'ansible.builtin.set_fact']);

/** Keys Ansible extracts from a raw command line (ansible.parsing.splitter.parse_kv check_raw). */
export const RAW_EXTRACTED_KEYS: ReadonlySet<string> = new Set([
  'creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends',
]);
