// Whether a registered resource's result is read beyond `is changed` decides whether its state is
// recorded in run_state as it runs. The reads are found in the parsed Jinja of later tasks
// (templates, bare conditions, debug's var and assert's that), not by a word search in their text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const REGISTERING = ['- name: conf', '  copy: {content: "x\\n", dest: /etc/a.conf}', '  register: conf'];
const recipe = async (...later: string[]) =>
  recipeBody(await convertRole({ 'tasks/main.yml': [...REGISTERING, ...later, ''].join('\n') }), 'demo');
const RECORDED = "ruby_block 'register conf (conf)'";

describe('reads of a registered result', () => {
  it('a whole `when: conf is changed` is a subscription, not a read', async () => {
    const body = await recipe('- name: restart', '  service: {name: nginx, state: restarted}', '  when: conf is changed');
    expect(body).toContain("subscribes :restart, 'file[/etc/a.conf]', :immediately");
    expect(body).not.toContain(RECORDED);
  });

  it('the name in plain text (a command line, a message without Jinja) is no read', async () => {
    const body = await recipe('- command: echo conf is here', '- debug: {msg: "conf done"}');
    expect(body).not.toContain(RECORDED);
  });

  it.each([
    ['a template', ['- debug: {msg: "{{ conf.changed }}"}']],
    ['a subscript by name', ['- debug: {msg: "{{ vars[\'conf\'] }}"}']],
    ['debug var (a bare expression)', ['- debug: {var: conf}']],
    ['assert that (bare expressions)', ['- assert: {that: [conf is not changed]}']],
    ['a condition beside another', ['- command: /bin/x', '  when: conf is changed or force']],
    ['failed_when', ['- command: /bin/x', '  failed_when: conf.failed']],
  ])('%s is a read: the result is recorded', async (_, later) => {
    expect(await recipe(...later)).toContain(RECORDED);
  });
});

describe('arguments given twice', () => {
  // ansible.parsing.splitter.parse_kv('ls chdir=/a chdir=/b', check_raw=True) == {'chdir': '/b', '_raw_params': 'ls'}
  it('a registered command reads the last value, as parse_kv keeps it', async () => {
    const body = recipeBody(
      await convertRole({ 'tasks/main.yml': '- command: ls chdir=/a chdir=/b\n  register: out\n- debug: {var: out.stdout}\n' }),
      'demo',
    );
    expect(body).toContain("A2C::Tasks.register_command(node.run_state, 'out', ['ls'], cwd: '/b')");
  });

  it('so does a registered stat', async () => {
    const body = recipeBody(
      await convertRole({ 'tasks/main.yml': '- stat: path=/a path=/b\n  register: st\n- debug: {var: st.stat.exists}\n' }),
      'demo',
    );
    expect(body).toContain("A2C::Tasks.register_stat(node.run_state, 'st', '/b')");
  });
});

describe('a registered command with creates or removes', () => {
  // The free-form `creates=` is a module argument (parse_kv); the module globs it before running.
  it('passes them to the helper, which checks them on the host before the command runs', async () => {
    const body = recipeBody(
      await convertRole({
        'tasks/main.yml':
          '- command: dd if=/dev/zero of=/swap bs=1M count=8 creates=/swap\n  register: out\n  changed_when: out.rc != 0\n' +
          '- shell: rm -f /old\n  args: {removes: /old}\n  register: rm\n',
      }),
      'demo',
    );
    expect(body).toContain("['dd', 'if=/dev/zero', 'of=/swap', 'bs=1M', 'count=8'], creates: '/swap', changed_when:");
    expect(body).toContain("A2C::Tasks.register_command(node.run_state, 'rm', 'rm -f /old', removes: '/old')");
  });

  it('a relative path without chdir stays a TODO: only the module knows its working directory', async () => {
    const body = recipeBody(await convertRole({ 'tasks/main.yml': '- command: make creates=build/out\n  register: out\n' }), 'demo');
    expect(body).toContain('creates is a relative path and the task has no chdir');
    expect(body).not.toContain('register_command');
  });
});

describe('a resource whose name property reads a registered result', () => {
  // wireguard's `apt: name: linux-headers-{{ dpkg_arch.stdout }}`: the name exists only at converge time.
  it('is labelled with the task name and sets the property lazily', async () => {
    const body = recipeBody(
      await convertRole({
        'tasks/main.yml':
          '- command: dpkg --print-architecture\n  register: arch\n  changed_when: false\n' +
          '- name: headers\n  apt:\n    name: "linux-headers-{{ arch.stdout }}"\n',
      }),
      'demo',
    );
    expect(body).toContain("apt_package 'headers' do");
    expect(body).toContain("package_name lazy { \"linux-headers-#{A2C::Tasks.registered(node.run_state, 'arch')['stdout']}\" }");
    expect(body).not.toContain('TODO');
  });

  it('in a loop, each item keeps a resource of its own', async () => {
    const body = recipeBody(
      await convertRole({
        'tasks/main.yml':
          '- command: uname -r\n  register: kernel\n  changed_when: false\n' +
          '- name: headers\n  package:\n    name: "{{ item }}-{{ kernel.stdout }}"\n  loop: [linux-headers, linux-image]\n',
      }),
      'demo',
    );
    expect(body).toContain('package "headers #{item}" do');
    expect(body).toContain('package_name lazy {');
  });
});

describe("a loop's registered result read only as whether it changed", () => {
  // Ansible's loop result is changed when any item's is (TaskExecutor._run_loop); a loop whose items
  // are all skipped, or that has none, registers an unchanged result.
  const LOOPED = ['- name: units', '  copy: {content: "x\\n", dest: "/etc/{{ item }}"}', '  loop: [a, b]', '  register: units'];
  const loopRecipe = async (...later: string[]) =>
    recipeBody(await convertRole({ 'tasks/main.yml': [...LOOPED, ...later, ''].join('\n') }), 'demo');

  it('is recorded unchanged before the loop and marked changed by any item', async () => {
    const body = await loopRecipe(
      '- command: /bin/reload',
      '  when: units.changed',
      '- command: /bin/again',
      '  when: units is not changed',
    );
    const record = body.indexOf("ruby_block 'register units (units)'");
    const loop = body.indexOf('.each do |item|');
    const mark = body.indexOf("ruby_block 'register units changed'");
    expect(record).toBeGreaterThan(-1);
    expect(record).toBeLessThan(loop);
    expect(mark).toBeGreaterThan(loop);
    expect(body).toContain("notifies :run, 'ruby_block[register units changed]', :immediately");
    // The record's `changed` is a boolean (register.ts recordedType): read as it is.
    expect(body).toContain("only_if { A2C::Tasks.registered(node.run_state, 'units')['changed'] }");
    expect(body).toContain("not_if { A2C::Tasks.result?(A2C::Tasks.registered(node.run_state, 'units'), 'changed') }");
  });

  it('read by a template of the role (which may read it whole), keeps the readers TODOs', async () => {
    const r = await convertRole({
      'tasks/main.yml': [...LOOPED, '- command: /bin/reload', '  when: units.changed', ''].join('\n'),
      'templates/report.j2': '{{ units.results | length }}\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
  });

  it.each([
    ['its per-item results', '  when: units.results | length > 0'],
    ['the whole result by name', '  when: vars["units"] is changed'],
    ['another key', '  when: units.skipped'],
  ])('read for %s, stays a TODO', async (_, when) => {
    const r = await convertRole({ 'tasks/main.yml': [...LOOPED, '- command: /bin/reload', when, ''].join('\n') });
    // The loop converts; its result is not kept, so the read is a TODO.
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
    expect(r.tasks[1]!.reason).toMatch(/'units'|is changed/);
  });
});

describe("Ansible's loop result, as the record assumes it", () => {
  it.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))(
    'is changed when one item changed; unchanged when every item is skipped, when the list is empty, or when no item changed',
    () => {
      const loop = (name: string, items: string, when = 'true') =>
        `    - copy: {content: "x\\n", dest: "{{ dir }}/{{ item }}"}\n      loop: ${items}\n      when: ${when}\n      register: ${name}\n`;
      const tasks =
        loop('one', '[a, b]', "item == 'a'") +
        loop('again', '[a]') +
        loop('skipped', '[c, d]', 'false') +
        loop('empty', '[]') +
        '    - copy: {dest: "{{ dir }}/out.json", content: "{{ [one.changed, again.changed, skipped.changed, empty.changed, one is changed, skipped is changed] | to_json }}"}\n';
      const out = withLocalPlay(
        (dir) => ({
          'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  vars: {dir: ${dir}}\n  tasks:\n${tasks}`,
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return readFileSync(join(run.dir, 'out.json'), 'utf8');
        },
      );
      expect(JSON.parse(out)).toEqual([true, false, false, false, true, false]);
    },
  );
});
