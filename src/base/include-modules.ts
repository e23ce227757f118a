// The modules that bring another task file or role into a play, by kind. Many passes ask "is this task an
// include, and of what?"; one table keeps their answers in step when a module name is added. Module names
// here are the routed ones (load/ansible routes short and collection names to ansible.builtin.*).

/** Task-file includes: include_tasks, import_tasks and the old `include`. */
export const TASK_FILE_INCLUDES: ReadonlySet<string> = new Set([
  'ansible.builtin.include_tasks',
  'ansible.builtin.import_tasks',
  'ansible.builtin.include',
]);

/**
 * Task-file includes Ansible 2.14 resolves while the play runs, with the include's own variables and loop:
 * include_tasks, and the old `include`, which the converter treats as dynamic wherever a choice must be made.
 */
export const DYNAMIC_TASK_INCLUDES: ReadonlySet<string> = new Set(['ansible.builtin.include_tasks', 'ansible.builtin.include']);

/** Role includes: include_role and import_role. */
export const ROLE_INCLUDES: ReadonlySet<string> = new Set(['ansible.builtin.include_role', 'ansible.builtin.import_role']);

/** The static imports, resolved when the playbook loads: import_tasks and import_role. */
export const STATIC_IMPORTS: ReadonlySet<string> = new Set(['ansible.builtin.import_tasks', 'ansible.builtin.import_role']);

/** Every include and import, of a task file or of a role. */
export const INCLUDES: ReadonlySet<string> = new Set([...TASK_FILE_INCLUDES, ...ROLE_INCLUDES]);
