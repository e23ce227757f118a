// The `lb` role the item-contract differentials share: a list of services the estate fills (the role's
// default is `[]`, so its items' fields get contracts from their uses), rendered by a template task
// looping over it with a loop_var.

export interface LbRole {
  /** The task's loop_var (`svc`, `s`). */
  loopVar: string;
  /** The template task's src; its text is in `templates`. */
  src: string;
  /** The task's dest, templated with the loop variable. */
  dest: string;
  /** The task's name, where it has one. */
  name?: string;
  /** The role's templates by file name. */
  templates: Record<string, string>;
}

export function lbRole(r: LbRole): Record<string, string> {
  const task = [
    ...(r.name ? [`- name: ${r.name}`, '  template:'] : ['- template:']),
    `    src: ${r.src}`,
    `    dest: "${r.dest}"`,
    '  loop: "{{ lb_services }}"',
    '  loop_control:',
    `    loop_var: ${r.loopVar}`,
  ];
  return {
    'site.yml': '- hosts: all\n  roles: [lb]\n',
    'roles/lb/defaults/main.yml': 'lb_services: []\n',
    'roles/lb/tasks/main.yml': task.join('\n'),
    ...Object.fromEntries(Object.entries(r.templates).map(([f, t]) => [`roles/lb/templates/${f}`, t])),
  };
}
