// `check_mode: true` on a task runs it in check mode on every run: the module only reports what it
// would change. The common probe — a lineinfile with check_mode: true, registered and read as
// `is changed` — leaves the file alone in Ansible. The keyword was ignored ("why-run replaces check
// mode"), so the converted recipe wrote the line (and a file task deleted its path). Checked with
// ansible-playbook: the file stays as it was, the registered result says changed, and a task handed
// check_mode by its block or by a role's use behaves the same; then the conversion: each such task is
// a TODO saying why, a module Ansible runs the same in check mode (stat, debug) still converts, and
// `check_mode: false` (run even in check mode) changes nothing in a normal run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const TASKS = (out: string) =>
  [
    '- name: is the line there?',
    '  lineinfile: {path: "' + out + '/app.conf", line: "key=value"}',
    '  check_mode: true',
    '  register: probe',
    '- name: mark a missing line',
    '  copy: {dest: "' + out + '/missing", content: "{{ probe.changed }}"}',
    '  when: probe is changed',
    '- name: would remove',
    '  file: {path: "' + out + '/keep", state: absent}',
    '  check_mode: yes',
    '- block:',
    '    - name: would touch',
    '      file: {path: "' + out + '/touched", state: touch}',
    '  check_mode: true',
    '- name: read anyway',
    '  stat: {path: "' + out + '/keep"}',
    '  check_mode: true',
    '  register: st',
    '- name: runs for real',
    '  file: {path: "' + out + '/real", state: touch}',
    '  check_mode: false',
    '',
  ].join('\n');

const ROLE_Q = '- name: role task\n  file: {path: "{{ out }}/from-role", state: touch}\n';

const tree = (out: string) => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n  connection: local\n  roles:\n    - demo\n    - role: q\n      check_mode: true\n`,
  'roles/demo/tasks/main.yml': TASKS(out),
  'roles/q/defaults/main.yml': `out: ${out}\n`,
  'roles/q/tasks/main.yml': ROLE_Q,
});

describe('check_mode: true on a task', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible changes nothing there, and reports the change it would make',
    () => {
      withLocalPlay(
        (dir) => ({ ...tree(dir), 'app.conf': 'other=1\n', keep: 'kept\n' }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          expect(readFileSync(join(run.dir, 'app.conf'), 'utf8')).toBe('other=1\n');
          expect(readFileSync(join(run.dir, 'missing'), 'utf8')).toBe('True');
          expect(existsSync(join(run.dir, 'keep'))).toBe(true);
          expect(existsSync(join(run.dir, 'touched'))).toBe(false);
          expect(existsSync(join(run.dir, 'from-role'))).toBe(false);
          expect(existsSync(join(run.dir, 'real'))).toBe(true);
        },
      );
    },
    120_000,
  );

  it('becomes a TODO wherever the Chef resources would make the change; read-only modules and check_mode: false convert', async () => {
    const r = await convertProject(tree('/srv/x'));
    const recipe = outputText(r, 'demo/recipes/default.rb');
    // None of the resources Ansible would only predict is declared.
    expect(recipe).not.toMatch(/^a2c_line|^file '\/srv\/x\/keep'|^directory '\/srv\/x\/keep'|^file '\/srv\/x\/touched'/m);
    expect(outputText(r, 'q/recipes/default.rb')).not.toMatch(/^file /m);
    const outcome = (file: string, line: number) => r.tasks.find((t) => t.span.file.endsWith(file) && t.span.line === line)?.outcome;
    expect([1, 8, 12, 15, 19].map((l) => outcome('demo/tasks/main.yml', l))).toEqual(['todo', 'todo', 'todo', 'converted', 'converted']);
    expect(outcome('q/tasks/main.yml', 1)).toBe('todo');
    // The reading task is a TODO too: nothing registers the probe.
    expect(outcome('demo/tasks/main.yml', 5)).toBe('todo');
    const todos = r.diagnostics.filter((d) => d.code === 'A2C-TODO-KEYWORD' && d.message.startsWith('check_mode'));
    expect(todos.map((d) => `${d.span?.file}:${d.span?.line}`).sort()).toEqual([
      'roles/demo/tasks/main.yml:10',
      'roles/demo/tasks/main.yml:14',
      'roles/demo/tasks/main.yml:3',
      'site.yml:7',
    ]);
    expect(todos[0]!.message).toContain('only reports what it would change; its Chef resources would make the change');
    // The stat still reads, the check_mode: false task still runs.
    expect(recipe).toContain("file '/srv/x/real' do");
    expect(recipe).toContain("A2C::Tasks.register_stat(node.run_state, 'st'");
  });

  it('a play with check_mode: true is reported; check_mode: false on a play is not', async () => {
    const play = (v: string) =>
      convertProject({
        'site.yml': `- hosts: all\n  check_mode: ${v}\n  tasks:\n    - file: {path: /tmp/a2c-x, state: touch}\n`,
      });
    const on = await play('true');
    expect(on.diagnostics.map((d) => `${d.code} ${d.span?.line}`)).toContain('A2C-TODO-PLAY-KEYWORD 2');
    const off = await play('false');
    expect(off.diagnostics.filter((d) => d.code === 'A2C-TODO-PLAY-KEYWORD')).toEqual([]);
  });
});
