// `hostvars[h].x` where only set_fact or register set x reads a value host h's own Ansible run
// made in this playbook run: Chef runs of separate nodes share no run state, so the read is kept as
// a push-model TODO by design (the report counts it apart from work left), never converted.
import { describe, expect, it } from 'vitest';
import { convertProject } from '../helpers/convert-helpers.js';

const project = (content: string, extra: Record<string, string> = {}) => ({
  'inventory/hosts': '[web]\nw1\nw2\n',
  'site.yml': '- hosts: web\n  roles: [demo]\n',
  'roles/demo/tasks/main.yml': [
    '- slurp:',
    '    src: /etc/key.pem',
    '  register: key_read',
    '- set_fact:',
    '    key_fact: "{{ key_read.content }}"',
    '- copy:',
    '    dest: /etc/out',
    `    content: "${content}"`,
    '',
  ].join('\n'),
  ...extra,
});

const last = async (files: Record<string, string>) => {
  const r = await convertProject(files);
  return r.tasks.at(-1)!;
};

describe("another host's run-time values through hostvars", () => {
  it.each([
    ["{{ hostvars[groups['web'][0]]['key_fact'] }}", 'key_fact is only a fact set_fact sets'],
    ["{{ hostvars[groups['web'][0]].key_read.content }}", 'key_read is only a registered result'],
    ["{{ hostvars['w2']['key_fact'] | b64decode }}", 'key_fact is only a fact set_fact sets'],
  ])('%s is a push-model TODO', async (content, why) => {
    const t = await last(project(content));
    expect([t.outcome, t.code]).toEqual(['todo', 'A2C-TODO-PUSH-MODEL']);
    expect(t.reason).toContain(why);
  });

  it("this host's own value is no push-model read, and an inventory variable converts", async () => {
    const own = await last(project("{{ hostvars[inventory_hostname]['key_fact'] }}"));
    expect(own.code).not.toBe('A2C-TODO-PUSH-MODEL');
    const inv = await last(project("{{ hostvars[groups['web'][0]]['port'] }}", { 'inventory/group_vars/web.yml': 'port: 80\n' }));
    expect(inv.outcome).toBe('converted');
    // A name the inventory also sets is not only a run-time value.
    const both = await last(project("{{ hostvars[groups['web'][0]]['key_fact'] }}", { 'inventory/group_vars/web.yml': 'key_fact: k\n' }));
    expect(both.code).not.toBe('A2C-TODO-PUSH-MODEL');
  });
});
