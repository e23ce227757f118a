// Modules whose Ansible result never says changed (debug, assert, pause, wait_for: the module
// table's never_changed) become Chef resources that report an update every time they run (the log
// provider marks itself updated unless count_log_resource_updates is off; a ruby_block or chef_sleep
// always does). Converted naively, their `notify` fired the handlers on every run and a later
// `when: r is changed` ran what Ansible skips. Checked with ansible-playbook (markers a handler and
// a guarded task would leave, and the registered `changed` written to a file), then the conversion:
// no notification, no subscription, a record that stays unchanged, and the report says why.
// The same holds for `changed_when: false` on any registered resource task; a changed_when
// condition decides a state Chef's resources do not report, so reads of such a result are refused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../helpers/workflow.js';
import { convertProject, convertRole, outputText } from '../../helpers/convert-helpers.js';
import { convergedFileText } from '../../helpers/converged-file.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const TASKS =
  [
    '- name: say',
    '  debug: {msg: hello}',
    '  register: r_debug',
    '  notify: handler debug',
    '- name: check',
    '  assert: {that: "1 == 1"}',
    '  register: r_assert',
    '  notify: handler assert',
    '- name: wait',
    '  pause: {seconds: 0}',
    '  register: r_pause',
    '- name: wait for nothing',
    '  wait_for: {timeout: 0}',
    '  register: r_wait',
    '- name: touch quietly',
    '  file: {path: "{{ out }}/touched", state: touch}',
    '  changed_when: false',
    '  register: r_file',
    '- name: after a change',
    '  file: {path: "{{ out }}/after", state: touch}',
    '  when: r_debug is changed or r_assert is changed or r_pause is changed or r_wait is changed or r_file is changed',
    '- name: after a change of the file',
    '  file: {path: "{{ out }}/after-file", state: touch}',
    '  when: r_file is changed',
    '- name: record what Ansible registered',
    '  copy:',
    '    dest: "{{ out }}/changed"',
    '    content: "{{ r_debug.changed }} {{ r_assert.changed }} {{ r_pause.changed }} {{ r_wait.changed }} {{ r_file.changed }}"',
  ].join('\n') + '\n';

const handler = (name: string, file: string) => `- name: ${name}\n  file: {path: "{{ out }}/${file}", state: touch}\n`;
const HANDLERS = handler('handler debug', 'h-debug') + handler('handler assert', 'h-assert');

describe('modules that never report a change', () => {
  const playbook = requireOrSkip('ansible-playbook and ruby', hasTool('ansible-playbook') && hasTool('ruby'));

  it.skipIf(!playbook)(
    'Ansible: no handler runs, no task guarded by `is changed` runs, every registered changed is false; the converged run agrees',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-never-changed-'));
      try {
        const tree = {
          'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [demo]\n',
          'inventory.ini': 'localhost\n',
          'roles/demo/defaults/main.yml': `out: ${dir}\n`,
          'roles/demo/tasks/main.yml': TASKS,
          'roles/demo/handlers/main.yml': HANDLERS,
        };
        writeTree(dir, tree);
        const r = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml'], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        expect(['h-debug', 'h-assert', 'after', 'after-file'].filter((f) => existsSync(join(dir, f)))).toEqual([]);
        expect(existsSync(join(dir, 'touched'))).toBe(true);
        expect(readFileSync(join(dir, 'changed'), 'utf8')).toBe('False False False False False');
        // The converted run, compiled and converged, writes the same records.
        const converted = await convertProject(tree);
        expect(convergedFileText(converted.files, 'changed')).toBe('False False False False False');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('converts them with no notification or subscription, and records each result unchanged', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'out: /tmp/a2c-out\n',
      'tasks/main.yml': TASKS,
      'handlers/main.yml': HANDLERS,
    });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    // Nothing notifies a handler, nothing subscribes to a resource, nothing marks a result changed.
    expect(recipe).not.toMatch(/notifies|subscribes|mark_changed/);
    for (const name of ['r_debug', 'r_assert', 'r_pause', 'r_wait', 'r_file'])
      expect(recipe).toContain(`A2C::Tasks.store(node.run_state, '${name}', { 'changed' => false, 'failed' => false`);
    // The guarded tasks read the records, which say unchanged.
    expect(recipe).toContain("only_if { A2C::Tasks.result?(A2C::Tasks.registered(node.run_state, 'r_file'), 'changed') }");
    const mine = r.tasks.filter((t) => t.span.file.endsWith('tasks/main.yml'));
    expect(mine.map((t) => t.outcome)).toEqual(Array(mine.length).fill('converted'));
    const notes = r.diagnostics.filter((d) => d.code === 'A2C-IGNORED-NOTIFY');
    expect(notes.map((d) => d.span?.line)).toEqual([4, 8]);
    expect(notes[0]!.message).toContain('ansible.builtin.debug never reports a change');
  });

  it('refuses reads of a result whose changed_when is a condition', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: touch',
        '  file: {path: /tmp/x, state: touch}',
        '  changed_when: "ansible_check_mode"',
        '  register: r_touch',
        '- name: after',
        '  file: {path: /tmp/y, state: touch}',
        '  when: r_touch is changed',
      ].join('\n'),
    });
    const after = r.tasks.find((t) => t.span.line === 5);
    expect(after?.outcome).toBe('todo');
    expect(r.diagnostics.find((d) => d.span?.line === 7 || d.span?.line === 5)?.message).toContain(
      'changed_when decides its changed state',
    );
    // The registering task itself converts; only the reads of its result are refused.
    expect(r.tasks.find((t) => t.span.line === 1)?.outcome).toBe('converted');
  });
});
