// Whether a registered resource's result is read beyond `is changed` decides whether its state is
// recorded in run_state as it runs. The reads are found in the parsed Jinja of later tasks
// (templates, bare conditions, debug's var and assert's that), not by a word search in their text.
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';

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
