// `{{ role_path }}/tasks/x.yml` and `{{ role_path }}/templates/x.j2` (Temelio's roles include every task
// file and template so): an absolute path to a file of the role itself, converted as that very file. The
// decoy tasks/sub/x.yml shows it is no search: import_tasks of a bare `x.yml` from tasks/sub/ would read the
// decoy first. Checked against ansible-playbook and the compile phase; paths that leave the role or name
// no role file stay what they were (a TODO or a missing file).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck, type CompileInputs } from '../../src/scripts/chef-compile.js';
import { convertProject, formatDiagnostic, outputText } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');
const ready =
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

const project = (dir: string, head: string): Record<string, string> => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n${head}  roles: [exp]\n`,
  'roles/exp/defaults/main.yml': 'exp_port: 9001\n',
  'roles/exp/tasks/main.yml': '- include_tasks: "{{ role_path }}/tasks/sub/main.yml"\n',
  'roles/exp/tasks/sub/main.yml': '- import_tasks: "{{ role_path }}/tasks/x.yml"\n',
  'roles/exp/tasks/x.yml':
    [
      '- name: the role template by its absolute path',
      '  template:',
      '    src: "{{ role_path }}/templates/exp.conf.j2"',
      `    dest: ${dir}/exp.conf`,
    ].join('\n') + '\n',
  'roles/exp/tasks/sub/x.yml': `- copy: { content: decoy, dest: ${dir}/decoy }\n`,
  'roles/exp/templates/exp.conf.j2': 'port={{ exp_port }}\n',
});

describe('{{ role_path }}/<role file>', () => {
  it('includes the task file and ships the template it names', async () => {
    const r = await convertProject(project('/etc/exp', ''));
    const diags = r.diagnostics.map(formatDiagnostic).join('\n');
    expect(diags).not.toMatch(/A2C-TODO|A2C-MISSING/);
    expect(outputText(r, 'exp/recipes/default.rb')).toContain("include_recipe 'exp::sub_main'");
    expect(outputText(r, 'exp/recipes/sub_main.rb')).toContain("include_recipe 'exp::x'");
    expect(outputText(r, 'exp/recipes/x.rb')).toContain("source 'exp.conf.erb'");
  });

  it('leaves other paths after role_path as they were', async () => {
    const files = {
      'site.yml': '- hosts: all\n  roles: [exp]\n',
      'roles/exp/tasks/main.yml':
        [
          '- include_tasks: "{{ role_path }}/../other/tasks/main.yml"',
          '- template: { src: "{{ role_path }}/templates/none.j2", dest: /etc/none }',
          '- include_tasks: "{{ role_path }}/tasks/{{ ansible_os_family }}.yml"',
        ].join('\n') + '\n',
      'roles/exp/tasks/Debian.yml': '- debug: { msg: deb }\n',
    };
    const diags = (await convertProject(files)).diagnostics.map(formatDiagnostic).join('\n');
    // Out of the role: not a file of it, so still a templated name that fits no task file.
    expect(diags).toMatch(/main\.yml:1:\d+: warning A2C-TODO-INCLUDE include with a templated file name: no task file of the role fits/);
    // Under templates/ but absent: missing, looked for only where the absolute path points.
    expect(diags).toMatch(
      /main\.yml:2:\d+: error A2C-MISSING-FILE template none\.j2 not found \(looked in roles\/exp\/templates\/none\.j2\)/,
    );
    expect(diags).toMatch(/main\.yml:3:\d+: warning A2C-TODO-(INCLUDE|JINJA)/);
  });

  it.skipIf(!ready)('gives what ansible-playbook writes', async () => {
    const ansible = withLocalPlay(
      (dir) => project(dir, '  connection: local\n'),
      (run) => {
        expect(run.status, run.log).toBe(0);
        expect(existsSync(join(run.dir, 'decoy'))).toBe(false);
        return readFileSync(join(run.dir, 'exp.conf'), 'utf8');
      },
    );
    const r = await convertProject({ ...project('/etc/exp', ''), 'inventory.ini': 'web1\n' });
    const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true } satisfies CompileInputs);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
      const ids = run.detail!.map((d) => d.id);
      expect(ids).toContain('template[/etc/exp/exp.conf]');
      expect(ids).not.toContain('file[/etc/exp/decoy]');
    }
    expect(ansible).toBe('port=9001\n');
  });
});
