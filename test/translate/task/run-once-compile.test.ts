import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { convertProject } from '../../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

const ready = compileReady();
const inputs = compileInputs();

const FILES = {
  'site.yml':
    '- hosts: db\n  roles: [app]\n- hosts: web\n  tasks:\n    - name: warm the cache\n      command: /bin/warm\n      run_once: true\n',
  'inventory.ini': '[web]\nweb2\nweb1\n[db]\ndb2\ndb1\n',
  'roles/app/tasks/main.yml':
    [
      '- name: create the database',
      '  command: /bin/createdb',
      '  register: created',
      '  changed_when: created.rc == 0',
      '  run_once: true',
      '  notify: reload',
      '- name: seed',
      '  command: /bin/seed',
      '  run_once: true',
      '  delegate_to: "{{ groups.db[0] }}"',
      // Without run_once: repeated on db2 once per play host, the work of one run there.
      '- name: backup dir',
      '  file: { path: /var/backups/app, state: directory }',
      '  delegate_to: "{{ groups.db[0] }}"',
    ].join('\n') + '\n',
  'roles/app/handlers/main.yml': '- name: reload\n  service: { name: db, state: reloaded }\n',
};

describe.skipIf(!ready)('run_once in the compile phase', () => {
  it('every Policyfile run, with each node file, compiles; the guards are deferred to converge', async () => {
    const r = await convertProject(FILES);
    const runs = compileCheck(r.files, inputs);
    for (const run of runs) expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
    // One run per Policyfile and node file that carries it: db1, db2 (play 1), web1, web2 (play 2).
    expect(runs.filter((x) => x.id.includes('nodes/')).length).toBe(4);
    const db = runs.find((x) => x.id.includes('nodes/db1'))!;
    const ids = db.detail!.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['ruby_block[create the database]', 'execute[seed]']));
    expect(db.detail!.find((d) => d.id === 'execute[seed]')!.properties['only_if']).toBe('<block>');
    expect(r.stats.todo).toBe(0);
    expect(db.detail!.find((d) => d.id.endsWith('[/var/backups/app]'))!.properties['only_if']).toBe('<block>');
    const web = runs.find((x) => x.id.includes('nodes/web2'))!;
    expect(web.detail!.find((d) => d.id === 'execute[warm the cache]')!.properties['only_if']).toBe('<block>');
  });
});

describe.skipIf(!ready)("the play's hosts in the compile phase", () => {
  it('a role variable and a template reading ansible_play_hosts compile on every node of the play', async () => {
    const r = await convertProject({
      'site.yml': '- hosts: db\n  roles: [app]\n',
      'inventory.ini': '[db]\ndb2\ndb1\n',
      'roles/app/vars/main.yml':
        '_app_is_first_play_host: "{{ (inventory_hostname == (groups[\'db\'] | intersect(ansible_play_hosts)) | first) | bool }}"\n',
      'roles/app/templates/peers.j2': '{% for h in ansible_play_hosts_all %}{{ h }}\n{% endfor %}',
      'roles/app/tasks/main.yml':
        '- name: peers\n  template: { src: peers.j2, dest: /etc/peers }\n- name: bootstrap\n  command: /bin/bootstrap\n  when: _app_is_first_play_host\n',
    });
    expect(r.stats.todo).toBe(0);
    const runs = compileCheck(r.files, inputs);
    expect(runs.filter((x) => x.id.includes('nodes/')).length).toBe(2);
    for (const run of runs) expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
  });
});
