// `changed_when: false` on a task that notifies: the task never reports a change, so Ansible never
// runs the handlers it names. Checked with ansible-playbook (handlers that leave a marker file),
// then the conversion: the resource carries no notification, and the report says why.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../helpers/workflow.js';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const TASKS =
  [
    '- name: never changed',
    '  command: /bin/true',
    '  changed_when: false',
    '  notify: handler one',
    '- name: never changed (Jinja literal)',
    '  command: /bin/true',
    '  changed_when: "false"',
    '  notify: [handler two]',
    '- name: changed',
    '  command: /bin/true',
    '  notify: handler three',
  ].join('\n') + '\n';

const handler = (name: string, file: string) => `- name: ${name}\n  file: {path: "{{ out }}/${file}", state: touch}\n`;
const HANDLERS = handler('handler one', 'one') + handler('handler two', 'two') + handler('handler three', 'three');

describe('changed_when: false with notify', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible runs none of the handlers such a task names',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-changed-when-'));
      try {
        writeTree(dir, {
          'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [demo]\n',
          'roles/demo/tasks/main.yml': TASKS,
          'roles/demo/handlers/main.yml': HANDLERS,
        });
        const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml', '-e', `out=${dir}`], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        expect(['one', 'two', 'three'].filter((f) => existsSync(join(dir, f)))).toEqual(['three']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('converts such a task without its notification, and says so', async () => {
    const r = await convertRole({ 'tasks/main.yml': TASKS, 'handlers/main.yml': HANDLERS });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    const blocks = recipe.split(/\n(?=# tasks\/main\.yml:)/);
    const block = (title: string) => blocks.find((b) => b.includes(`execute '${title}' do`)) ?? '';
    expect(block('never changed')).not.toContain('notifies');
    expect(block('never changed (Jinja literal)')).not.toContain('notifies');
    expect(block('changed')).toContain("notifies :touch, 'file[handler three]', :delayed");
    expect(r.tasks.filter((t) => t.span.file.endsWith('tasks/main.yml')).map((t) => t.outcome)).toEqual([
      'converted',
      'converted',
      'converted',
    ]);
    const notes = r.diagnostics.filter((d) => d.code === 'A2C-IGNORED-NOTIFY');
    expect(notes.map((d) => d.span?.line)).toEqual([4, 8]);
    expect(notes[0]!.message).toContain('changed_when: false');
  });
});
