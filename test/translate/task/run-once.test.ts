// run_once / delegate_to: which tasks become a guard for one node, and which stay a TODO and why.
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, outputText, recipeBody, type TextTree } from '../../helpers/convert-helpers.js';
import type { ConvertOptions } from '../../../src/convert.js';

const INVENTORY = '[web]\nweb2\nweb1\n[db]\ndb1\n';
const FIRST_WEB = "A2C::Jinja.eq(node.name, A2C::Jinja.item(A2C::Jinja.group(A2C::Jinja.var(node, 'ansible', 'groups'), 'web'), 0))";

function project(tasks: string, site = '- hosts: web\n  roles: [app]\n', extra: TextTree = {}): TextTree {
  return { 'site.yml': site, 'inventory.ini': INVENTORY, 'roles/app/tasks/main.yml': tasks, ...extra };
}

async function converted(input: TextTree | string, options: ConvertOptions = {}) {
  const r = await convertProject(typeof input === 'string' ? project(input) : input, options);
  return { body: recipeBody(r, 'app'), diags: r.diagnostics.map(formatDiagnostic), r };
}

async function todo(files: TextTree, reason: string) {
  const { body, diags } = await converted(files);
  expect(body).toContain('TODO(ansible2chef): A2C-TODO-PUSH-MODEL');
  expect(diags.join('\n')).toContain(reason);
}

const ONCE = '- name: init\n  command: /bin/init\n  run_once: true\n';

describe('run_once', () => {
  it("is a guard for the first host of the play's group, before the task's own condition", async () => {
    const { body, diags } = await converted('- name: init\n  command: /bin/init\n  run_once: true\n  when: flag | bool\n');
    // flag: a boolean inferred from `| bool` (resolve/use-contracts.ts), read as plain Chef.
    expect(body).toContain(`only_if { ${FIRST_WEB} && node.read!('ansible', 'flag') }`);
    expect(diags).toContain(
      "roles/app/tasks/main.yml:3:13: info A2C-RUN-ONCE runs on web2 only: the first host of 'web' in inventory order, as Ansible picks it (node.name == groups['web'][0])",
    );
  });

  it('with --groups search, reads the group from Chef search (first node by name)', async () => {
    const { body, diags } = await converted(ONCE, { groups: 'search' });
    expect(body).toContain(
      "only_if { A2C::Jinja.eq(node.name, A2C::Jinja.item(A2C::Jinja.group(A2C::Jinja.search_groups('ansible'), 'web'), 0)) }",
    );
    expect(diags.join('\n')).toContain("runs on web1 only: the first node of 'web' by name");
  });

  it('in a play of one host names that host', async () => {
    const { body } = await converted(project(ONCE, '- hosts: db1\n  roles: [app]\n'));
    expect(body).toContain("only_if { node.name == 'db1' }");
  });

  it('on a play task uses that play', async () => {
    const r = await convertProject({
      'site.yml': `- hosts: db\n  tasks:\n    - name: init\n      command: /bin/init\n      run_once: true\n`,
      'inventory.ini': INVENTORY,
    });
    expect(recipeBody(r, 'site_playbook', 'play1_db_tasks')).toContain(
      "A2C::Jinja.group(A2C::Jinja.var(node, 'ansible', 'groups'), 'db'), 0)",
    );
  });

  it('follows meta dependencies and include_role to the play', async () => {
    const files = project('- include_role:\n    name: lib\n', '- hosts: web\n  roles: [app]\n', {
      'roles/lib/tasks/main.yml': ONCE,
    });
    const r = await convertProject(files);
    expect(recipeBody(r, 'lib')).toContain(FIRST_WEB);
  });

  it("on a block applies to each of its tasks (Ansible inherits it), a task's own value winning", async () => {
    const { body, diags } = await converted(
      '- block:\n    - name: a\n      command: /bin/a\n    - name: b\n      command: /bin/b\n      run_once: false\n  run_once: true\n',
    );
    expect(body).toContain(`execute 'a' do\n  command ['/bin/a']\n  only_if { ${FIRST_WEB} }`);
    expect(body).toContain("execute 'b' do\n  command ['/bin/b']\nend");
    expect(diags.join('\n')).not.toContain('A2C-BLOCK-KEYWORD');
  });

  it('guards a run_once task of a run_once include_tasks once (the same test is not printed twice)', async () => {
    const files = project('- name: boot\n  include_tasks: boot.yml\n  run_once: true\n', undefined, {
      'roles/app/tasks/boot.yml': ONCE,
    });
    const r = await convertProject(files);
    const text = [...r.files.keys()]
      .filter((f) => f.startsWith('app/recipes/'))
      .map((f) => outputText(r, f))
      .join('\n');
    expect(text).toContain(`only_if { ${FIRST_WEB} }`);
    expect(text).not.toContain(`${FIRST_WEB} && ${FIRST_WEB}`);
  });

  it('on a role reference applies to every task of the role', async () => {
    const { body } = await converted(
      project('- name: a\n  command: /bin/a\n', '- hosts: web\n  roles:\n    - role: app\n      run_once: true\n'),
    );
    expect(body).toContain(`only_if { ${FIRST_WEB} }`);
  });

  it('names no node for a task that is a TODO for another reason', async () => {
    const { body, diags } = await converted('- name: x\n  some.unknown.module: {}\n  run_once: true\n');
    expect(body).toContain('A2C-TODO-MODULE');
    expect(diags.join('\n')).not.toContain('A2C-RUN-ONCE');
  });

  it('run_once: false changes nothing', async () => {
    const { body } = await converted('- name: init\n  command: /bin/init\n  run_once: false\n');
    expect(body).not.toContain('only_if');
    expect(body).not.toContain('TODO');
  });

  it('stays a TODO where the host cannot be known or the result would differ', async () => {
    await todo(project(ONCE, '- hosts: web\n  serial: 1\n  roles: [app]\n'), 'has serial: Ansible runs the task once per batch');
    await todo(project(ONCE, '- hosts: web\n  order: sorted\n  roles: [app]\n'), 'orders its hosts (order)');
    await todo(project(ONCE, '- hosts: web\n  strategy: free\n  roles: [app]\n'), 'the first host to reach the task runs it');
    await todo(project(ONCE, '- hosts: web\n  roles: [app]\n- hosts: db\n  roles: [app]\n'), 'different host patterns (web, db)');
    await todo(project(ONCE, '- hosts: web:db\n  roles: [app]\n'), "host pattern 'web:db' is not one group or host");
    await todo(
      project('- name: f\n  set_fact: { x: 1 }\n  run_once: true\n'),
      'Ansible gives the result of ansible.builtin.set_fact to every host of the play',
    );
    await todo(project('- name: init\n  command: /bin/init\n  run_once: "{{ once }}"\n'), 'a templated run_once');
  });

  it("in a role no play runs, with static groups, is a guard for the first of the play's hosts its Policyfile sets", async () => {
    const { body, diags } = await converted(project(ONCE, '- hosts: db\n  roles: [other]\n'));
    expect(body).toContain("only_if { A2C::Jinja.eq(node.name, A2C::Jinja.item(A2C::Jinja.play_hosts(node, 'ansible', 'app'), 0)) }");
    expect(diags.join('\n')).toContain(
      "runs on the first of the play's hosts only: as the Policyfile that runs recipe[app] lists them (node['ansible']['ansible_play_hosts'], the play's hosts in inventory order)",
    );
  });

  it('on a handler stays a TODO (Ansible runs it on the first host that notified it)', async () => {
    const { diags, r } = await converted(
      project('- name: a\n  command: /bin/a\n  notify: h\n', undefined, { 'roles/app/handlers/main.yml': ONCE.replace('init', 'h') }),
    );
    expect(recipeBody(r, 'app', 'handlers')).toContain('TODO(ansible2chef): A2C-TODO-PUSH-MODEL run_once: a run_once handler');
    expect(diags.join('\n')).toContain('a run_once handler runs on the first host that notified it');
    // The notifying task says why the handler is a TODO, where the handler is.
    expect(diags).toContain(
      "roles/app/tasks/main.yml:3:11: warning A2C-TODO-NOTIFY notify 'h' is not converted: the handler is a TODO (roles/app/handlers/main.yml:1 A2C-TODO-PUSH-MODEL: run_once: a run_once handler runs on the first host that notified it, which a Chef node cannot know)",
    );
  });

  it('keeps a registered result only where no other task reads it', async () => {
    const own = await converted('- name: check\n  command: /bin/check\n  register: r\n  changed_when: r.rc == 2\n  run_once: true\n');
    expect(own.body).not.toContain('TODO');
    await todo(
      project('- name: check\n  command: /bin/check\n  register: r\n  run_once: true\n- name: use\n  debug: { msg: "{{ r.stdout }}" }\n'),
      "Ansible gives the registered 'r' to every host of the play",
    );
    // Read by a later role of the play: a host variable there too.
    await todo(
      project('- name: check\n  command: /bin/check\n  register: r\n  run_once: true\n', '- hosts: web\n  roles: [app, later]\n', {
        'roles/later/tasks/main.yml': '- name: use\n  command: /bin/use\n  when: r is changed\n',
      }),
      "Ansible gives the registered 'r' to every host of the play",
    );
  });
});

describe('delegate_to', () => {
  it('with run_once, to the first host of a group in the play, runs on that node', async () => {
    const { body, diags } = await converted(`- name: db\n  command: /bin/db\n  run_once: true\n  delegate_to: "{{ groups['web'][0] }}"\n`);
    expect(body).toContain(`only_if { ${FIRST_WEB} }`);
    expect(diags.join('\n')).not.toContain('A2C-DELEGATE-VARS');
  });

  it("to a first host that is not the play's first: converted, with a warning about whose variables Ansible uses", async () => {
    const files = {
      ...project(
        `- name: db\n  command: /bin/db\n  run_once: true\n  delegate_to: "{{ groups.db | first }}"\n`,
        '- hosts: all\n  roles: [app]\n',
      ),
    };
    const { body, diags } = await converted(files);
    expect(body).toContain("A2C::Jinja.item(A2C::Jinja.group(A2C::Jinja.var(node, 'ansible', 'groups'), 'db'), 0)");
    expect(diags.join('\n')).toContain(
      "warning A2C-DELEGATE-VARS run_once + delegate_to: runs on db1, with db1's attributes; Ansible templates it with the variables of the play's first host (web2)",
    );
  });

  it('stays a TODO otherwise, naming the node whose run list should carry it', async () => {
    await todo(
      project(`- name: db\n  command: /bin/db\n  run_once: true\n  delegate_to: "{{ groups['db'][0] }}"\n`),
      "runs this on db1 (the first host of 'db'), which runs none of the plays that run role app: the run list of node db1 (groups['db'][0]) should carry it",
    );
    await todo(
      project(`- name: db\n  command: /bin/db\n  delegate_to: "{{ groups['web'][0] }}"\n`),
      "Ansible runs this once per play host, on {{ groups['web'][0] }}, with each play host's variables",
    );
    await todo(
      project('- name: db\n  command: /bin/db\n  run_once: true\n  delegate_to: localhost\n'),
      'the Ansible controller (localhost), which is no Chef node',
    );
    await todo(
      project('- name: db\n  command: /bin/db\n  run_once: true\n  delegate_to: "{{ db_host }}"\n'),
      'the run list of the node that {{ db_host }} names should carry it',
    );
    await todo(project('- name: db\n  command: /bin/db\n  delegate_to: db1\n'), "the run list of node 'db1' should carry it");
    // A delegate named by a variable: its value in the input, when nothing else in the input can set it.
    const DELEGATED = '- name: db\n  command: /bin/db\n  delegate_to: "{{ setup_host }}"\n';
    const defaults = (value: string, extra: TextTree = {}) =>
      project(DELEGATED, undefined, { 'roles/app/defaults/main.yml': `setup_host: ${value}\n`, ...extra });
    await todo(
      defaults('localhost'),
      "setup_host is 'localhost' in the input (roles/app/defaults/main.yml:1; nothing else in it sets setup_host): it runs on the Ansible controller (localhost)",
    );
    await todo(
      defaults('"{{ site_setup_host | default(\'db1\') }}"'),
      "setup_host is 'db1' in the input (roles/app/defaults/main.yml:1, where site_setup_host is set nowhere; nothing else sets setup_host): the run list of node 'db1' should carry it",
    );
    // Set elsewhere too (group_vars): which value applies depends on the host, so no value is named.
    await todo(
      defaults('localhost', { 'group_vars/web.yml': 'setup_host: db1\n' }),
      'the run list of the node that {{ setup_host }} names should carry it',
    );
    await todo(
      defaults('"{{ site_setup_host | default(\'db1\') }}"', { 'group_vars/web.yml': 'site_setup_host: web1\n' }),
      'the run list of the node that {{ setup_host }} names should carry it',
    );
    await todo(
      project(
        `- name: db\n  command: /bin/db\n  run_once: true\n  notify: h\n  delegate_to: "{{ groups.db[0] }}"\n`,
        '- hosts: all\n  roles: [app]\n',
        { 'roles/app/handlers/main.yml': '- name: h\n  command: /bin/h\n' },
      ),
      "Ansible notifies the handler on the play's first host (web2), not on db1",
    );
  });
});

describe("ansible_play_hosts and its kin (the play's hosts)", () => {
  const READ = '- name: a\n  command: /bin/a\n  when: inventory_hostname == ansible_play_hosts | first\n';
  const HOSTS = "A2C::Jinja.play_hosts(node, 'ansible', 'app')";
  const SET = "default['ansible']['ansible_play_hosts'] = ";

  it('reads as the group of the play that runs the role, the assumption named in the report', async () => {
    for (const name of ['ansible_play_hosts', 'ansible_play_hosts_all', 'ansible_play_batch', 'play_hosts']) {
      const { body, diags, r } = await converted(READ.replace('ansible_play_hosts', name));
      expect(body).toContain(`only_if { A2C::Jinja.eq(node.name, A2C::Jinja.first(${HOSTS})) }`);
      // The play's Policyfile sets them, in inventory order.
      expect(outputText(r, 'policyfiles/site.rb')).toContain(`${SET}%w(web2 web1)`);
      const info = diags.find((d) => d.includes('A2C-PLAY-HOSTS'));
      expect(info).toBe(
        `site.yml:1:3: info A2C-PLAY-HOSTS ${name} in role app reads as the hosts of group 'web' in inventory order (web2, web1), from the play's pattern 'web', which the play's Policyfile sets as node['ansible']['ansible_play_hosts']: ${name === 'ansible_play_hosts_all' ? 'every host the play targets, as Ansible lists them' : 'Ansible leaves out the hosts that failed or were unreachable earlier in the play, the converted list keeps them (it assumes every host succeeds): a node whose Chef run fails stays in the list, and its failure stops no other node'}`,
      );
    }
  });

  it("in a role variable (OpenStack's _X_is_first_play_host) converts the variable and the tasks reading it", async () => {
    const vars = {
      'roles/app/vars/main.yml':
        '_app_is_first_play_host: "{{ (inventory_hostname == (groups[\'db\'] | intersect(ansible_play_hosts)) | first) | bool }}"\n',
    };
    const r = await convertProject(
      project('- name: a\n  command: /bin/a\n  when: _app_is_first_play_host\n', '- hosts: all\n  roles: [app]\n', vars),
    );
    expect(recipeBody(r, 'app')).not.toContain('TODO');
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).toContain(
      "ansible_play_hosts in role app reads as the hosts of group 'all' in inventory order (web2, web1, db1)",
    );
    expect(r.stats.todo).toBe(0);
  });

  it('in a play of one host is that host; with --groups search, the group found by search', async () => {
    const one = await converted(project(READ, '- hosts: db1\n  roles: [app]\n'));
    expect(one.body).toContain(`only_if { A2C::Jinja.eq(node.name, A2C::Jinja.first(${HOSTS})) }`);
    expect(outputText(one.r, 'policyfiles/site.rb')).toContain(`${SET}['db1']`);
    const search = await converted(READ, { groups: 'search' });
    expect(search.body).toContain("A2C::Jinja.first(A2C::Jinja.group(A2C::Jinja.search_groups('ansible'), 'web'))");
    expect(search.diags.join('\n')).toContain(
      "the nodes of group 'web' found by Chef search, sorted by name (web1, web2 today; Ansible lists them in inventory order)",
    );
  });

  it("in a role's template, and in a play's own tasks (that play's hosts)", async () => {
    const files = project(
      '- name: conf\n  template: { src: peers.j2, dest: /etc/peers }\n',
      "- hosts: web\n  roles: [app]\n- hosts: db\n  tasks:\n    - name: x\n      command: echo {{ play_hosts | join(',') }}\n",
      {
        'roles/app/templates/peers.j2': '{% for h in ansible_play_hosts %}peer {{ h }}\n{% endfor %}',
      },
    );
    const r = await convertProject(files);
    expect(r.stats.todo).toBe(0);
    expect(outputText(r, 'app/templates/peers.erb')).toContain(`A2C::Jinja.iter(${HOSTS})`);
    expect(recipeBody(r, 'site_playbook', 'play2_db_tasks')).toContain(
      "A2C::Jinja.join(A2C::Jinja.play_hosts(node, 'ansible', 'site_playbook'), ',')",
    );
    // Each play's Policyfile sets its own hosts.
    expect(outputText(r, 'policyfiles/site_play1_web.rb')).toContain(`${SET}%w(web2 web1)`);
    expect(outputText(r, 'policyfiles/site_play2_db.rb')).toContain(`${SET}['db1']`);
  });

  it('ansible_play_hosts[_all] ignore serial, order and strategy (Ansible lists the pattern in inventory order)', async () => {
    for (const keyword of ['serial: 1', 'order: reverse_inventory', 'strategy: free']) {
      for (const name of ['ansible_play_hosts', 'ansible_play_hosts_all']) {
        const { body, r } = await converted(
          project(READ.replace('ansible_play_hosts', name), `- hosts: web\n  ${keyword}\n  roles: [app]\n`),
        );
        expect(body, `${keyword} ${name}`).toContain(`only_if { A2C::Jinja.eq(node.name, A2C::Jinja.first(${HOSTS})) }`);
        expect(outputText(r, 'policyfiles/site.rb')).toContain(`${SET}%w(web2 web1)`);
      }
      // The batch does not depend on the strategy either.
      if (keyword.startsWith('strategy')) {
        const { body } = await converted(
          project(READ.replace('ansible_play_hosts', 'play_hosts'), `- hosts: web\n  ${keyword}\n  roles: [app]\n`),
        );
        expect(body).toContain(`A2C::Jinja.first(${HOSTS})`);
      }
    }
  });

  it('of a play whose group the inventory leaves empty or lacks, is an input its Policyfile leaves to the operator', async () => {
    for (const pattern of ['nosuch', 'empty']) {
      const files = project(READ, `- hosts: ${pattern}\n  roles: [app]\n`, { 'inventory.ini': `${INVENTORY}[empty]\n` });
      const { body, diags, r } = await converted(files);
      expect(body).toContain(`only_if { A2C::Jinja.eq(node.name, A2C::Jinja.first(${HOSTS})) }`);
      expect(outputText(r, 'policyfiles/site.rb')).not.toContain(SET);
      expect(diags).toContain(
        `site.yml:1:3: info A2C-PLAY-HOSTS ansible_play_hosts in role app reads node['ansible']['ansible_play_hosts']: the play's pattern '${pattern}' names no host of the inventory, so its Policyfile does not set it: set it there to the hosts Ansible would run the play on, in inventory order (a run without it stops, naming it)`,
      );
    }
  });

  it('stays a TODO naming the condition that fails', async () => {
    const refused = async (files: TextTree, reason: string, name = 'ansible_play_hosts') => {
      const { body, diags } = await converted(files);
      expect(body).toContain('TODO(ansible2chef)');
      expect(diags.join('\n')).toContain(`magic variable '${name}': the play's hosts are not known at conversion time: ${reason}`);
    };
    // The batch (ansible_play_batch, play_hosts) is the serial batch, in the play's order.
    const BATCH = READ.replace('ansible_play_hosts', 'ansible_play_batch');
    await refused(
      project(BATCH, '- hosts: web\n  serial: 1\n  roles: [app]\n'),
      "play 'web' (site.yml:1) has serial: Ansible runs the play in batches of hosts (magic:",
      'ansible_play_batch',
    );
    await refused(
      project(BATCH.replace('ansible_play_batch', 'play_hosts'), '- hosts: web\n  order: sorted\n  roles: [app]\n'),
      "play 'web' (site.yml:1) orders its hosts (order) (magic:",
      'play_hosts',
    );
    await refused(
      project(READ, '- hosts: "{{ target }}"\n  roles: [app]\n'),
      "play '{{ target }}' (site.yml:1) has a templated host pattern",
    );
    await refused(project(READ, '- hosts: web:db\n  roles: [app]\n'), "its play's host pattern 'web:db' is not one group or host");
    // A play whose pattern resolves does not rescue one that does not (its Policyfile could not set them).
    await refused(
      project(READ, '- hosts: web\n  roles: [app]\n- hosts: web:db\n  roles: [app]\n'),
      "its play's host pattern 'web:db' is not one group or host",
    );
    // With --groups search, a group the inventory lacks is not searched for.
    const search = await converted(project(READ, '- hosts: nosuch\n  roles: [app]\n'), { groups: 'search' });
    expect(search.body).toContain('TODO(ansible2chef)');
    expect(search.diags.join('\n')).toContain("no inventory host matches its play's host pattern 'nosuch'");
  });
});

describe('delegate_to through variables (the shape of galera_server_bootstrap_node)', () => {
  const DEFAULTS = ['members: "{{ groups[\'web\'] | default([]) }}"', 'bootstrap: "{{ members | first | default(\'localhost\') }}"'].join(
    '\n',
  );
  const TASK = (target: string, extra = '') =>
    `- name: db\n  command: /bin/db\n  run_once: true\n  delegate_to: "{{ ${target} }}"\n${extra}`;
  const withDefaults = (tasks: string, defaults = DEFAULTS, extra: TextTree = {}, site?: string) =>
    project(tasks, site, { 'roles/app/defaults/main.yml': `${defaults}\n`, ...extra });

  it('is placed on the first host of the group every definition leads to, the chain named in the report', async () => {
    const { body, diags } = await converted(withDefaults(TASK('bootstrap')));
    expect(body).toContain(`only_if { ${FIRST_WEB} }`);
    expect(diags).toContain(
      "roles/app/tasks/main.yml:3:13: info A2C-RUN-ONCE runs on web2 only: the first host of 'web' in inventory order, as Ansible picks it, named through bootstrap (roles/app/defaults/main.yml:2), then members (roles/app/defaults/main.yml:1) (every definition of each leads there) (node.name == groups['web'][0])",
    );
    // A play var and group_vars that lead to the same host agree; `[0]` and `| list` are followed too.
    const same = await converted(
      withDefaults(TASK('bootstrap'), DEFAULTS, { 'group_vars/web.yml': 'bootstrap: "{{ (groups.web | list)[0] }}"\n' }),
    );
    expect(same.body).toContain(`only_if { ${FIRST_WEB} }`);
  });

  it('stays a TODO, saying why, when a definition, a binding or an empty group leads elsewhere', async () => {
    // group_vars may name another host on some hosts: the host depends on whose variables Ansible reads.
    await todo(
      withDefaults(TASK('bootstrap'), DEFAULTS, { 'group_vars/web.yml': 'bootstrap: db1\n' }),
      "bootstrap has definitions that differ (the first host of 'web'; 'db1' at group_vars/web.yml:1)",
    );
    // Task vars rebind it above every definition.
    await todo(
      withDefaults(TASK('bootstrap', '  vars:\n    members: [db1]\n')),
      'members is bound by the task, its block, an include or its loop',
    );
    // A variable the input sets nowhere may be set by an extra var.
    await todo(
      withDefaults(TASK('setup'), `${DEFAULTS}\nsetup: "{{ site_setup | default(members[0]) }}"`),
      'site_setup is set nowhere in the input (an extra var or an inventory outside it may set it)',
    );
    // Only group_vars set it: undefined on hosts outside that group.
    await todo(
      project(TASK('bootstrap'), '- hosts: all\n  roles: [app]\n', { 'group_vars/web.yml': 'bootstrap: "{{ groups[\'web\'][0] }}"\n' }),
      "bootstrap is not set on every host by role app's defaults or vars, or its play's vars",
    );
    // An empty group: Ansible falls back to the default(), the controller.
    await todo(
      withDefaults(TASK('bootstrap'), DEFAULTS.replace(/'web'/g, "'empty'"), { 'inventory.ini': `${INVENTORY}[empty]\n` }),
      "delegate_to: group 'empty' has no host in the inventory, where Ansible runs it on 'localhost', the default()",
    );
    // last is not the first host.
    await todo(withDefaults(TASK('members | last')), "the filter last on the hosts of 'web' is not followed");
  });

  it("in a role no play runs, with static groups, is a guard for the first of the play's hosts its Policyfile sets", async () => {
    const { body, diags } = await converted(project(ONCE, '- hosts: db\n  roles: [other]\n'));
    expect(body).toContain("only_if { A2C::Jinja.eq(node.name, A2C::Jinja.item(A2C::Jinja.play_hosts(node, 'ansible', 'app'), 0)) }");
    expect(diags.join('\n')).toContain(
      "runs on the first of the play's hosts only: as the Policyfile that runs recipe[app] lists them (node['ansible']['ansible_play_hosts'], the play's hosts in inventory order)",
    );
  });

  it('on a handler stays a TODO: Ansible runs it there when any host notified it', async () => {
    const { diags, r } = await converted(
      withDefaults('- name: t\n  command: /bin/t\n  notify: h\n', DEFAULTS, {
        'roles/app/handlers/main.yml': TASK('bootstrap').replace('name: db', 'name: h'),
      }),
    );
    expect(recipeBody(r, 'app', 'handlers')).toContain('TODO(ansible2chef): A2C-TODO-PUSH-MODEL run_once: a run_once handler delegated');
    expect(diags.join('\n')).toContain(
      "run_once: a run_once handler delegated to the first host of 'web' runs there once when any host of the play notified it; a Chef node knows only its own notifications",
    );
  });

  it("over a loop on a group's hosts, names them in the TODO", async () => {
    await todo(
      withDefaults(
        `- name: each\n  command: /bin/each\n  delegate_to: "{{ host }}"\n  loop: "{{ members }}"\n  loop_control:\n    loop_var: host\n`,
      ),
      "the loop delegates it to each host of 'web' (web2, web1), named through members (roles/app/defaults/main.yml:1), each time with the play host's variables: the run list of each of them should carry it",
    );
  });

  it("over the play's hosts, names them in the TODO", async () => {
    const { diags } = await converted(
      withDefaults(
        '- name: each\n  command: /bin/each\n  delegate_to: "{{ item }}"\n  run_once: true\n  with_items:\n    - "{{ ansible_play_hosts }}"\n',
      ),
    );
    const text = diags.join('\n');
    expect(text).toContain(
      "the loop delegates it to each of the play's hosts (web2, web1), templated with the variables of the host that runs the loop: the run list of each play host should carry it",
    );
    expect(text).not.toContain('is bound by');
  });

  it('over another loop, says only which node the item names', async () => {
    const { diags } = await converted(
      withDefaults('- name: each\n  command: /bin/each\n  delegate_to: "{{ item }}"\n  run_once: true\n  loop: "{{ peers }}"\n'),
    );
    const text = diags.join('\n');
    expect(text).toContain('the run list of the node that {{ item }} names should carry it');
    expect(text).not.toContain('is bound by');
  });

  it('names the node whose run list should carry a delegated task no play places', async () => {
    await todo(
      withDefaults(TASK('bootstrap').replace('  run_once: true\n', '')),
      "the run list of node web2 (the first host of 'web', named through bootstrap (roles/app/defaults/main.yml:2), then members (roles/app/defaults/main.yml:1)) should carry it",
    );
  });
});

describe('delegate_to the host itself', () => {
  // Ansible templates `{{ inventory_hostname }}` for the host the task runs for: it connects to
  // that same host, so the task is the undelegated one (with run_once, the host run_once picks).
  const self = (extra: string) => `- name: init\n  command: /bin/init\n  delegate_to: "{{ inventory_hostname }}"\n${extra}`;

  it('converts as the task without delegate_to', async () => {
    const plain = await converted('- name: init\n  command: /bin/init\n');
    const delegated = await converted(self(''));
    expect(delegated.r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(delegated.body).toBe(plain.body);
  });

  it('with run_once, is run_once alone', async () => {
    const plain = await converted(ONCE);
    const delegated = await converted(self('  run_once: true\n'));
    expect(delegated.body).toBe(plain.body);
    expect(delegated.diags.join('\n')).toContain('A2C-RUN-ONCE runs on web2 only');
  });

  it('stays a TODO when task vars rebind inventory_hostname', async () => {
    await todo(project(self('  vars:\n    inventory_hostname: db1\n')), 'delegate_to: Ansible runs this once per play host');
  });
});

describe("delegate_to a group's first host without run_once (Ansible repeats it there once per play host)", () => {
  const DIR = (extra = '', target = "groups['web'][0]") =>
    `- name: dir\n  file:\n    path: "/srv/{{ app_name }}"\n    state: directory\n  delegate_to: "{{ ${target} }}"\n${extra}`;
  const files = (tasks: string, extra: TextTree = {}, site?: string) =>
    project(tasks, site, {
      'roles/app/defaults/main.yml': 'app_name: app\nsetup_host: "{{ groups[\'web\'] | first }}"\nlabel: "{{ app_name }}-x"\n',
      ...extra,
    });
  const NOT_ONE_RUN =
    "delegate_to: Ansible runs this once per play host, on {{ groups['web'][0] }}, with each play host's variables (not the work of one run: ";

  it('converts as run_once there when the module changes nothing when repeated and nothing read differs between hosts', async () => {
    const { body, diags } = await converted(files(DIR("  when: label == 'app-x'\n")));
    expect(body).toContain(`only_if { ${FIRST_WEB} && `);
    expect(body).not.toContain('TODO');
    const text = diags.join('\n');
    expect(text).toContain(
      "info A2C-RUN-ONCE runs on web2 only: delegate_to without run_once: Ansible runs it there once per play host, with the same arguments and condition on each (it reads nothing that differs between hosts), and file changes nothing when run again, so one run there does the work; the first host of 'web' in inventory order",
    );
    // Every play host templates it alike: no warning about whose variables Ansible uses.
    expect(text).not.toContain('A2C-DELEGATE-VARS');
  });

  it('follows a delegate named through role defaults, and reads groups by search with --groups search', async () => {
    const { body } = await converted(files(DIR('', 'setup_host')));
    expect(body).toContain(`only_if { ${FIRST_WEB} }`);
    const search = await converted(files(DIR()), { groups: 'search' });
    expect(search.body).toContain("A2C::Jinja.group(A2C::Jinja.search_groups('ansible'), 'web'), 0)) }");
    expect(search.diags.join('\n')).toContain('runs on web1 only: delegate_to without run_once');
  });

  it('stays a TODO, saying why, when the repeats are not the work of one run', async () => {
    const cases: Array<[TextTree, string]> = [
      [files(DIR().replace('state: directory', 'state: touch')), 'file with state: touch does new work each time it runs'],
      [files(DIR().replace('state: directory', 'state: "{{ app_name }}"')), 'its state is templated'],
      [files('- name: c\n  command: /bin/c\n  delegate_to: "{{ groups[\'web\'][0] }}"\n'), 'command is not known to change nothing'],
      [
        files('- name: s\n  service:\n    name: x\n    state: restarted\n  delegate_to: "{{ groups[\'web\'][0] }}"\n'),
        'service with state: restarted does new work each time it runs',
      ],
      [
        files(DIR().replace('{{ app_name }}', '{{ inventory_hostname }}')),
        "it reads inventory_hostname, a magic variable that differs between the play's hosts",
      ],
      [
        files(DIR("  when: ansible_os_family == 'Debian'\n")),
        'it reads ansible_os_family, a fact or connection variable of each play host',
      ],
      // The condition of the block around it is tested for each play host too.
      [
        files(`- block:\n${DIR().replace(/^/gm, '    ')}\n  when: ansible_os_family == 'Debian'\n`),
        'it reads ansible_os_family, a fact or connection variable of each play host',
      ],
      [
        files(DIR(), { 'group_vars/web.yml': 'app_name: other\n' }),
        "it reads app_name, which group_vars sets (group_vars/web.yml:1): it may differ between the play's hosts",
      ],
      [files(DIR().replace('{{ app_name }}', '{{ extra }}')), 'it reads extra, which the input sets nowhere'],
      [files(DIR().replace('{{ app_name }}', "{{ lookup('env', 'HOME') }}")), 'it reads lookup'],
      [
        files(DIR(), { 'roles/app/defaults/main.yml': 'app_name: "{{ 1000 | random }}"\n' }),
        'it uses a filter whose value differs each time Ansible templates it (random, shuffle, password_hash)',
      ],
    ];
    for (const [input, why] of cases) await todo(input, `${NOT_ONE_RUN}${why}`);
  });

  it('stays a TODO when it notifies, when its registered result is read, on a handler, and on a delegate outside the play', async () => {
    await todo(
      files(DIR('  notify: h\n'), { 'roles/app/handlers/main.yml': '- name: h\n  command: /bin/h\n' }),
      'delegate_to: Ansible notifies the handlers of each play host whose run on {{ groups',
    );
    await todo(
      files(`${DIR('  register: made\n')}- name: after\n  command: /bin/after\n  when: made is changed\n`),
      "delegate_to: each play host registers its own run's result as 'made' (only the first run reports a change), and other tasks read it",
    );
    const handler = await converted(files('- name: t\n  command: /bin/t\n  notify: dir\n', { 'roles/app/handlers/main.yml': DIR() }));
    expect(handler.diags.join('\n')).toContain(
      "delegate_to: a handler delegated to the first host of 'web' runs there once for each host of the play that notified it",
    );
    await todo(
      files(DIR('', "groups['db'][0]")),
      "delegate_to: Ansible repeats this on db1 (the first host of 'db'), which runs none of the plays that run role app",
    );
  });
});

describe('delegate_to the Ansible controller', () => {
  const LOCAL = '- name: db\n  command: /bin/db\n  delegate_to: localhost\n';
  const ONCE_LOCAL = `${LOCAL}  run_once: true\n`;

  it("names the node run_once would pick, or the play's hosts the work is repeated for", async () => {
    await todo(
      project(ONCE_LOCAL),
      "it runs on the Ansible controller (localhost), which is no Chef node: the run list of the one node that takes over the controller's work should carry it, once (run_once alone would place it on node web2, the first host of 'web')",
    );
    await todo(
      project(LOCAL),
      "the run list of the one node that takes over the controller's work should carry it, repeated for each play host (web2, web1) with that host's values",
    );
    await todo(
      project(ONCE_LOCAL, '- hosts: db\n  roles: [other]\n'),
      'once (run_once alone would place it on the first of the hosts of the play that runs role app)',
    );
  });

  it('names node localhost where the inventory lists it, and the play when the play runs on the controller too', async () => {
    await todo(
      { ...project(LOCAL), 'inventory.ini': `${INVENTORY}[deploy]\nlocalhost ansible_connection=local\n` },
      'it runs on the Ansible controller, which the inventory lists as host localhost: the run list of node localhost should carry it, repeated for each play host with its values',
    );
    const r = await convertProject({
      'site.yml': `- hosts: localhost\n  tasks:\n${LOCAL.replace(/^/gm, '    ')}`,
      'inventory.ini': INVENTORY,
    });
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).toContain(
      "its play runs on the Ansible controller too (hosts: localhost), which is no Chef node: the run list of the one node that takes over the controller's work should carry the play's recipe",
    );
  });
});

describe('delegate_to the controller on an action plugin that works there (assert, fail, debug, set_fact)', () => {
  // Ansible runs these wholly on the controller, templated with the play host's variables, and
  // gives the play host the result: delegate_to localhost changes nothing (ansible-playbook checks
  // this in run-once-ansible.test.ts).
  const CHECK = '- name: check\n  assert:\n    that: port | int > 0\n';

  it('converts as the task without delegate_to; with run_once, as run_once alone', async () => {
    const plain = await converted(CHECK);
    const delegated = await converted(`${CHECK}  delegate_to: localhost\n`);
    expect(delegated.r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(delegated.body).toBe(plain.body);
    const once = await converted(`${CHECK}  run_once: true\n`);
    const onceDelegated = await converted(`${CHECK}  run_once: true\n  delegate_to: 127.0.0.1\n`);
    expect(onceDelegated.body).toBe(once.body);
    expect(onceDelegated.body).toContain(`only_if { ${FIRST_WEB} }`);
    const fact = await converted('- name: f\n  set_fact: { y: 1 }\n  delegate_to: localhost\n');
    expect(fact.r.tasks.map((t) => t.outcome)).toEqual(['converted']);
  });

  it('stays a TODO for other modules, set_fact with delegate_facts, and a run_once set_fact', async () => {
    await todo(project('- name: c\n  command: /bin/c\n  delegate_to: localhost\n'), 'it runs on the Ansible controller (localhost)');
    await todo(
      project('- name: f\n  set_fact: { y: 1 }\n  delegate_to: localhost\n  delegate_facts: true\n'),
      'delegate_facts: a Chef run converges only its own node',
    );
    await todo(
      project('- name: f\n  set_fact: { y: 1 }\n  delegate_to: localhost\n  run_once: true\n'),
      'Ansible gives the result of ansible.builtin.set_fact to every host of the play',
    );
  });
});

describe('import_tasks with run_once / delegate_to (Ansible gives them to each imported task)', () => {
  const CHECKS = '- name: c1\n  assert:\n    that: port | int > 0\n- name: c2\n  debug:\n    msg: ok\n';

  it("places each imported task as it would be placed with the keywords as its own (robertdebock's assert.yml import)", async () => {
    const { body, r } = await converted(
      project('- import_tasks: checks.yml\n  run_once: true\n  delegate_to: localhost\n', undefined, {
        'roles/app/tasks/checks.yml': CHECKS,
      }),
    );
    expect(r.tasks.every((t) => t.outcome === 'converted')).toBe(true);
    expect(body).not.toContain('TODO(ansible2chef)');
    // Both imported tasks carry the guard for web2, the host Ansible runs them on.
    expect(body.split(`only_if { ${FIRST_WEB} }`).length - 1).toBe(2);
  });

  it('keeps a TODO on each imported task that would be one with the keywords as its own', async () => {
    const { body, r } = await converted(
      project('- import_tasks: work.yml\n  run_once: true\n  delegate_to: localhost\n', undefined, {
        'roles/app/tasks/work.yml': `${CHECKS}- name: fetch\n  command: /bin/fetch\n- name: f\n  set_fact: { y: 1 }\n`,
      }),
    );
    // The import itself, then c1, c2, fetch and f.
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted', 'todo', 'todo']);
    expect(body).toContain('it runs on the Ansible controller (localhost)');
    expect(body).toContain('Ansible gives the result of ansible.builtin.set_fact to every host of the play');
  });
});
