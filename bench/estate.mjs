// A synthetic Ansible estate for the benchmark: N roles with the constructs real estates use most
// (package/template/service/file/lineinfile/command tasks with when/loop/notify/register, Jinja
// templates with for/if/filters, handlers, defaults that use Jinja, group_vars, an inventory and a
// site.yml). Deterministic: the same N always gives byte-identical files, so runs are comparable.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Roles per play (and per inventory group). */
const ROLES_PER_PLAY = 10;

/**
 * The estate as a map of relative path -> content. Tasks per role are counted in `tasks` so the
 * bench can report a per-task cost.
 * @param {number} roles
 * @returns {{ files: Map<string, string>, tasks: number }}
 */
export function estateFiles(roles) {
  const files = new Map();
  let tasks = 0;
  const groups = Math.ceil(roles / ROLES_PER_PLAY);
  for (let i = 0; i < roles; i++) {
    const r = roleFiles(i);
    tasks += r.tasks;
    for (const [p, c] of r.files) files.set(`roles/${roleName(i)}/${p}`, c);
  }
  files.set('site.yml', siteYml(roles, groups));
  files.set('inventory/hosts.yml', inventoryYml(groups));
  files.set('inventory/group_vars/all.yml', groupVarsAll());
  for (let g = 0; g < groups; g++) files.set(`inventory/group_vars/${groupName(g)}.yml`, groupVars(g));
  files.set('ansible.cfg', '[defaults]\ninventory = inventory\nroles_path = roles\n');
  return { files, tasks };
}

/**
 * Writes the estate under dir (which should be empty) and returns the task count.
 * @param {string} dir
 * @param {number} roles
 */
export function writeEstate(dir, roles) {
  const { files, tasks } = estateFiles(roles);
  for (const [p, c] of files) {
    const full = join(dir, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, c);
  }
  return { files: files.size, tasks };
}

const roleName = (i) => `svc${String(i).padStart(4, '0')}`;
const groupName = (g) => `tier${String(g).padStart(3, '0')}`;

/** @param {number} i */
function roleFiles(i) {
  const n = roleName(i);
  const files = new Map();
  // Variety by index, not by chance: every role is a little different but reproducible.
  const pkgs = ['nginx', 'haproxy', 'rabbitmq-server', 'memcached', 'mariadb-server'].slice(0, 2 + (i % 4));
  const port = 8000 + i;
  files.set(
    'defaults/main.yml',
    `---
${n}_packages:
${pkgs.map((p) => `  - ${p}-${n}`).join('\n')}
${n}_service: ${n}
${n}_port: ${port}
${n}_bind_address: "{{ openstack_service_bind_address | default('::1') }}"
${n}_listen: "{{ ${n}_bind_address }}:{{ ${n}_port }}"
${n}_enabled: ${i % 3 === 0 ? 'no' : 'yes'}
${n}_debug: false
${n}_mode: 0644
${n}_config_dir: /etc/${n}
${n}_workers: "{{ ansible_facts['processor_vcpus'] | default(2) | int }}"
${n}_options:
  log_level: "{{ 'debug' if ${n}_debug | bool else 'info' }}"
  max_connections: ${100 + i}
${n}_backends:
  - name: primary
    host: "{{ groups['${groupName(Math.floor(i / ROLES_PER_PLAY))}'] | first | default('localhost') }}"
  - name: secondary
    host: backup-${i}.example.org
`,
  );
  files.set(
    'tasks/main.yml',
    `---
- name: Install ${n} packages
  ansible.builtin.package:
    name: "{{ item }}"
    state: present
  loop: "{{ ${n}_packages }}"

- name: Create the ${n} config directory
  ansible.builtin.file:
    path: "{{ ${n}_config_dir }}"
    state: directory
    owner: root
    group: root
    mode: "0755"

- name: Configure ${n}
  ansible.builtin.import_tasks: configure.yml

- name: Check ${n} version
  ansible.builtin.command: /usr/bin/${n} --version
  register: ${n}_version
  changed_when: false

- name: Record the ${n} version
  ansible.builtin.copy:
    content: "{{ ${n}_version.stdout | default('') }}\\n"
    dest: "{{ ${n}_config_dir }}/VERSION"
    mode: "0644"
  when: ${n}_version.rc == 0

- name: Enable and start ${n}
  ansible.builtin.service:
    name: "{{ ${n}_service }}"
    state: started
    enabled: true
  when: ${n}_enabled | bool
`,
  );
  files.set(
    'tasks/configure.yml',
    `---
- name: Write ${n}.conf
  ansible.builtin.template:
    src: ${n}.conf.j2
    dest: "{{ ${n}_config_dir }}/${n}.conf"
    owner: root
    group: "{{ ${n}_service }}"
    mode: "0640"
  notify: restart ${n}

- name: Set the ${n} listen address
  ansible.builtin.lineinfile:
    path: /etc/default/${n}
    regexp: '^LISTEN='
    line: "LISTEN={{ ${n}_listen }}"
    create: true
  notify: restart ${n}
  when: ${n}_bind_address is defined

- name: Create ${n} log directories
  ansible.builtin.file:
    path: "/var/log/${n}/{{ item.name }}"
    state: directory
    mode: "{{ ${n}_mode }}"
  with_items: "{{ ${n}_backends }}"
  when: item.name != 'disabled'
`,
  );
  files.set(
    'handlers/main.yml',
    `---
- name: restart ${n}
  ansible.builtin.service:
    name: "{{ ${n}_service }}"
    state: restarted
`,
  );
  files.set(
    `templates/${n}.conf.j2`,
    `# {{ ansible_managed }}
[DEFAULT]
debug = {{ ${n}_debug | lower }}
listen = {{ ${n}_listen }}
workers = {{ ${n}_workers }}
{% for key, value in ${n}_options.items() %}
{{ key }} = {{ value }}
{% endfor %}

{% for b in ${n}_backends %}
[backend_{{ b.name }}]
host = {{ b.host }}
{% if b.name == 'primary' %}
weight = 10
{% else %}
weight = {{ loop.index * 2 }}
{% endif %}
{% endfor %}
hosts = {{ groups['all'] | default([]) | join(',') }}
`,
  );
  // Every tenth role depends on the one before it, so dependency closures are exercised.
  const deps = i % 10 === 9 ? `\n  - role: ${roleName(i - 1)}` : ' []';
  files.set('meta/main.yml', `---\ngalaxy_info:\n  role_name: ${n}\n  author: bench\ndependencies:${deps}\n`);
  // 6 tasks in main.yml (one is the import), 3 in configure.yml, 1 handler.
  return { files, tasks: 10 };
}

function siteYml(roles, groups) {
  const plays = [];
  for (let g = 0; g < groups; g++) {
    const members = [];
    for (let i = g * ROLES_PER_PLAY; i < Math.min(roles, (g + 1) * ROLES_PER_PLAY); i++) members.push(`    - ${roleName(i)}`);
    plays.push(
      `- name: Tier ${g}\n  hosts: ${groupName(g)}\n  become: true\n  vars:\n    tier_index: ${g}\n  roles:\n${members.join('\n')}\n`,
    );
  }
  return `---\n${plays.join('\n')}`;
}

function inventoryYml(groups) {
  const out = ['all:', '  children:'];
  for (let g = 0; g < groups; g++) {
    out.push(`    ${groupName(g)}:`, '      hosts:');
    for (let h = 0; h < 2; h++) out.push(`        host-${g}-${h}:`, `          ansible_host: 2001:db8:${g.toString(16)}::${h + 1}`);
  }
  return out.join('\n') + '\n';
}

function groupVarsAll() {
  return `---
openstack_service_bind_address: "::1"
internal_vip_address: "2001:db8:ffff::20"
ntp_servers:
  - 0.pool.ntp.org
  - 1.pool.ntp.org
`;
}

function groupVars(g) {
  return `---
tier_name: ${groupName(g)}
tier_weight: ${g + 1}
tier_banner: "Tier {{ tier_name }} ({{ tier_weight }})"
`;
}
