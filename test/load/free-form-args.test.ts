// Free-form module arguments (`shell: |` scripts, `file: path=/x state=touch`) read as Ansible's
// parse_kv reads them: compared with Ansible itself, and a multi-line shell script keeps its
// line breaks all the way into the recipe (it used to run as one line joined by spaces).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseFreeForm } from '../../src/load/ansible/free-form.js';
import { RAW_EXTRACTED_KEYS } from '../../src/load/ansible/keywords.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasPythonModule, requireOrSkip } from '../helpers/real-tools.js';

const ansible = requireOrSkip('ansible (Python API under /usr/bin/python3)', hasPythonModule('ansible'));

const CASES: Array<{ text: string; check_raw: boolean }> = [
  ...[
    'echo cleaning\nrm -rf /var/tmp/app/cache\n',
    'set -e\nif [ -f /etc/app.conf ]; then\n  systemctl reload app\nfi\n',
    'echo one   two',
    'echo "a  b\nc" d',
    "echo 'it''s' x",
    'cat /etc/hosts \\\n  | grep x',
    'cmd {{ a }}\n{% if b %}\n  --flag\n{% endif %}\n',
    'echo {{ "x y" }}  chdir=/tmp creates=/etc/x\n',
    'echo a=b chdir=/tmp removes="/x y"',
    'echo \\= x\\=y',
    'run  \n\nnext\n',
    'echo "unclosed',
    'echo {{ unclosed',
    '\necho leading break',
    '  two leading spaces',
  ].map((text) => ({ text, check_raw: true })),
  ...[
    'path=/x state=touch',
    'src=a dest="b c" mode=0644',
    "msg='hello world'",
    'a=1\nb=2\n',
    'url=http://h/?a=b dest=/y',
    'k=\\tv x=\\u00e9',
  ].map((text) => ({ text, check_raw: false })),
];

function ours(text: string, checkRaw: boolean): { options?: Record<string, string>; error?: string } {
  const p = parseFreeForm(text, checkRaw ? RAW_EXTRACTED_KEYS : null);
  if (p.error !== undefined) return { error: p.error };
  const options: Record<string, string> = {};
  for (const { key, value } of p.params) options[key] = value;
  if (p.raw !== '') options['_raw_params'] = p.raw;
  return { options };
}

describe.skipIf(!ansible)('free-form arguments against Ansible parse_kv', () => {
  it('gives the options and raw command line Ansible gives, whitespace included', () => {
    const r = spawnSync('/usr/bin/python3', ['test/tools/parse-kv-ansible.py'], { input: JSON.stringify(CASES), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = JSON.parse(r.stdout) as Array<{ options?: Record<string, string>; error?: string }>;
    const diffs = CASES.flatMap((c, i) => {
      const a = want[i]!;
      const b = ours(c.text, c.check_raw);
      const same = a.error !== undefined ? b.error !== undefined : JSON.stringify(a.options) === JSON.stringify(b.options);
      return same ? [] : [{ text: c.text, ansible: a, ours: b }];
    });
    expect(diffs).toEqual([]);
  });
});

describe('multi-line free-form scripts in the recipe', () => {
  it('keeps the line breaks of a shell: | script', async () => {
    const result = await convertRole({
      'tasks/main.yml': '- name: clean cache\n  ansible.builtin.shell: |\n    echo cleaning\n    rm -rf /var/tmp/app/cache\n',
    });
    expect(recipeBody(result, 'demo')).toContain(`command "echo cleaning\\nrm -rf /var/tmp/app/cache\\n"`);
  });

  it('keeps them in the action: form too', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- action: |\n    shell echo a\n    echo b\n' });
    expect(recipeBody(result, 'demo')).toContain(`command "echo a\\necho b\\n"`);
  });

  it('makes unbalanced quotes an error, as Ansible refuses the task', async () => {
    const result = await convertRole({ 'tasks/main.yml': '- ansible.builtin.shell: echo "oops\n' });
    expect(result.diagnostics.some((d) => d.severity === 'error' && d.code === 'A2C-SHAPE' && /unbalanced/.test(d.message))).toBe(true);
    expect(recipeBody(result, 'demo')).toContain('TODO');
  });
});
