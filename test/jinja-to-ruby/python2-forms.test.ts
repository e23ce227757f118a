// Python 2 forms in Jinja (`d.iteritems()`, `d.has_key(k)`, `d.items() + e.items()`) worked under the
// Ansible of Python 2 and fail under Ansible 2.14, which runs on Python 3: the task is input to fix,
// reported as such with the form to write, not a translation gap. Checked against ansible-playbook.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';
import { needOf } from '../../src/base/diagnostic-codes.js';

const DEFAULTS = 'd:\n  a: 1\n  b: null\ne:\n  c: 2\n';

// Each form, and what Python 3 accepts in its place (the diagnostic's advice).
const FORMS: Array<[string, string, string]> = [
  [
    '{% for k, v in d.iteritems() %}{{ k }}={{ v }};{% endfor %}',
    '{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}',
    "write '.items()'",
  ],
  ['{% for k in d.iterkeys() %}{{ k }};{% endfor %}', '{% for k in d.keys() %}{{ k }};{% endfor %}', "write '.keys()'"],
  ['{% for v in d.itervalues() %}{{ v }};{% endfor %}', '{% for v in d.values() %}{{ v }};{% endfor %}', "write '.values()'"],
  ["{{ d.has_key('a') }}", "{{ 'a' in d }}", "write 'key in d'"],
  [
    '{% for k, v in (d.items() + e.items()) %}{{ k }};{% endfor %}',
    '{% for k, v in ((d.items() | list) + (e.items() | list)) %}{{ k }};{% endfor %}',
    "write '(d.items() | list) + ...'",
  ],
  ['{{ d.keys() + [1] }}', '{{ (d.keys() | list) + [1] }}', "write '(d.keys() | list) + ...'"],
];

const role = (template: string) => ({
  'defaults/main.yml': DEFAULTS,
  'templates/t.j2': `${template}\n`,
  'tasks/main.yml': '- name: renders it\n  template:\n    src: t.j2\n    dest: /tmp/t\n',
});

describe('a Python 2 form in a template', () => {
  it.each(FORMS)('%s is input to fix, at the template and at its task', async (form, _fixed, advice) => {
    const r = await convertRole(role(form));
    const found = r.diagnostics.filter((d) => d.code === 'A2C-JINJA-PYTHON2');
    expect(found).toHaveLength(2);
    const atTemplate = found.find((d) => d.span?.file === 'templates/t.j2')!;
    expect(atTemplate.message).toContain(advice);
    expect(atTemplate.message).toContain('Python 3');
    expect(atTemplate.span?.line).toBe(1);
    const atTask = found.find((d) => d.span?.file === 'tasks/main.yml')!;
    expect(atTask.message).toContain('template t.j2 holds a form Ansible refuses');
    expect(needOf('A2C-JINJA-PYTHON2')).toBe('input');
    expect(r.diagnostics.some((d) => d.code === 'A2C-TODO-TEMPLATE')).toBe(false);
    expect(recipeBody(r, 'demo')).toMatch(/TODO[\s\S]*renders it/);
  });

  it.each(FORMS)('the Python 3 form of %s converts', async (_form, fixed) => {
    const r = await convertRole(role(fixed));
    expect(r.diagnostics.filter((d) => d.code === 'A2C-JINJA-PYTHON2')).toHaveLength(0);
  });

  it('in a task argument, the task alone is the TODO', async () => {
    const r = await convertRole({
      'defaults/main.yml': DEFAULTS,
      'tasks/main.yml': '- name: prints it\n  debug:\n    msg: "{{ d.has_key(\'a\') }}"\n',
    });
    const found = r.diagnostics.filter((d) => d.code === 'A2C-JINJA-PYTHON2');
    expect(found).toHaveLength(1);
    expect(found[0]!.span?.file).toBe('tasks/main.yml');
    expect(recipeBody(r, 'demo')).toMatch(/TODO[\s\S]*prints it/);
  });
});

describe.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('Ansible 2.14 on the same templates', () => {
  it.each(FORMS)('fails on %s and renders its Python 3 form', (form, fixed) => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-python2-'));
    const run = (template: string) => {
      writeFileSync(join(dir, 't.j2'), `${template}\n`);
      writeFileSync(
        join(dir, 'play.yml'),
        [
          '- hosts: localhost',
          '  gather_facts: false',
          '  vars:',
          ...DEFAULTS.trimEnd()
            .split('\n')
            .map((l) => `    ${l}`),
          '  tasks:',
          '    - template:',
          `        src: ${join(dir, 't.j2')}`,
          `        dest: ${join(dir, 'out')}`,
          '',
        ].join('\n'),
      );
      return spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
        encoding: 'utf8',
        env: ansibleEnv(),
      });
    };
    const bad = run(form);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/has no attribute '(iteritems|iterkeys|itervalues|has_key)'|unsupported operand type\(s\) for \+: 'dict_/);
    const good = run(fixed);
    expect(good.status, good.stdout).toBe(0);
  });
});
