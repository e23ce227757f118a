// A group's vars are translated once for all the plays naming the group (group-attributes.ts),
// except where the translation reads what differs from play to play (the play's hosts). Two
// playbooks share group_vars/all; each play's cookbook must read the hosts of its own play (a
// translation shared by both would give the second the first play's), and both the plain values.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText, type TextTree } from '../helpers/convert-helpers.js';

const task = `- name: show\n  debug:\n    msg: "{{ site }} {{ peers }}"\n`;

function project(groupVars: string): TextTree {
  return {
    'inventory/hosts.ini': '[web]\nw1\nw2\n[db]\nd1\n',
    'inventory/group_vars/all.yml': groupVars,
    'roles/r1/tasks/main.yml': task,
    'roles/r2/tasks/main.yml': task,
    'web.yml': '- hosts: web\n  roles: [r1]\n',
    'db.yml': '- hosts: db\n  roles: [r2]\n',
  };
}

describe('group attributes shared by plays', () => {
  it("a value reading the play's hosts is translated for each play; a plain one is the same in both", async () => {
    const r = await convertProject(project('base: example.org\nsite: "{{ base }}/app"\npeers: "{{ ansible_play_hosts | join(\',\') }}"\n'));
    const web = outputText(r, 'r1/attributes/default.rb');
    const db = outputText(r, 'r2/attributes/default.rb');
    // The hosts of the play whose Policyfile the node uses: web_playbook's for r1, db_playbook's for r2.
    expect(web).toContain("A2C::Jinja.play_hosts(node, 'ansible', 'web_playbook')");
    expect(web).not.toContain('db_playbook');
    expect(db).toContain("A2C::Jinja.play_hosts(node, 'ansible', 'db_playbook')");
    expect(db).not.toContain('web_playbook');
    for (const text of [web, db]) expect(text).toContain(`force_default['ansible']['site'] = "#{node.read!('ansible', 'base')}/app"`);
    expect(outputText(r, 'policyfiles/web.rb')).toContain("default['ansible']['base'] = 'example.org'");
    expect(outputText(r, 'policyfiles/db.rb')).toContain("default['ansible']['base'] = 'example.org'");
  });
});
