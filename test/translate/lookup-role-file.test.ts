// lookup('file', x) of a role's own file: the text Ansible's file lookup reads from the role's
// folder (compared with the real plugin on the same files), embedded in the converted value; other
// files stay TODOs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';

const FILES: Record<string, string> = {
  'files/gpg/key': '-----BEGIN KEY-----\nabc\n-----END KEY-----\n\n \t\u00a0\n',
  'files/lead': '  leading kept\n',
  'files/both': 'from files/\n',
  both: 'from the role folder\n',
  'only-root.txt': 'role folder only\n',
  'tasks/files/nested': 'tasks/files only\n',
};
const TERMS = ['gpg/key', 'files/gpg/key', 'lead', 'both', 'only-root.txt'];
const REFUSED = ['nested', 'missing', '/etc/hosts', '../x'];

const schemaFile = join(SHARED, 'chef/resources.json');
const ready =
  requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

describe.skipIf(!ready)("lookup('file') of a role's own files", () => {
  const r = spawnSync('/usr/bin/python3', ['test/tools/lookup-ansible.py'], {
    input: JSON.stringify(TERMS.map((t) => ({ plugin: 'file', terms: [t], files: FILES }))),
    encoding: 'utf8',
  });
  const expected = JSON.parse(r.stdout) as Array<{ value?: unknown; error?: string }>;

  it('embeds the text Ansible reads, in vars and in task arguments', async () => {
    const vars = TERMS.map((t, i) => `v${i}: "{{ lookup('file', '${t}') }}"`).join('\n');
    const tasks = TERMS.map((_, i) => `- name: f${i}\n  copy:\n    dest: /tmp/f${i}\n    content: "{{ v${i} }}"\n`).join('');
    const conv = await convertRole({
      ...FILES,
      'vars/main.yml': `${vars}\n`,
      'tasks/main.yml': `${tasks}- name: direct\n  copy:\n    dest: /tmp/direct\n    content: "{{ query('file', 'lead', 'gpg/key') | join('|') }}"\n`,
    });
    expect(conv.diagnostics.filter((d) => d.code.startsWith('A2C-TODO')).map((d) => d.message)).toEqual([]);
    const runs = compileCheck(conv.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
    expect(runs[0], JSON.stringify(runs[0]).slice(0, 2000)).toMatchObject({ ok: true });
    const content = (id: string) => runs[0]!.detail!.find((d) => d.id === id)?.properties['content'];
    TERMS.forEach((t, i) => {
      expect(expected[i]!.error, t).toBeUndefined();
      expect(content(`file[/tmp/f${i}]`), t).toBe(expected[i]!.value);
    });
    expect(content('file[/tmp/direct]')).toBe(`${expected[2]!.value as string}|${expected[0]!.value as string}`);
  });

  it.each(REFUSED)('%s stays a TODO', async (t) => {
    const conv = await convertRole({
      ...FILES,
      'tasks/main.yml': `- name: x\n  copy:\n    dest: /tmp/x\n    content: "{{ lookup('file', '${t}') }}"\n`,
    });
    expect(conv.diagnostics.map((d) => d.message).join('\n')).toContain("lookup('file') reads a file on the Ansible controller");
  });
});
