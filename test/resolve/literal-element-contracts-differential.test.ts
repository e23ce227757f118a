// A variable set outside the input written as an element of a list or dict literal in another
// variable's Jinja (os_cinder's `openstack_pki_san | default({'dns': [...], 'ip': [management_address]})`):
// the element is its value itself in Python and in Ruby, read under the literal's own type, so the
// use is neutral for a contract as the same element in the variable's YAML data is (use-scan.ts
// literal). With its other use printed, the variable is text or an integer, and for a str or an int
// ansible-playbook and the converted run write the same files, the literal printed as Python's repr;
// a list, a boolean or 'True' fail the converted run naming the variable. A literal that is looped
// over, or a dict key, is no such use.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { requireOrSkip } from '../helpers/real-tools.js';
import { ansibleRun, haveRunTools, UNSET, withConverted, type OutsideVar } from '../helpers/outside-var-runs.js';

function project(out: string, extra = ''): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [svc]\n',
    'inventory.ini': 'localhost\n',
    'roles/svc/defaults/main.yml': [
      'svc_addr: "{{ mgmt | default(\'127.0.0.1\') }}"',
      "svc_san: \"{{ ext_san | default({'dns': ['h'], 'ip': [mgmt, ['x', mgmt]]}) }}\"",
      extra,
      '',
    ].join('\n'),
    'roles/svc/tasks/main.yml': `- name: render\n  template: { src: svc.conf.j2, dest: "${out}/svc.conf" }\n`,
    'roles/svc/templates/svc.conf.j2': 'addr={{ svc_addr }}\nsan={{ svc_san }}\n',
  };
}

const LITERAL: OutsideVar = { project: (out) => project(out), name: 'mgmt', files: ['svc.conf'] };
const row = (md: string, n: string) => md.split('\n').find((l) => l.startsWith(`| \`${n}\` |`)) ?? '';

describe('a variable written as an element of a literal', () => {
  it('is stored there: with a printed use, text or an integer', async () => {
    const r = await convertProject(project('/etc/test'));
    expect(row(outputText(r, 'CONVERSION.md'), 'mgmt')).toMatch(
      /^\| `mgmt` \| text or integer \(`str\\\|int`\), inferred from use: stored at roles\/svc\/defaults\/main.yml:2, .*default at roles\/svc\/defaults\/main.yml:1/,
    );
    const attributes = outputText(r, 'svc/attributes/default.rb');
    expect(attributes).toContain("default['svc']['addr'] = (node.exist?('ansible', 'mgmt') ? node['ansible']['mgmt'] : '127.0.0.1').to_s");
    expect(attributes).toContain("'ip' => [node.read!('ansible', 'mgmt'),");
  });

  it('is no such use looped over or as a dict key', async () => {
    for (const extra of ['svc_loop: "{% for v in [mgmt] %}{{ v | upper }}{% endfor %}"', 'svc_keyed: "{{ {mgmt: 1} }}"']) {
      const md = outputText(await convertProject(project('/etc/test', extra)), 'CONVERSION.md');
      expect(row(md, 'mgmt'), extra).toMatch(/^\| `mgmt` \| not declared: unknown \|/);
    }
  });
});

const tools = requireOrSkip('ansible-playbook, ruby, erubis and shared/chef', haveRunTools());

describe.skipIf(!tools)('a variable written as an element of a literal vs real Ansible', () => {
  it('writes the same files for a str, an int or an unset variable', async () => {
    await withConverted(LITERAL, (chefRun) => {
      for (const v of ['10.0.0.1', 42, '', "it's", 'None', UNSET]) {
        const want = ansibleRun(LITERAL, v);
        // Unset: Ansible fails on the literal's undefined element, Chef on its strict read.
        if (v === UNSET) {
          expect(want).toHaveProperty('error');
          expect(chefRun(v)).toMatchObject({ error: expect.stringContaining('mgmt') });
          continue;
        }
        expect(want, String(v)).toHaveProperty('files');
        expect(chefRun(v), String(v)).toEqual(want);
      }
    });
    expect(ansibleRun(LITERAL, 42)).toEqual({ files: { 'svc.conf': "addr=42\nsan={'dns': ['h'], 'ip': [42, ['x', 42]]}\n" } });
  }, 240_000);

  it('refuses a list, a boolean or text Ansible reads back', async () => {
    await withConverted(LITERAL, (chefRun) => {
      for (const v of [['a'], true, 'True']) {
        expect(ansibleRun(LITERAL, v), JSON.stringify(v)).toHaveProperty('files');
        expect(chefRun(v), JSON.stringify(v)).toMatchObject({
          error: expect.stringMatching(/^failed A2C::Inputs::TypeMismatch: 'mgmt' \(node\['ansible'\]\['mgmt'\]\) is .*, not str\|int/),
        });
      }
    });
  }, 240_000);
});
