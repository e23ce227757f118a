import { describe, expect, it } from 'vitest';
import { pythonJson, supportRubyJson } from '../../helpers/differential.js';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

describe('enablerepo and disablerepo', () => {
  it('literal values: package and yum write the options as they are', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- package: { name: fail2ban, enablerepo: epel }',
        '- yum: "name=nodejs state=present enablerepo=\'epel,nodesource\'"',
        '- dnf: { name: git, enablerepo: [epel, crb], disablerepo: "*" }',
        '',
      ].join('\n'),
    });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("package 'fail2ban' do\n  options '--enablerepo=epel'\nend");
    expect(body).toContain("yum_package 'nodejs' do\n  options '--enablerepo=epel,nodesource'\nend");
    expect(body).toContain("dnf_package 'git' do\n  options ['--enablerepo=epel,crb', '--disablerepo=*']\nend");
  });

  it('a templated value (| default(omit, true)) is joined when the recipe compiles', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'git_enablerepo: ""\n',
      'tasks/main.yml': '- package: { name: git, enablerepo: "{{ git_enablerepo | default(omit, true) }}" }\n',
    });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(recipeBody(r, 'demo')).toMatch(/options (?:lazy \{ )?.*A2C::Tasks\.repo_options\(A2C::Tasks\.omit\(.*\), nil\)/);
  });
});

const haveTools = requireOrSkip('ruby and ansible', hasTool('ruby') && hasPythonModule('ansible'));

describe.skipIf(!haveTools)('A2C::Tasks.repo_options against AnsibleModule list conversion', () => {
  it('gives the repositories Ansible hands yum/dnf, comma-joined, for strings and lists', () => {
    const values: unknown[] = ['epel', 'epel,nodesource', ['epel', 'crb'], 'a,,b', '', null, ['x'], 'remi-*'];
    const want = pythonJson<unknown>(
      [
        'import json, sys',
        'from ansible.module_utils.common.validation import check_type_list',
        'out = []',
        'for v in json.load(sys.stdin):',
        '    names = [] if v is None else [n for n in check_type_list(v) if n]',
        "    out.append(['--enablerepo=' + ','.join(names)] if names else [])",
        'print(json.dumps(out))',
      ],
      values,
    );
    expect(supportRubyJson(['puts JSON.generate(JSON.parse($stdin.read).map { |v| A2C::Tasks.repo_options(v, nil) })'], values)).toEqual(
      want,
    );
  });
});

const ready = compileReady();
const inputs = compileInputs();

describe.skipIf(!ready)('compile-phase check', () => {
  it('the options come out as Chef receives them, omitted ones as no option', async () => {
    const r = await convertRole(
      {
        'defaults/main.yml': 'none: ""\nsome: epel,nodesource\n',
        'tasks/main.yml': [
          '- package: { name: git, enablerepo: "{{ none | default(omit, true) }}" }',
          '- yum: { name: nodejs, enablerepo: "{{ some }}", disablerepo: base }',
          '',
        ].join('\n'),
      },
      'repos',
    );
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
    const props = (id: string) => runs[0]!.detail!.find((d) => d.id === id)!.properties;
    expect(props('package[git]')['options']).toEqual([]);
    expect(props('yum_package[nodejs]')['options']).toEqual(['--enablerepo=epel,nodesource', '--disablerepo=base']);
  });
});
