import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertProject, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady();
const inputs = compileInputs();

const DEFAULTS = [
  'units:',
  '  - src: "{{ role_path }}/templates/services/a.service.j2"',
  '    dest: /etc/systemd/system/a.service',
  '  - src: "{{ role_path }}/templates/b.conf.j2"',
  '    dest: /etc/b.conf',
  '',
].join('\n');

const TASKS = [
  '- name: Units',
  '  template:',
  '    src: "{{ item.src }}"',
  '    dest: "{{ item.dest }}"',
  '    mode: "{{ item.mode | default(\'0644\') }}"',
  '  loop: "{{ units | flatten(levels=1) }}"',
  '  register: units_out',
  '- name: Reload',
  '  command: systemctl daemon-reload',
  '  when: units_out.changed',
  '',
].join('\n');

function project(tasks = TASKS, extra: TextTree = {}): TextTree {
  return {
    'site.yml': '- hosts: app\n  roles: [app]\n',
    'inventory.ini': '[app]\nh1\n',
    'roles/app/defaults/main.yml': DEFAULTS,
    'roles/app/templates/services/a.service.j2': '[Unit]\nDescription={{ inventory_hostname }}\n',
    'roles/app/templates/b.conf.j2': 'b\n',
    'roles/app/README.md': 'Set `units` to a list of templates.\n',
    'roles/app/tasks/main.yml': tasks,
    ...extra,
  };
}

describe('role_path in a default read only as a template src', () => {
  it('reads as the cookbook folder there: the value names the cookbook copy of the role template', async () => {
    const r = await convertProject(project());
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => `${t.span.line}: ${t.reason}`)).toEqual([]);
    const attrs = outputText(r, 'app/attributes/default.rb');
    expect(attrs).toContain("'src' => './templates/services/a.service.j2'");
    expect(attrs).toContain("'src' => './templates/b.conf.j2'");
    expect(outputText(r, 'app/templates/services/a.service.erb')).toContain('Description=');
  });

  it.skipIf(!ready)('each template resource takes its source from the cookbook (compile phase)', async () => {
    const runs = compileCheck((await convertProject(project())).files, inputs);
    const run = runs.find((x) => x.id.endsWith('nodes/h1.json')) ?? runs[0];
    expect(run, JSON.stringify(runs)).toMatchObject({ ok: true });
    const sources = Object.fromEntries(
      (run!.detail ?? []).filter((d) => d.id.startsWith('template[')).map((d) => [d.id, d.properties['source']]),
    );
    expect(sources).toEqual({
      'template[/etc/systemd/system/a.service]': 'services/a.service.erb',
      'template[/etc/b.conf]': 'b.conf.erb',
    });
  });

  it.each([
    ['the variable is read elsewhere', `${TASKS}- debug: { msg: "{{ units }}" }\n`],
    ['the loop reads the whole item', TASKS.replace("default('0644') }}", "default('0644') }}{{ item | length }}")],
    ['the field is read again', TASKS.replace('dest: "{{ item.dest }}"', 'dest: "{{ item.dest }}{{ item.src | basename }}"')],
    ['the result is read beyond changed', TASKS.replace('units_out.changed', 'units_out.results | length > 0')],
    ['the module is no template', TASKS.replace('  template:', '  copy:')],
  ])('stays a TODO when %s', async (_, tasks) => {
    const r = await convertProject(project(tasks));
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain("magic variable 'role_path' has no sound equivalent");
  });

  it("stays a TODO when a template reads the loop's registered result (its items carry the value)", async () => {
    const r = await convertProject(project(TASKS, { 'roles/app/templates/report.j2': '{{ units_out.results }}\n' }));
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain("magic variable 'role_path' has no sound equivalent");
  });

  it('stays a TODO when another input file names the variable (a group_vars override)', async () => {
    const r = await convertProject(project(TASKS, { 'group_vars/app.yml': 'units: []\n' }));
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain("magic variable 'role_path' has no sound equivalent");
  });
});
