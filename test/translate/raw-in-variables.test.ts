// `{% raw %}` in a variable's value (Prometheus alert rules keep `{{ $labels.instance }}` for Prometheus):
// the value is the block's text, as Ansible renders it where it is read. A set_fact stores a rendered
// string, which Ansible templates once more when it is read, so a variable some set_fact value reads keeps
// its raw block a TODO (translate/raw-text.ts). Checked against ansible-playbook and the compile phase.
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

const DEFAULTS = [
  'rules:',
  '  - alert: InstanceDown',
  '    for: 5m',
  '    annotations:',
  '      summary: "{% raw %}Instance {{ $labels.instance }} down{% endraw %}"',
  'mixed: "{% raw %}{{ x }}{% endraw %} and {{ other }}{% if other %} set{% endif %}"',
  'other: o',
  'copied: "{% raw %}{{ x }}{% endraw %}"',
].join('\n');

const project = (dest: string, head: string, withSetFact: boolean): Record<string, string> => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n${head}  roles: [prom]\n`,
  'roles/prom/defaults/main.yml': `${DEFAULTS}\n`,
  'roles/prom/tasks/main.yml':
    [
      ...(withSetFact ? ['- set_fact:', '    stored: "{{ copied }}"'] : []),
      '- copy:',
      '    content: "{{ rules | to_nice_yaml(indent=2) }}|{{ mixed }}"',
      `    dest: ${dest}`,
    ].join('\n') + '\n',
});

describe('{% raw %} in a variable value', () => {
  it('is the text of the block, unless a set_fact stores the value', async () => {
    const r = await convertProject(project('/etc/rules', '', true));
    const attrs = outputText(r, 'prom/attributes/default.rb');
    expect(attrs).toContain("'summary' => A2C::Jinja.convert_data('Instance {{ $labels.instance }} down')");
    const diags = r.diagnostics.map(formatDiagnostic).join('\n');
    // `copied` is stored by the set_fact: Ansible would template `{{ x }}` again when `stored` is read.
    expect(diags).toMatch(
      /tasks\/main\.yml:2:\d+: warning A2C-TODO-JINJA .*copied.*\{% raw %\} inside a variable string is translated only in the value of a variable no set_fact stores/,
    );
    expect(diags).not.toMatch(/variable (rules|mixed)\b/);
  });

  it.skipIf(!ready)('gives what ansible-playbook writes', async () => {
    const ansible = withLocalPlay(
      (dir) => project(join(dir, 'out'), '  connection: local\n', false),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(join(run.dir, 'out'), 'utf8');
      },
    );
    expect(ansible).toContain('{{ $labels.instance }}');
    const r = await convertProject({ ...project('/etc/rules', '', false), 'inventory.ini': 'web1\n' });
    const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true } satisfies CompileInputs);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
      const file = run.detail!.find((d) => d.id === 'file[/etc/rules]');
      expect(file?.properties['content'], JSON.stringify(run.detail)).toBe(ansible);
    }
  });
});
