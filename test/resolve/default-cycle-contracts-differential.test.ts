// Contracts that justify each other (use-contracts.ts widestContracts), against real Ansible: as in
// OpenStack-Ansible's os_cinder, a variable set outside the input (ext_proto) is read twice through
// default(), once with a fallback that is itself `ext_proto | default(...)`. ext_proto is text or an
// integer only if that fallback is, and the fallback is only if ext_proto is: the rounds that start
// from no contract leave both unknown, the rounds that start from every candidate keep both. The
// URLs built on them are then plain Ruby interpolation, and for a str or an int ansible-playbook and
// the converted run (compiled and converged by test/tools/converge-render.rb) write the same files;
// a boolean, a list, 'True' or text Ansible reads back as a list ('[1]#', a comment after a list)
// fail the converted run at A2C::Inputs.check!, naming the variable, where Ansible prints otherwise.
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { requireOrSkip } from '../helpers/real-tools.js';
import { ansibleRun, haveRunTools, UNSET, withConverted, type OutsideVar } from '../helpers/outside-var-runs.js';

function project(out: string): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [svc]\n',
    'inventory.ini': 'localhost\n',
    'roles/svc/defaults/main.yml': [
      'svc_proto: http',
      'svc_public_proto: "{{ ext_proto | default(svc_proto) }}"',
      'svc_v3_proto: "{{ ext_proto | default(svc_public_proto) }}"',
      'svc_uri: "{{ svc_v3_proto }}://h:5000"',
      'svc_url: "{{ svc_uri }}/v3"',
      '',
    ].join('\n'),
    'roles/svc/tasks/main.yml': [
      '- name: render',
      `  template: { src: svc.conf.j2, dest: "${out}/svc.conf" }`,
      '- name: url',
      `  copy: { content: "{{ svc_url }}", dest: "${out}/url.txt" }`,
      '',
    ].join('\n'),
    'roles/svc/templates/svc.conf.j2': 'public={{ svc_public_proto }}\nuri={{ svc_uri }}\n',
  };
}

const CYCLE: OutsideVar = { project, name: 'ext_proto', files: ['svc.conf', 'url.txt'] };

describe('defaults whose fallbacks are typed by each other', () => {
  it('give the outside variable a text-or-integer contract, and the URLs built on it print plain', async () => {
    const r = await convertProject(project('/etc/test'));
    expect(outputText(r, 'CONVERSION.md')).toMatch(
      /\| `ext_proto` \| text or integer \(`str\\\|int`\), inferred from use: default at roles\/svc\/defaults\/main.yml:2, default at roles\/svc\/defaults\/main.yml:3 \|/,
    );
    expect(outputText(r, 'svc/libraries/input_contracts.rb')).toMatch(/'ext_proto' => \{\s+type: :str_or_int,/);
    const attributes = outputText(r, 'svc/attributes/default.rb');
    expect(attributes).toContain(
      "default['svc']['public_proto'] = (node.exist?('ansible', 'ext_proto') ? node['ansible']['ext_proto'] : node['svc']['proto']).to_s",
    );
    expect(attributes).toContain(
      "default['svc']['v3_proto'] = (node.exist?('ansible', 'ext_proto') ? node['ansible']['ext_proto'] : node['svc']['public_proto']).to_s",
    );
    expect(attributes).toContain("default['svc']['uri'] = \"#{node['svc']['v3_proto']}://h:5000\"");
    expect(attributes).toContain("default['svc']['url'] = \"#{node['svc']['uri']}/v3\"");
    expect(attributes).not.toContain('A2C::Jinja');
    const erb = outputText(r, 'svc/templates/svc.conf.erb');
    expect(erb).toContain("public=<%= node['svc']['public_proto'] %>\nuri=<%= node['svc']['uri'] %>");
    expect(erb).not.toContain('A2C::');
    expect(outputText(r, 'svc/recipes/default.rb')).toContain("\nA2C::Inputs.check!(node, 'ansible', SvcCookbook::INPUT_CONTRACTS)\n");
  });

  it('stay unknown where another use refutes one of them, and so the other', async () => {
    // a falls back on b's default and b on a's; `b | lower` says b is text (a filter: no contract),
    // so a's fallback is of unknown type too.
    const files = {
      'site.yml': '- hosts: all\n  roles: [svc]\n',
      'roles/svc/defaults/main.yml': [
        'svc_a: "{{ a | default(svc_b_or) }}"',
        'svc_b: "{{ b | default(svc_a_or) }}"',
        'svc_a_or: "{{ a | default(\'x\') }}"',
        'svc_b_or: "{{ b | default(\'y\') }}"',
        '',
      ].join('\n'),
      'roles/svc/tasks/main.yml': '- name: render\n  template: { src: svc.conf.j2, dest: /etc/svc.conf }\n',
      'roles/svc/templates/svc.conf.j2': '{{ svc_a }} {{ svc_b }} {{ b | lower }}\n',
    };
    const md = outputText(await convertProject(files), 'CONVERSION.md');
    expect(md).toMatch(/\| `a` \| not declared: unknown \|/);
    expect(md).toMatch(/\| `b` \| not declared: unknown \|/);
    // Without the refuting use, both are text or integers.
    files['roles/svc/templates/svc.conf.j2'] = '{{ svc_a }} {{ svc_b }}\n';
    const plain = outputText(await convertProject(files), 'CONVERSION.md');
    expect(plain).toMatch(/\| `a` \| text or integer \(`str\\\|int`\), inferred from use: /);
    expect(plain).toMatch(/\| `b` \| text or integer \(`str\\\|int`\), inferred from use: /);
  });
});

const tools = requireOrSkip('ansible-playbook, ruby, erubis and shared/chef', haveRunTools());

describe.skipIf(!tools)('defaults whose fallbacks are typed by each other vs real Ansible', () => {
  it('writes the same files for a str, an int or an unset variable', async () => {
    await withConverted(CYCLE, (chefRun) => {
      for (const v of ['https', 8443, '', 'ends\n', 'None', 'yes', UNSET]) {
        const want = ansibleRun(CYCLE, v);
        expect(want, String(v)).toHaveProperty('files');
        expect(chefRun(v), String(v)).toEqual(want);
      }
    });
    expect(ansibleRun(CYCLE, UNSET)).toEqual({ files: { 'svc.conf': 'public=http\nuri=http://h:5000\n', 'url.txt': 'http://h:5000/v3' } });
  }, 240_000);

  it('refuses a boolean, a list or text Ansible reads back, which Ansible prints as Python does', async () => {
    await withConverted(CYCLE, (chefRun) => {
      for (const [v, printed] of [
        [true, 'public=True'],
        [['a'], "public=['a']"],
        ['True', 'public=True'],
        ['[1]#', 'public=[1]'],
      ] as const) {
        const want = ansibleRun(CYCLE, v);
        expect(want, JSON.stringify(v)).toMatchObject({ files: { 'svc.conf': expect.stringContaining(printed) } });
        expect(chefRun(v), JSON.stringify(v)).toMatchObject({
          error: expect.stringMatching(
            /^failed A2C::Inputs::TypeMismatch: 'ext_proto' \(node\['ansible'\]\['ext_proto'\]\) is .*, not str\|int/,
          ),
        });
      }
    });
  }, 240_000);
});
