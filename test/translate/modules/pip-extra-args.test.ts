// pip extra_args: the module splits them with shlex into the pip command it runs on every run (after
// the state's own words, before the package names); the converted execute runs the same words, and
// no `pip show` guard skips it where the package is installed (`--upgrade` must still upgrade it).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

const CASES: Array<{ state: string; extra: string }> = [
  { state: 'present', extra: '--upgrade' },
  { state: 'present', extra: "--index-url 'https://pypi.example/simple dir' --no-cache-dir" },
  { state: 'latest', extra: '--user' },
  { state: 'absent', extra: '-q' },
];

const task = (state: string, extra: string, pip: string): string =>
  `- pip:\n    name: minio\n    state: ${state}\n    executable: ${pip}\n    extra_args: ${JSON.stringify(extra)}\n`;

/** The words of the converted execute's command after the pip executable, and its guards. */
async function converted(state: string, extra: string): Promise<{ words: string[]; guards: string[] }> {
  const r = await convertRole({ 'tasks/main.yml': task(state, extra, '/opt/pip') });
  expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
  const body = recipeBody(r, 'demo');
  // The printer may lay a long array out over lines; its words are single-quoted Ruby strings.
  const cmd = /command \[([\s\S]*?)\]\n/.exec(body)![1]!;
  const words = [...cmd.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
  expect(words[0]).toBe('/opt/pip');
  return { words: words.slice(1), guards: body.split('\n').filter((l) => /^\s+(only_if|not_if)/.test(l)) };
}

describe('pip extra_args', () => {
  it('runs on every run where the package is to be present (no pip show guard), guarded where it is to be absent', async () => {
    expect((await converted('present', '--upgrade')).guards).toEqual([]);
    expect((await converted('absent', '-q')).guards).toEqual(["  only_if '/opt/pip show minio'"]);
  });

  it('keeps extra_args from a value a TODO', async () => {
    const r = await convertRole({ 'tasks/main.yml': task('present', '{{ pip_args }}', 'pip3') });
    expect(r.tasks[0]).toMatchObject({ outcome: 'todo', reason: 'pip extra_args from a value is not converted' });
  });

  it.skipIf(!ansible)('runs the words the pip module runs, for each state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-pip-args-'));
    try {
      const pip = join(dir, 'pip');
      const log = join(dir, 'log');
      writeFileSync(
        pip,
        `#!/usr/bin/python3\nimport json, sys\nopen(${JSON.stringify(log)}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\nprint('Successfully installed minio')\n`,
      );
      chmodSync(pip, 0o755);
      const tasks = CASES.map((c) => `${task(c.state, c.extra, pip).trimEnd().replace(/^/gm, '    ')}\n`).join('');
      writeFileSync(join(dir, 'site.yml'), `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks}`);
      const run = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: 'False' },
        timeout: 300_000,
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const ran = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as string[]);
      const ours = await Promise.all(CASES.map(async (c) => (await converted(c.state, c.extra)).words));
      // Ansible's latest is `install -U`; the converted command spells it `--upgrade`, the same pip option.
      expect(ours.map((w) => w.map((x) => (x === '--upgrade' ? '-U' : x)))).toEqual(
        ran.map((w) => w.map((x) => (x === '--upgrade' ? '-U' : x))),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
