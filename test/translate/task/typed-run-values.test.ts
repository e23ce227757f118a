// Values set while the tasks run, read as plain Ruby where their type is known: set_fact values
// (resolve/set-fact-types.ts) and the results of registered command, shell and stat tasks
// (translate/task/register-types.ts). Compared with ansible-playbook: the converted recipe is
// compiled and converged in real Ruby (test/tools/converge-render.rb: guards, ruby_blocks, ERB
// rendered with Erubis), and each file must be byte-identical, each decision the same; a read of
// a key a skipped task's result lacks fails both runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText, type TextTree } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { type ConvergeEvent, convergeOnLocalhost } from '../../helpers/converge-render.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { SHARED } from '../../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

const TEMPLATE = [
  'socket={{ app_socket }}',
  // 'Yes' becomes True (set_fact's boolean words), '[1, 2]' a list (convert_data), an int stays one.
  'word={{ app_word }} list={{ app_list }} port={{ app_port + 1 }} dir={{ app_dir }} lit={{ app_lit }} base={{ app_base_name }}',
  'rc={{ probe.rc }} ok={{ probe.rc == 0 }} out={{ probe.stdout }} first={{ probe.stdout_lines[0] }} n={{ probe.stdout_lines | length }}',
  'status={{ status.rc }} {{ status is failed }} {{ status is succeeded }} {{ status is changed }} {{ probe is changed }} {{ status.rc != 0 }}',
  "exists={{ st.stat.exists }} isdir={{ st.stat.isdir }} gone={{ gone.stat.exists }} {{ gone.stat.isdir is defined }} {{ gone.stat.isdir | default('none') }}",
  "maybe={{ maybe is skipped }} {{ maybe.rc is defined }} {{ maybe.rc | default('no rc') }} {{ maybe is changed }} {{ maybe is succeeded }} {{ maybe is failed }}",
  "found={{ fnd.matched }} {{ fnd.files | map(attribute='path') | list }} {{ fnd.files | length }} {{ fnd.files[0].path }} {{ fnd is changed }}",
  // A skipped stat has no `stat`: what reads through it is undefined, which default and `is defined` see.
  "mst={{ maybe_st.stat.exists | default('no stat') }} {{ maybe_st.stat.exists is defined }} {{ maybe_st.stat is defined }}",
  '{% if st.stat.exists and not gone.stat.exists %}both{% endif %}',
  '',
].join('\n');

function project(out: string, template = TEMPLATE): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [app]\n',
    'roles/app/defaults/main.yml': 'app_base: /srv/app\napp_never: false\n',
    'roles/app/vars/main.yml': '__app_socket: /run/app.sock\n__app_word: "Yes"\n__app_list_text: "[1, 2]"\n__app_port: 8080\n',
    'roles/app/tasks/main.yml':
      [
        '- name: facts',
        '  set_fact:',
        '    app_socket: "{{ __app_socket }}"',
        '    app_word: "{{ __app_word }}"',
        '    app_list: "{{ __app_list_text }}"',
        '    app_port: "{{ __app_port }}"',
        '    app_dir: "{{ app_base }}/data"',
        '    app_lit: "no"',
        '    app_base_name: "{{ app_base | basename }}"',
        '- name: probe',
        "  command: printf '1.2\\nsecond\\n'",
        '  register: probe',
        '  changed_when: false',
        '- name: status',
        '  shell: exit 3',
        '  register: status',
        '  failed_when: false',
        '- name: look',
        '  stat: path=/etc/hostname',
        '  register: st',
        '- name: missing',
        '  stat: path=/nonexistent-a2c-typed',
        '  register: gone',
        '- name: maybe',
        '  command: echo hi',
        '  register: maybe',
        '  when: app_never | bool',
        '- name: find',
        '  find: { paths: /etc, patterns: hostname }',
        '  register: fnd',
        '- name: maybe stat',
        '  stat: path=/etc/hostname',
        '  register: maybe_st',
        '  when: app_never | bool',
        '- name: decided',
        '  copy:',
        '    content: "{{ app_socket }}|{{ probe.stdout }}|{{ app_dir }}"',
        `    dest: ${out}/decided.txt`,
        '  when: probe.rc == 0 and st.stat.exists and not gone.stat.exists',
        '- name: render',
        `  template: { src: app.conf.j2, dest: "${out}/app.conf" }`,
      ].join('\n') + '\n',
    'roles/app/templates/app.conf.j2': template,
  };
}

/** The converted project converged on its one node (converge-render.rb). */
async function converge(files: TextTree): Promise<ConvergeEvent[]> {
  return convergeOnLocalhost(files, schemaFile);
}

describe('set_fact values and registered results of known type', () => {
  it('are read as plain Ruby', async () => {
    const r = await convertProject(project('/etc/app'));
    const erb = outputText(r, 'app/templates/app.conf.erb');
    // A set_fact of literal text: printed without the helper, its read before the fact as Chef's strict read.
    expect(erb).toContain("socket=<%= node.run_state.fetch('app_socket') { node.read!('ansible', 'app_socket') } %>");
    expect(erb).toContain("port=<%= node.run_state.fetch('app_port') { node.read!('ansible', 'app_port') } + 1 %>");
    expect(erb).toContain("lit=<%= node.run_state.fetch('app_lit') { node.read!('ansible', 'app_lit') } ? 'True' : 'False' %>");
    // Text that may be re-read or spell a boolean word keeps the helper.
    expect(erb).toContain("word=<%= A2C::Jinja.out(node.run_state.fetch('app_word')");
    expect(erb).toContain("base=<%= A2C::Jinja.out(node.run_state.fetch('app_base_name')");
    expect(erb).toContain("rc=<%= A2C::Tasks.registered(node.run_state, 'probe')['rc'] %>");
    expect(erb).toContain("<%= A2C::Tasks.registered(node.run_state, 'status')['failed'] ? 'True' : 'False' %>");
    expect(erb).toContain("isdir=<%= A2C::Tasks.registered(node.run_state, 'st')['stat'].fetch('isdir') ? 'True' : 'False' %>");
    expect(erb).toContain("found=<%= A2C::Tasks.registered(node.run_state, 'fnd')['matched'] %>");
    // A result that may be skipped: its keys but `changed` may be missing.
    expect(erb).toContain("<%= !A2C::Tasks.registered(node.run_state, 'maybe').fetch('failed', false) ? 'True' : 'False' %>");
    expect(erb).toContain("A2C::Jinja.try { A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, 'maybe'), 'rc') }");
    const recipe = outputText(r, 'app/recipes/default.rb');
    expect(recipe).toContain(
      "only_if { A2C::Tasks.registered(node.run_state, 'probe')['rc'] == 0 && A2C::Tasks.registered(node.run_state, 'st')['stat']['exists'] && !A2C::Tasks.registered(node.run_state, 'gone')['stat']['exists'] }",
    );
  });

  it('stay unknown where another task registers the same name, in a loop, or a task var binds what a set_fact reads', async () => {
    const files = project('/etc/app');
    files['roles/app/tasks/main.yml'] +=
      [
        '- name: again',
        '  stat: path=/etc',
        '  register: probe',
        '- name: looped',
        '  command: echo {{ item }}',
        '  loop: [a]',
        '  register: looped',
        '- name: bound',
        '  set_fact:',
        '    app_bound: "{{ __app_socket }}"',
        '  vars:',
        '    __app_socket: [1]',
        '- copy: { content: "{{ looped.results | length }}{{ app_bound }}", dest: /etc/x }',
      ].join('\n') + '\n';
    const r = await convertProject(files);
    const erb = outputText(r, 'app/templates/app.conf.erb');
    expect(erb).toContain("rc=<%= A2C::Jinja.out(A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, 'probe'), 'rc')) %>");
    const recipe = outputText(r, 'app/recipes/default.rb');
    expect(recipe).toContain("A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, 'looped'), 'results')");
    expect(recipe).toContain("A2C::Jinja.out(node.run_state.fetch('app_bound')");
  });

  const tools = requireOrSkip(
    'ansible-playbook, ruby, erubis and shared/chef',
    hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile),
  );

  it.skipIf(!tools)("render byte-identically to Ansible's and decide as it does", async () => {
    const want = withLocalPlay(
      (dir) => project(dir),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return { decided: readFileSync(join(run.dir, 'decided.txt'), 'utf8'), conf: readFileSync(join(run.dir, 'app.conf'), 'utf8') };
      },
    );
    // The play's own sanity: the values whose types matter are what is compared.
    expect(want.conf).toContain('word=True list=[1, 2] port=8081 dir=/srv/app/data lit=False base=app');
    expect(want.conf).toContain('maybe=True False no rc False True False');
    expect(want.conf).toContain('mst=no stat False False');
    expect(want.conf).toContain("found=1 ['/etc/hostname'] 1 /etc/hostname False");
    const events = await converge(project('/etc/app'));
    expect(events.filter((e) => 'text' in e || 'error' in e)).toEqual([
      { id: 'file[/etc/app/decided.txt]', text: want.decided },
      { id: 'template[/etc/app/app.conf]', text: want.conf },
    ]);
  });

  it.skipIf(!tools)("fail where Ansible fails: a key a skipped task's result lacks", async () => {
    const template = 'before\n{{ maybe.rc }}\n';
    const log = withLocalPlay(
      (dir) => project(dir, template),
      (run) => {
        expect(run.status, run.log).not.toBe(0);
        expect(existsSync(join(run.dir, 'app.conf'))).toBe(false);
        return run.log;
      },
    );
    expect(log).toMatch(/has no attribute 'rc'/);
    const events = await converge(project('/etc/app', template));
    expect(events.at(-1)).toMatchObject({
      id: 'template[/etc/app/app.conf]',
      error: expect.stringMatching(/KeyError: key not found: "rc"/),
    });
  });
});
