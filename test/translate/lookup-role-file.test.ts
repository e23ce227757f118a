// lookup('file', x) of a role's own file: the text Ansible's file lookup reads from the role's
// folder (compared with the real plugin on the same files), embedded in the converted value; other
// files stay TODOs. A file no folder of the input holds fails Ansible's lookup too: the input lacks
// it (A2C-MISSING-FILE), and every reader of the value says so rather than counting converter work.
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
const REFUSED = ['nested', '/etc/hosts', '../x'];
/** Terms naming no file of the input at all. */
const ABSENT = ['missing', 'gpg/absent'];

const schemaFile = join(SHARED, 'chef/resources.json');
const ready =
  requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));

describe.skipIf(!ready)("lookup('file') of a role's own files", () => {
  const r = spawnSync('/usr/bin/python3', ['test/tools/lookup-ansible.py'], {
    input: JSON.stringify([...TERMS, ...ABSENT].map((t) => ({ plugin: 'file', terms: [t], files: FILES }))),
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

  it.each(ABSENT.map((t, i) => [t, TERMS.length + i] as const))(
    '%s: Ansible fails, and the task is a missing-file TODO, not converter work',
    async (t, i) => {
      expect(expected[i]!.error, t).toMatch(/could not locate file/i);
      const conv = await convertRole({
        ...FILES,
        'tasks/main.yml': `- name: x\n  copy:\n    dest: /tmp/x\n    content: "{{ lookup('file', '${t}') }}"\n`,
      });
      expect(conv.tasks.map((x) => [x.outcome, x.code])).toEqual([['todo', 'A2C-MISSING-FILE']]);
      expect(conv.diagnostics.map((d) => d.message).join('\n')).toContain(`lookup('file', '${t}'): no file of the input is ${t}`);
    },
  );
});

describe("readers of a value whose lookup('file') names no file of the input", () => {
  it('keep the missing-file code through variables, task vars and include_vars chains', async () => {
    const conv = await convertRole({
      'vars/main.yml': 'sig: "{{ lookup(\'file\', \'gpg/absent\') }}"\nrepo:\n  signed_by: "{{ sig }}"\n',
      'vars/Debian.yml': 'deb_repo: "{{ repo }}"\n',
      'defaults/main.yml': 'chosen: "{{ deb_repo | default({}) }}"\n',
      'tasks/main.yml': [
        '- include_vars: Debian.yml',
        '- name: direct',
        '  copy:\n    dest: /tmp/a\n    content: "{{ repo.signed_by }}"',
        '- name: task var',
        '  vars:\n    r: "{{ repo }}"',
        '  copy:\n    dest: /tmp/b\n    content: "{{ r.signed_by }}"',
        '- name: through include_vars',
        '  copy:\n    dest: /tmp/c\n    content: "{{ chosen.signed_by }}"',
        '',
      ].join('\n'),
    });
    const byName = Object.fromEntries(
      conv.tasks.filter((t) => t.module !== 'ansible.builtin.include_vars').map((t) => [t.span.line, [t.outcome, t.code]]),
    );
    expect(Object.values(byName)).toEqual([
      ['todo', 'A2C-MISSING-FILE'],
      ['todo', 'A2C-MISSING-FILE'],
      ['todo', 'A2C-MISSING-FILE'],
    ]);
    // The include_vars value is computed at each use (the one include_vars task loads the file): its
    // reader names every link of the chain down to the lookup and the file it misses.
    expect(conv.tasks.at(-1)!.reason).toMatch(
      /variable chosen .*variable deb_repo .*variable repo .*variable sig .*lookup\('file', 'gpg\/absent'\): no file of the input is gpg\/absent/,
    );
  });

  it('a role file that exists still converts (the code is not carried where the value translates)', async () => {
    const conv = await convertRole({
      'files/gpg/key': 'KEY\n',
      'vars/main.yml': "sig: \"{{ lookup('file', 'gpg/key') }}\"\n",
      'tasks/main.yml': '- name: direct\n  copy:\n    dest: /tmp/a\n    content: "{{ sig }}"\n',
    });
    expect(conv.tasks.map((t) => t.outcome)).toEqual(['converted']);
  });
});
