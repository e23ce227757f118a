// A task whose src is the file an earlier fetch task copied to the Ansible controller (the
// fetch-then-config_template pattern of OpenStack-Ansible's service roles) reads the controller's
// copy: a TODO by design like the fetch itself, naming that fetch. Other templated srcs are not
// affected: another text, another loop, a fetch that comes later, another task file.
import { describe, expect, it } from 'vitest';
import { convertRole } from '../helpers/convert-helpers.js';

const FETCH = [
  '- name: fetch',
  '  fetch:\n    src: "{{ item.target }}"\n    dest: "{{ item.tmp }}"\n    flat: true',
  '  run_once: true',
  '  with_items: "{{ core_files }}"',
].join('\n');
const defaults = 'core_files:\n  - target: /etc/a.ini\n    tmp: /tmp/a.ini\n';
const copy = (src: string, loop = 'with_items: "{{ core_files }}"') =>
  `- name: copy\n  copy:\n    src: "${src}"\n    dest: "{{ item.target }}"\n  ${loop}\n`;

describe('a src that a fetch task wrote on the controller', () => {
  it('is a TODO by design naming the fetch', async () => {
    const conv = await convertRole({
      'defaults/main.yml': defaults,
      'files/x': 'x\n',
      'tasks/main.yml': `${FETCH}\n${copy('{{ item.tmp }}')}`,
    });
    const reader = conv.tasks.find((t) => t.span.line > 5)!;
    expect([reader.outcome, reader.code]).toEqual(['todo', 'A2C-TODO-CONTROLLER']);
    expect(reader.reason).toContain('is the file the fetch task at tasks/main.yml:1 copies from a node to the Ansible controller');
  });

  it.each([
    ['another src text', `${FETCH}\n${copy('{{ item.other }}')}`],
    ['another loop', `${FETCH}\n${copy('{{ item.tmp }}', 'loop: "{{ core_files }}"')}`],
    ['a fetch that comes later', `${copy('{{ item.tmp }}')}${FETCH}\n`],
  ])('%s: the copy is translated as before', async (_, tasks) => {
    const conv = await convertRole({ 'defaults/main.yml': defaults, 'files/x': 'x\n', 'tasks/main.yml': tasks });
    const copyTask = conv.tasks.find((t) => t.module === 'ansible.builtin.copy')!;
    expect(copyTask.reason ?? '').not.toContain('fetch task');
    expect(copyTask.code).not.toBe('A2C-TODO-CONTROLLER');
  });
});
