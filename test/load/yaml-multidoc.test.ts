// A YAML file holding several documents: Ansible refuses it ("expected a single document in the
// stream"), so the converter reports an error at the second document's `---` and converts nothing
// of that file, instead of silently keeping the first document and dropping the rest.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, formatDiagnostic, recipeBody } from '../helpers/convert-helpers.js';
import { hasPythonModule, requireOrSkip } from '../helpers/real-tools.js';

const ansible = requireOrSkip('ansible (Python API under /usr/bin/python3)', hasPythonModule('ansible'));

const STREAMS = [
  'a: 1\n---\nb: 2\n',
  'a: 1\n---\n',
  '---\na: 1\n',
  '---\na: 1\n...\n',
  'a: 1\n...\n',
  '---\na: 1\n...\n---\nb: 1\n',
  '--- {a: 1}\n--- {b: 2}\n',
  'a: |\n  x\n  ---\n',
  '%YAML 1.1\n---\na: 1\n',
  '# only a comment\n',
  'a: "x\n  --- y"\n',
  '- x\n---\n- y\n',
];

const multidoc = (r: Awaited<ReturnType<typeof convertRole>>) => r.diagnostics.filter((d) => d.code === 'A2C-YAML-MULTIDOC');

describe.skipIf(!ansible)('several YAML documents, against Ansible', () => {
  it('is an error exactly where Ansible refuses the file', async () => {
    const r = spawnSync('/usr/bin/python3', ['test/tools/yaml-single-doc-ansible.py'], {
      input: JSON.stringify(STREAMS),
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = (JSON.parse(r.stdout) as Array<{ ok?: true; error?: string }>).map((x) =>
      x.error?.includes('single document') ? 'refused' : 'one document',
    );
    const got: string[] = [];
    for (const text of STREAMS) got.push(multidoc(await convertRole({ 'defaults/main.yml': text })).length ? 'refused' : 'one document');
    expect(STREAMS.map((s, i) => `${JSON.stringify(s)}: ${got[i]}`)).toEqual(STREAMS.map((s, i) => `${JSON.stringify(s)}: ${want[i]}`));
  });
});

describe('several YAML documents', () => {
  it('reports the second document with file:line:col and converts nothing of the file', async () => {
    const result = await convertRole({
      'tasks/main.yml': '- ansible.builtin.debug: msg=one\n\n---\n- ansible.builtin.file: path=/two state=touch\n',
      'defaults/main.yml': '# defaults\na: 1\n---\nb: 2\n',
    });
    expect(multidoc(result).map(formatDiagnostic)).toEqual([
      'defaults/main.yml:3:1: error A2C-YAML-MULTIDOC a second YAML document starts here: Ansible reads one document per file and refuses this file, so none of it is converted',
      'tasks/main.yml:3:1: error A2C-YAML-MULTIDOC a second YAML document starts here: Ansible reads one document per file and refuses this file, so none of it is converted',
    ]);
    const recipe = recipeBody(result, 'demo');
    // The whole file is one visible TODO: no resource of either document is guessed.
    expect(recipe).not.toMatch(/^(log|file) /m);
    expect(recipe).toContain('TODO(ansible2chef): A2C-YAML-MULTIDOC');
    expect(recipe).toContain('path=/two state=touch');
    expect(result.files.has('demo/attributes/default.rb')).toBe(false);
  });

  it('finds the second --- after an explicit first document', async () => {
    const result = await convertRole({ 'defaults/main.yml': '---\na: 1\n...\n# next\n---\nb: 2\n' });
    expect(multidoc(result).map((d) => `${d.span?.line}:${d.span?.col}`)).toEqual(['5:1']);
  });

  it('is reported for a playbook, not for a YAML file beside it that Ansible never reads', async () => {
    const result = await convertProject({
      'site.yml': '- hosts: all\n  tasks:\n    - ansible.builtin.debug: msg=one\n---\n- hosts: all\n  tasks: []\n',
      'deploy.yml': 'kind: Service\n---\nkind: Deployment\n',
    });
    expect(multidoc(result).map(formatDiagnostic)).toEqual([
      'site.yml:4:1: error A2C-YAML-MULTIDOC a second YAML document starts here: Ansible reads one document per file and refuses this file, so none of it is converted',
    ]);
  });
});
