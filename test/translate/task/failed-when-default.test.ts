// `failed_when: r is failed` on the task that registers r (wireguard's modprobe with until) says what
// Ansible decides without it, so the converter leaves it out; any other condition stays a TODO. That
// the two are the same is checked against ansible-playbook: each written form, on a failing and a
// succeeding command, gives the failed flag the task gives without failed_when.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const DEFAULT_FORMS = ['r is failed', 'r is failure', 'r is not succeeded', 'not r is success', '[r is failed]'];

const task = (failedWhen: string) =>
  ['- name: load', '  modprobe: {name: wireguard, state: present}', '  register: r', `  failed_when: ${failedWhen}`, ''].join('\n');

describe('failed_when that restates the default', () => {
  it.each(DEFAULT_FORMS)('%s is left out, with a note', async (form) => {
    const result = await convertRole({ 'tasks/main.yml': task(form) });
    const body = recipeBody(result, 'demo');
    expect(body).toContain("kernel_module 'wireguard'");
    expect(body).not.toContain('TODO');
    expect(outputText(result, 'demo/README.md')).toContain('is the default: left out');
  });

  it.each(['r is succeeded', 'r is failed or r.rc == 2', 'other is failed', '[r is failed, other is failed]', '"{{ r is failed }}"'])(
    '%s stays a TODO',
    async (form) => {
      const body = recipeBody(await convertRole({ 'tasks/main.yml': task(form) }), 'demo');
      expect(body).toContain('failed_when with a condition has no Chef equivalent');
    },
  );

  it('a failed_when on a task that registers nothing stays a TODO', async () => {
    const body = recipeBody(await convertRole({ 'tasks/main.yml': '- modprobe: {name: wireguard}\n  failed_when: r is failed\n' }), 'demo');
    expect(body).toContain('failed_when with a condition has no Chef equivalent');
  });
});

const havePlaybook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

describe.skipIf(!havePlaybook)('the forms left out, against ansible-playbook', () => {
  it('give each task the failed flag it has without failed_when', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-failed-when-'));
    try {
      const out = join(dir, 'out.json');
      const commands = ['true', 'false'];
      const forms = [null, ...DEFAULT_FORMS];
      const tasks = commands.flatMap((cmd, c) =>
        forms.map((form, f) => ({
          'ansible.builtin.command': cmd,
          register: `r_${c}_${f}`,
          ignore_errors: true,
          ...(form === null
            ? {}
            : {
                failed_when: form.startsWith('[')
                  ? [form.slice(1, -1).replace(/\br\b/, `r_${c}_${f}`)]
                  : form.replace(/\br\b/, `r_${c}_${f}`),
              }),
        })),
      );
      const names = commands.flatMap((_, c) => forms.map((_f, f) => `r_${c}_${f}.failed`));
      const play = [
        {
          hosts: 'localhost',
          connection: 'local',
          gather_facts: false,
          tasks: [...tasks, { 'ansible.builtin.copy': { dest: out, content: `{{ [${names.join(', ')}] | to_json }}` } }],
        },
      ];
      writeFileSync(join(dir, 'play.json'), JSON.stringify(play));
      const r = spawnSync('ansible-playbook', ['-i', 'localhost,', join(dir, 'play.json')], { encoding: 'utf8', env: ansibleEnv() });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const failedFlags = JSON.parse(readFileSync(out, 'utf8')) as boolean[];
      const perCommand = commands.map((_, c) => failedFlags.slice(c * forms.length, (c + 1) * forms.length));
      // true succeeds, false fails; every form agrees with the task without failed_when.
      expect(perCommand.map((flags) => flags[0])).toEqual([false, true]);
      for (const flags of perCommand) expect(new Set(flags).size).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
