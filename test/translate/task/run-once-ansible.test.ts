// run_once and `delegate_to: groups[g][0]` against ansible-playbook: an inventory of localhost
// aliases (ansible_connection=local) records which host Ansible runs each task on; the converted
// guard, evaluated in Ruby for every inventory host with the Policyfile's attributes, must hold
// on that host and no other.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../helpers/workflow.js';
import { convertProject, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';
import { guardOf, hostsWhereGuardHolds } from '../../helpers/guard-hosts.js';

/** A role whose two tasks append the host they run on to a file named after the task. */
const ROLE = {
  'roles/app/tasks/main.yml':
    [
      '- name: once',
      '  ansible.builtin.shell: "echo {{ inventory_hostname }} >> {{ out }}/once"',
      '  run_once: true',
      '- name: delegated',
      // The delegated host is the key of ansible_delegated_vars (inventory_hostname stays the play host's).
      '  ansible.builtin.shell: "echo {{ ansible_delegated_vars | list | first }} >> {{ out }}/delegated"',
      '  run_once: true',
      '  delegate_to: "{{ groups[\'db\'][0] }}"',
    ].join('\n') + '\n',
};

/** Hosts (in file order) each task ran on, per ansible-playbook. */
function ansibleRuns(files: Record<string, string>, tasks = ['once', 'delegated']): Record<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-runonce-'));
  try {
    writeTree(dir, files);
    const r = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml', '-e', `out=${dir}`], {
      cwd: dir,
      encoding: 'utf8',
      env: ansibleEnv({ ANSIBLE_GATHERING: 'explicit' }),
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean) : []);
    return Object.fromEntries(tasks.map((t) => [t, read(t)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The hosts on which the only_if of `execute '<resource>'` holds. */
function chefRuns(policy: string, recipe: string, resource: string, hosts: string[]): string[] {
  return hostsWhereGuardHolds(policy, guardOf(recipe, new RegExp(`execute '${resource}'`)), hosts);
}

const local = (h: string) => `${h} ansible_connection=local`;

const CASES: Array<{ name: string; hosts: string; inventory: string; all: string[] }> = [
  {
    name: 'a group whose inventory order is not alphabetical',
    hosts: 'web',
    // db's first host runs the play too (a delegate outside the play stays a TODO).
    inventory: ['[web]', local('web2'), local('web1'), '[db]', 'web1', local('db1')].join('\n'),
    all: ['web1', 'web2', 'db1'],
  },
  {
    name: "'all', hosts listed ungrouped first, then in groups",
    hosts: 'all',
    inventory: [local('zeta'), '[db]', local('db2'), local('db1'), '[web]', local('alpha')].join('\n'),
    all: ['alpha', 'db1', 'db2', 'zeta'],
  },
  {
    name: 'a group made of child groups and its own hosts',
    hosts: 'cluster',
    inventory: [
      '[east]',
      local('e2'),
      local('e1'),
      '[west]',
      local('w1'),
      '[db]',
      'w1',
      local('db9'),
      '[cluster:children]',
      'west',
      'east',
      'db',
      '[cluster]',
      local('c0'),
    ].join('\n'),
    all: ['c0', 'db9', 'e1', 'e2', 'w1'],
  },
];

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  'run_once: the node the guard picks is the host Ansible runs the task on',
  () => {
    it.each(CASES)('$name', async ({ hosts, inventory, all }) => {
      const files = {
        ...ROLE,
        'site.yml': `- hosts: ${hosts}\n  gather_facts: false\n  roles: [app]\n`,
        'inventory.ini': inventory + '\n',
      };
      const ansible = ansibleRuns(files);
      expect(ansible.once).toHaveLength(1);
      expect(ansible.delegated).toHaveLength(1);
      const r = await convertProject(files);
      const recipe = recipeBody(r, 'app');
      const policy = outputText(r, 'policyfiles/site.rb');
      expect(chefRuns(policy, recipe, 'once', all)).toEqual(ansible.once);
      expect(chefRuns(policy, recipe, 'delegated', all)).toEqual(ansible.delegated);
    });
  },
);

/**
 * A role reading the play's hosts: in a task's `when`, and through a role variable shaped like the
 * OpenStack roles' `_X_is_first_play_host` (the first host of a group among the play's hosts).
 */
const PLAY_HOSTS_ROLE = {
  'roles/app/vars/main.yml':
    [
      // OpenStack's shape: the first host of db that runs the play (play_hosts is ansible_play_batch's old name).
      "_app_is_first_play_host: \"{{ ('db' in group_names and inventory_hostname == ((groups['db'] | select('in', play_hosts)) | list)[0]) | bool }}\"",
      '_app_is_last_play_host: "{{ (inventory_hostname == (groups[\'db\'] | intersect(ansible_play_hosts)) | last) | bool }}"',
    ].join('\n') + '\n',
  'roles/app/tasks/main.yml': [
    ['first', 'inventory_hostname == ansible_play_hosts | first'],
    ['last', 'inventory_hostname == ansible_play_hosts_all | last'],
    ['second', 'ansible_play_batch | length > 1 and inventory_hostname == ansible_play_batch[1]'],
    ['firstdb', '_app_is_first_play_host'],
    ['lastdb', '_app_is_last_play_host'],
  ]
    .map(([t, when]) => `- name: ${t}\n  ansible.builtin.shell: "echo {{ inventory_hostname }} >> {{ out }}/${t}"\n  when: ${when}\n`)
    .join(''),
};

const PLAY_HOST_TASKS = ['first', 'last', 'second', 'firstdb', 'lastdb'];

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  "ansible_play_hosts and its kin: the converted list holds the play's hosts in Ansible's order",
  () => {
    it.each(CASES)('$name', async ({ hosts, inventory, all }) => {
      const files = {
        ...PLAY_HOSTS_ROLE,
        'site.yml': `- hosts: ${hosts}\n  gather_facts: false\n  roles: [app]\n`,
        'inventory.ini': inventory + '\n',
      };
      const ansible = ansibleRuns(files, PLAY_HOST_TASKS);
      for (const t of ['first', 'last', 'second', 'firstdb', 'lastdb']) expect(ansible[t], t).toHaveLength(1);
      const r = await convertProject(files);
      const recipe = recipeBody(r, 'app');
      expect(recipe).not.toContain('TODO');
      const policy = outputText(r, 'policyfiles/site.rb');
      for (const t of PLAY_HOST_TASKS) expect(chefRuns(policy, recipe, t, all), t).toEqual(ansible[t]);
    });
  },
);

/**
 * The same reads of ansible_play_hosts[_all] in plays with serial, another order or strategy:
 * Ansible lists the play's pattern in inventory order whatever the batch, order or strategy, so
 * the converted list is the same as in a plain play. (The batch, ansible_play_batch / play_hosts,
 * stays a TODO under serial or another order: run-once.test.ts.)
 */
const UNBATCHED_ROLE = {
  'roles/app/vars/main.yml':
    "_app_is_first_play_host: \"{{ ('db' in group_names and inventory_hostname == ((groups['db'] | select('in', ansible_play_hosts)) | list)[0]) | bool }}\"\n",
  'roles/app/tasks/main.yml': [
    ['first', 'inventory_hostname == ansible_play_hosts | first'],
    ['last', 'inventory_hostname == ansible_play_hosts_all | last'],
    ['second', 'ansible_play_hosts | length > 1 and inventory_hostname == ansible_play_hosts[1]'],
    ['firstdb', '_app_is_first_play_host'],
  ]
    .map(([t, when]) => `- name: ${t}\n  ansible.builtin.shell: "echo {{ inventory_hostname }} >> {{ out }}/${t}"\n  when: ${when}\n`)
    .join(''),
};

const PLAY_KEYWORDS = ['serial: 1', 'serial: 2\n  order: reverse_inventory', 'order: sorted', 'strategy: free'];

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  'ansible_play_hosts[_all] in a play with serial, order or strategy: the converted list is the one Ansible gives',
  () => {
    it.each(PLAY_KEYWORDS.flatMap((keyword) => CASES.map((c) => ({ ...c, keyword }))))(
      '$keyword: $name',
      async ({ hosts, inventory, all, keyword }) => {
        const files = {
          ...UNBATCHED_ROLE,
          'site.yml': `- hosts: ${hosts}\n  gather_facts: false\n  ${keyword}\n  roles: [app]\n`,
          'inventory.ini': inventory + '\n',
        };
        const tasks = ['first', 'last', 'second', 'firstdb'];
        const ansible = ansibleRuns(files, tasks);
        const r = await convertProject(files);
        const recipe = recipeBody(r, 'app');
        expect(recipe).not.toContain('TODO');
        const policy = outputText(r, 'policyfiles/site.rb');
        for (const t of tasks) {
          expect(ansible[t], t).toHaveLength(1);
          expect(chefRuns(policy, recipe, t, all), t).toEqual(ansible[t]);
        }
      },
    );
  },
);

/**
 * A templated play pattern `{{ target | default('db') }}`: Ansible templates it with the play's own
 * variables (its roles' defaults among them), not the inventory's, so group_vars/all's `target: web`
 * leaves it on db, and a role default of 'db' too; the converted play reads db's hosts and db's
 * group_vars. A role default of another value decides it otherwise: that stays a TODO.
 */
const PATTERN_INVENTORY = ['[web]', local('web2'), local('web1'), '[db]', local('db2'), local('db1')].join('\n');
const PATTERN_CASES: Array<{ name: string; extra: Record<string, string>; resolved: boolean }> = [
  { name: 'target set nowhere', extra: {}, resolved: true },
  { name: 'target set in group_vars/all only', extra: { 'group_vars/all.yml': 'target: web\n' }, resolved: true },
  { name: "target a role default of 'db'", extra: { 'roles/app/defaults/main.yml': 'target: db\n' }, resolved: true },
  { name: "target a role default of 'web'", extra: { 'roles/app/defaults/main.yml': 'target: web\n' }, resolved: false },
];

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  "a play pattern {{ x | default('g') }}: the converted play runs on the hosts Ansible runs it on",
  () => {
    it.each(PATTERN_CASES)('$name', async ({ extra, resolved }) => {
      const files = {
        'roles/app/tasks/main.yml':
          '- name: first\n  ansible.builtin.shell: "echo {{ inventory_hostname }}:{{ colour }} >> {{ out }}/first"\n  when: inventory_hostname == ansible_play_hosts | first\n',
        'group_vars/db.yml': 'colour: blue\n',
        'group_vars/web.yml': 'colour: red\n',
        ...extra,
        'site.yml': `- hosts: "{{ target | default('db') }}"\n  gather_facts: false\n  roles: [app]\n`,
        'inventory.ini': PATTERN_INVENTORY + '\n',
      };
      const ansible = ansibleRuns(files, ['first']);
      const r = await convertProject(files);
      const recipe = recipeBody(r, 'app');
      if (!resolved) {
        expect(ansible.first).toEqual(['web2:red']);
        expect(recipe).toContain('TODO(ansible2chef)');
        expect(r.diagnostics.some((d) => d.code === 'A2C-PLAY-PATTERN')).toBe(false);
        return;
      }
      expect(ansible.first).toEqual(['db2:blue']);
      expect(recipe).not.toContain('TODO');
      const policy = outputText(r, 'policyfiles/site.rb');
      // The group_vars of the group Ansible runs the play on, not of the other.
      expect(policy).toContain("default['ansible']['colour'] = 'blue'");
      expect(policy).not.toContain("'red'");
      const hosts = chefRuns(policy, recipe, 'first', ['web1', 'web2', 'db1', 'db2']);
      expect(hosts.map((h) => `${h}:blue`)).toEqual(ansible.first);
    });
  },
);

/**
 * A delegate named through role defaults, in the shape of OpenStack's galera role: a members list
 * read from the group (`default([])`), its first host with a `default('localhost')` that a group
 * with hosts never reaches. Ansible templates it on the play's first host; the guard names the
 * same node on every node.
 */
const VIA_VARS_ROLE = {
  'roles/app/defaults/main.yml':
    [
      'members: "{{ groups[\'db\'] | default([]) }}"',
      'bootstrap_node: "{{ members | first | default(\'localhost\') }}"',
      'setup_host: "{{ (members | list)[0] | default(\'localhost\', true) }}"',
    ].join('\n') + '\n',
  'roles/app/tasks/main.yml': ['bootstrap_node', 'setup_host']
    .map(
      (v) =>
        `- name: ${v}\n  ansible.builtin.shell: "echo {{ ansible_delegated_vars | list | first }} >> {{ out }}/${v}"\n  run_once: true\n  delegate_to: "{{ ${v} }}"\n`,
    )
    .join(''),
};

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  'delegate_to through variables that lead to the first host of a group: the guard admits the host Ansible delegates to',
  () => {
    it.each(CASES)('$name', async ({ hosts, inventory, all }) => {
      const files = {
        ...VIA_VARS_ROLE,
        'site.yml': `- hosts: ${hosts}\n  gather_facts: false\n  roles: [app]\n`,
        'inventory.ini': inventory + '\n',
      };
      const tasks = ['bootstrap_node', 'setup_host'];
      const ansible = ansibleRuns(files, tasks);
      const r = await convertProject(files);
      const recipe = recipeBody(r, 'app');
      expect(recipe).not.toContain('TODO');
      const policy = outputText(r, 'policyfiles/site.rb');
      for (const t of tasks) {
        expect(ansible[t], t).toHaveLength(1);
        expect(chefRuns(policy, recipe, t, all), t).toEqual(ansible[t]);
      }
    });
  },
);

/**
 * include_tasks with run_once: Ansible 2.14 includes the file for the chosen host only (its `when`
 * read there), so the included tasks run on that host alone; the converted tasks carry the guard.
 */
const INCLUDE_ROLE = {
  'roles/app/tasks/main.yml': [
    '- name: inc',
    '  ansible.builtin.include_tasks: inc.yml',
    '  run_once: true',
    '- name: inc skipped',
    '  ansible.builtin.include_tasks: skipped.yml',
    '  run_once: true',
    '  when: inventory_hostname != ansible_play_hosts_all[0]',
    '',
  ].join('\n'),
  'roles/app/tasks/inc.yml': '- name: included\n  ansible.builtin.shell: "echo {{ inventory_hostname }} >> {{ out }}/included"\n',
  'roles/app/tasks/skipped.yml': '- name: skipped\n  ansible.builtin.shell: "echo {{ inventory_hostname }} >> {{ out }}/skipped"\n',
};

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  'include_tasks with run_once: the included tasks run on the host Ansible includes them for',
  () => {
    it.each(CASES)('$name', async ({ hosts, inventory, all }) => {
      const files = {
        ...INCLUDE_ROLE,
        'site.yml': `- hosts: ${hosts}\n  gather_facts: false\n  roles: [app]\n`,
        'inventory.ini': inventory + '\n',
      };
      const ansible = ansibleRuns(files, ['included', 'skipped']);
      expect(ansible.included).toHaveLength(1);
      expect(ansible.skipped).toEqual([]);
      const r = await convertProject(files);
      const recipe = recipeBody(r, 'app');
      expect(recipe).not.toContain('TODO');
      const policy = outputText(r, 'policyfiles/site.rb');
      expect(chefRuns(policy, recipe, 'included', all)).toEqual(ansible.included);
      expect(chefRuns(policy, recipe, 'skipped', all)).toEqual([]);
    });
  },
);

/**
 * robertdebock's shape: `import_tasks: assert.yml` with run_once and `delegate_to: localhost`.
 * Ansible gives both keywords to each imported task; assert and debug work wholly on the
 * controller with the play host's variables (each host's own `port` here, the controller's
 * differing), so the delegation changes nothing and run_once keeps them to the play's first host.
 * The hosts each task ran for (the json callback) must be those its converted guard holds on.
 */
const IMPORT_ROLE = {
  'roles/app/tasks/main.yml': '- import_tasks: checks.yml\n  run_once: true\n  delegate_to: localhost\n',
  'roles/app/tasks/checks.yml':
    [
      '- name: check-port',
      '  ansible.builtin.assert:',
      '    that: port | int == (inventory_hostname | length) * 1000',
      '- name: say-port',
      '  ansible.builtin.debug:',
      '    msg: "{{ inventory_hostname }} {{ port }}"',
    ].join('\n') + '\n',
};

/** Hosts (in result order) each named task ran for, read from the json callback; the run must pass. */
function ansibleTaskHosts(files: Record<string, string>, tasks: string[]): Record<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-runonce-json-'));
  try {
    writeTree(dir, files);
    const r = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml'], {
      cwd: dir,
      encoding: 'utf8',
      env: ansibleEnv({ ANSIBLE_GATHERING: 'explicit', ANSIBLE_STDOUT_CALLBACK: 'json' }),
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Record<string, { skipped?: boolean; failed?: boolean }> }> }>;
    };
    const ran: Record<string, string[]> = Object.fromEntries(tasks.map((t) => [t, []]));
    for (const play of out.plays)
      for (const t of play.tasks) {
        // A role's task is reported as '<role> : <name>'.
        const name = t.task.name.replace(/^.* : /, '');
        if (name in ran) for (const [h, res] of Object.entries(t.hosts)) if (!res.skipped && !res.failed) ran[name]!.push(h);
      }
    return ran;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  'import_tasks with run_once and delegate_to localhost (assert, debug): the guard holds on the host Ansible runs them for',
  () => {
    it("checks each play host's own variables once, on the first host of the play", async () => {
      const files = {
        ...IMPORT_ROLE,
        'site.yml': '- hosts: web\n  gather_facts: false\n  roles: [app]\n',
        // port is each host's own (its name's length * 1000); the controller's would fail the check.
        'inventory.ini':
          [
            '[web]',
            'web22 ansible_connection=local port=5000',
            'web1 ansible_connection=local port=4000',
            '[ctl]',
            'localhost ansible_connection=local port=1',
          ].join('\n') + '\n',
      };
      const ansible = ansibleTaskHosts(files, ['check-port', 'say-port']);
      expect(ansible).toEqual({ 'check-port': ['web22'], 'say-port': ['web22'] });
      const r = await convertProject(files);
      const recipe = recipeBody(r, 'app');
      expect(recipe).not.toContain('TODO');
      const policy = outputText(r, 'policyfiles/site.rb');
      const all = ['web1', 'web22', 'localhost'];
      expect(hostsWhereGuardHolds(policy, guardOf(recipe, /ruby_block 'check-port'/), all)).toEqual(ansible['check-port']);
      expect(hostsWhereGuardHolds(policy, guardOf(recipe, /log 'say-port'/), all)).toEqual(ansible['say-port']);
    });
  },
);
