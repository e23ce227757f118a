// Regression tests for the kinds of Chef compile-phase failures found by running converted
// cookbooks in a real Chef Infra Client (the "runs in Chef" issue), each on a small role shaped
// like the corpus role it came from, converted and then evaluated by the compile-phase check.
import { describe, expect, it } from 'vitest';
import { compileCheck, type CompileRun } from '../../src/scripts/chef-compile.js';
import { convertRole, type TextTree } from '../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady();
const inputs = compileInputs();

async function compiledRole(files: TextTree): Promise<CompileRun> {
  const r = await convertRole(files);
  const runs = compileCheck(r.files, inputs);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

function props(run: CompileRun, id: string): Record<string, unknown> {
  const r = run.detail?.find((d) => d.id === id);
  if (!r) throw new Error(`${id} not declared; declared: ${run.detail?.map((d) => d.id).join(', ')}`);
  return r.properties;
}

describe.skipIf(!ready)('converted roles compile in Chef', () => {
  it('B: `is not defined` on a variable only set_fact sets (geerlingguy apache apache_packages)', async () => {
    const run = await compiledRole({
      'vars/Debian.yml': '__apache_packages: [apache2, apache2-utils]\n',
      'tasks/main.yml': [
        '- include_vars: Debian.yml',
        '- name: Define apache_packages.',
        '  set_fact:',
        '    apache_packages: "{{ __apache_packages | list }}"',
        '  when: apache_packages is not defined',
        '- name: Install',
        '  package: name="{{ apache_packages }}" state=present',
      ].join('\n'),
    });
    expect(run).toMatchObject({ ok: true });
    // The package resource is named by the list set_fact computed from the vars file, keyed as Chef
    // keys it (the list's items joined with ", ").
    expect(run.detail?.map((d) => d.id)).toContain('package[apache2, apache2-utils]');
  });

  it('a set_fact outranks the role default of the same name from the task on (was read from the default everywhere)', async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'port: one\n',
      'tasks/main.yml': [
        '- name: before',
        '  copy: { dest: /tmp/before, content: "{{ port }}" }',
        '- set_fact: { port: two }',
        '- name: after',
        '  copy: { dest: /tmp/after, content: "{{ port }}" }',
      ].join('\n'),
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'file[/tmp/before]')['content']).toBe('one');
    expect(props(run, 'file[/tmp/after]')['content']).toBe('two');
  });
});

describe.skipIf(!ready)('converted roles compile in Chef: groups', () => {
  it('H: `groups` without an inventory is what Ansible has (os_cinder `(g in groups) | ternary(groups[g][0], "localhost")`)', async () => {
    const run = await compiledRole({
      'defaults/main.yml': "rabbit_host: \"{{ ('rabbitmq_all' in groups) | ternary(groups['rabbitmq_all'][0], 'localhost') }}\"\n",
      'tasks/main.yml': '- name: conf\n  copy: { dest: /etc/app.conf, content: "rabbit={{ rabbit_host }}" }\n',
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'file[/etc/app.conf]')['content']).toBe('rabbit=localhost');
  });
});

describe.skipIf(!ready)('converted roles compile in Chef: when values are computed', () => {
  it('C: a handler reading a set_fact variable (geerlingguy ntp `name: "{{ ntp_daemon }}"`)', async () => {
    const run = await compiledRole({
      'vars/main.yml': '__ntp_daemon: ntpsec\n',
      'handlers/main.yml': '- name: restart ntp\n  service: name="{{ ntp_daemon }}" state=restarted\n',
      'tasks/main.yml': [
        '- set_fact: { ntp_daemon: "{{ __ntp_daemon }}" }',
        '  when: ntp_daemon is not defined',
        '- name: conf',
        '  copy: { dest: /etc/ntp.conf, content: "x" }',
        '  notify: restart ntp',
      ].join('\n'),
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'service[restart ntp]')['service_name']).toBe('<lazy>');
  });

  it('D: a resource skipped by its when never computes its arguments (memcached `when: x is defined`)', async () => {
    const run = await compiledRole({
      'tasks/main.yml': [
        '- name: unit override',
        '  copy: { dest: /etc/systemd/system/memcached.service.d/override.conf, content: "{{ memcached_systemd_service }}" }',
        '  when: memcached_systemd_service is defined',
      ].join('\n'),
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'file[/etc/systemd/system/memcached.service.d/override.conf]')['content']).toBe('<lazy>');
  });
});

describe.skipIf(!ready)('converted roles compile in Chef: attribute files', () => {
  it('A1: a default reading a value its vars file sets, and a default reading a later default (galera `galera_repo_url: "{{ _galera_repo_url }}"`)', async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'repo_url: "{{ _repo_url }}"\nrepo_file: "{{ repo_dir }}/galera.list"\nrepo_dir: /etc/apt/sources.list.d\n',
      'vars/main.yml': '_repo_url: "https://{{ repo_host }}/repo"\nrepo_host: mirror.example.org\n',
      'tasks/main.yml': '- name: repo\n  copy: { dest: "{{ repo_file }}", content: "deb {{ repo_url }} bookworm main" }\n',
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'file[/etc/apt/sources.list.d/galera.list]')['content']).toBe('deb https://mirror.example.org/repo bookworm main');
  });

  it('keeps the source order of two assignments to one attribute (the later one wins)', async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'port: "{{ base }}"\nbase: 1\n',
      'vars/main.yml': 'port: two\n',
      'tasks/main.yml': '- name: p\n  copy: { dest: /tmp/p, content: "{{ port }}" }\n',
    });
    expect(run).toMatchObject({ ok: true });
    expect(props(run, 'file[/tmp/p]')['content']).toBe('two');
  });
});

describe.skipIf(!ready)('converted roles compile in Chef: required inputs', () => {
  it('a group the inventory lacks is a required input naming the group (rabbitmq_server `groups[rabbitmq_host_group][0]`)', async () => {
    const run = await compiledRole({
      'defaults/main.yml': 'host_group: rabbitmq_all\nprimary: "{{ groups[host_group][0] }}"\n',
      'tasks/main.yml': '- name: conf\n  copy: { dest: /etc/rabbit.conf, content: "primary={{ primary }}" }\n',
    });
    expect(run).toMatchObject({ ok: false, outcome: 'required-input', error: 'A2C::Jinja::RequiredInput' });
    expect(run.message).toContain("group 'rabbitmq_all' is not in the inventory");
  });
});

describe.skipIf(!ready)('converted roles compile in Chef: notifications', () => {
  it('I: a handler with register is notified by the name of the resource it becomes', async () => {
    const run = await compiledRole({
      'handlers/main.yml': '- name: restart app\n  command: /bin/restart\n  register: restart_out\n',
      'tasks/main.yml': '- name: conf\n  copy: { dest: /etc/app.conf, content: "x" }\n  notify: restart app\n',
    });
    expect(run).toMatchObject({ ok: true });
    const notified = run.detail?.find((d) => d.id === 'file[/etc/app.conf]')?.notifies.map(([, target]) => target);
    expect(notified).toEqual(['ruby_block[restart app]']);
    expect(run.detail?.map((d) => d.id)).toContain('ruby_block[restart app]');
  });
});
