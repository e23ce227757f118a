// `template: src: "{{ item }}"` with `with_first_found` over the role's templates (mongodb-install's
// hugepages units by distribution, then by OS family): the first name computed from the node's facts
// that names a template of the role. A name another folder of the input could also hold (where Ansible
// searches too) or skip: true keeps the task a TODO. Checked against ansible-playbook on this Debian
// machine and the compile phase on the ground-truth facts of a Debian 12 machine.
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
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile)) &&
  requireOrSkip('a Debian machine (as the ground truth)', existsSync('/etc/debian_version'));

const project = (dest: string, head: string, extra: Record<string, string> = {}, loop = ''): Record<string, string> => ({
  'site.yml': `- hosts: all\n${head}  roles: [thp]\n`,
  'roles/thp/tasks/main.yml':
    [
      '- name: unit by distribution, else by family',
      '  template:',
      '    src: "{{ item }}"',
      `    dest: ${dest}`,
      '  with_first_found:',
      ...(loop
        ? [loop]
        : ['    - "dist/{{ ansible_distribution | lower }}.unit.j2"', '    - "family/{{ ansible_os_family | lower }}.unit.j2"']),
    ].join('\n') + '\n',
  'roles/thp/templates/dist/ubuntu.unit.j2': 'ubuntu {{ ansible_distribution }}\n',
  'roles/thp/templates/family/debian.unit.j2': 'family debian\n',
  'roles/thp/templates/family/redhat.unit.j2': 'family redhat\n',
  ...extra,
});

describe('with_first_found over the role templates', () => {
  it('renders the first name that names a template of the role', async () => {
    const r = await convertProject(project('/etc/thp.unit', ''));
    expect(r.diagnostics.map(formatDiagnostic).join('\n')).not.toMatch(/A2C-TODO/);
    expect(outputText(r, 'thp/recipes/default.rb')).toContain('A2C::Tasks.first_found_file([');
  });

  it('keeps a TODO where another folder could hold a name, and for skip', async () => {
    const other = await convertProject(project('/etc/thp.unit', '', { 'templates/family/debian.unit.j2': 'playbook copy\n' }));
    expect(other.diagnostics.map(formatDiagnostic).join('\n')).toMatch(
      /A2C-TODO-LOOP with_first_found: family\/\{\{ ansible_os_family \| lower \}\}\.unit\.j2 could also name templates\/family\/debian\.unit\.j2/,
    );
    const skip = await convertProject(
      project('/etc/thp.unit', '', {}, '    - files: ["family/{{ ansible_os_family | lower }}.unit.j2"]\n      skip: true'),
    );
    expect(skip.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/A2C-TODO-LOOP with_first_found: skip: true/);
  });

  it.skipIf(!ready)('picks the file ansible-playbook picks', async () => {
    const ansible = withLocalPlay(
      (dir) => project(join(dir, 'out'), '  connection: local\n'),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(join(run.dir, 'out'), 'utf8');
      },
    );
    expect(ansible).toBe('family debian\n');
    const r = await convertProject({ ...project('/etc/thp.unit', ''), 'inventory.ini': 'web1\n' });
    const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true } satisfies CompileInputs);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
      const t = run.detail!.find((d) => d.id === 'template[/etc/thp.unit]');
      expect(t?.properties['source'], JSON.stringify(run.detail)).toBe('family/debian.unit.erb');
    }
  });
});
