// `until:` with a condition other than the task's success, on a registered command, shell or stat:
// the ruby_block's attempt loop (A2C::Tasks.register_until) is checked DIFFERENTIALLY against the
// real ansible-playbook. The same tasks run on both sides, each counting its runs in a file of its
// own; the registered results (rc, stdout, failed, attempts) and the run counts must agree. The
// Ruby side evaluates the very Ruby the converter printed, so the condition's translation is
// checked with the loop.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const haveBoth = requireOrSkip('ansible-playbook and ruby', hasTool('ansible-playbook') && hasTool('ruby'));

/** A task: its until condition, retries, and the shell snippet run after the count is bumped ($n). */
interface Case {
  until: string;
  retries: number;
  tail: string;
}

const CASES: Case[] = [
  // Holds on the third attempt.
  { until: "'count=3' in r.stdout", retries: 5, tail: 'echo count=$n' },
  // The rc, as the module gives it: fails twice, then succeeds.
  { until: 'r.rc == 0', retries: 4, tail: '[ $n -ge 3 ]' },
  // Never holds: 3 runs, failed, attempts = retries (Ansible's count).
  { until: "'never' in r.stdout", retries: 2, tail: 'echo count=$n' },
  // Holds at once on a failed run: one run, still failed.
  { until: 'r.rc in [0, 2]', retries: 5, tail: 'echo bad; exit 2' },
  // retries 0: one attempt, the condition is not evaluated, the run's own outcome stays.
  { until: "'never' in r.stdout", retries: 0, tail: 'echo count=$n' },
  // The attempt number is in the result the condition reads.
  { until: 'r.attempts >= 2 and r.stdout_lines | length == 1', retries: 3, tail: 'echo line' },
  // A condition that fails to evaluate fails the task on its first attempt.
  { until: 'r.nokey == 1', retries: 3, tail: 'echo count=$n' },
];

function tasksYaml(dir: string): string {
  return CASES.map((c, i) =>
    [
      `- name: case ${i}`,
      `  ansible.builtin.shell: n=$(cat ${dir}/c${i} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${dir}/c${i}; ${c.tail}`,
      `  register: r${i}`,
      `  until: "${c.until.replace(/r\./g, `r${i}.`)}"`,
      `  retries: ${c.retries}`,
      '  delay: 0',
      '  ignore_errors: true',
    ].join('\n'),
  ).join('\n');
}

/** What is compared of a registered result (messages differ: the command module words its own). */
function summary(r: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!r) return { missing: true };
  return { rc: r.rc, stdout: r.stdout, failed: r.failed === true, attempts: r.attempts };
}

const counts = (dir: string): number[] => CASES.map((_, i) => Number(readFileSync(join(dir, `c${i}`), 'utf8').trim()));

describe.skipIf(!haveBoth)('until with a condition: the attempt loop against ansible-playbook', () => {
  it('registers the same results after the same number of runs', async () => {
    const ansible = withLocalPlay(
      (dir) => ({
        'roles/demo/tasks/main.yml': `${tasksYaml(dir)}\n`,
        'site.yml': [
          '- hosts: localhost',
          '  connection: local',
          '  gather_facts: false',
          '  roles: [demo]',
          '  post_tasks:',
          '    - ansible.builtin.copy:',
          `        content: "{{ {${CASES.map((_, i) => `'r${i}': r${i}`).join(', ')}} | to_json }}"`,
          `        dest: ${dir}/results.json`,
          '',
        ].join('\n'),
      }),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return {
          results: JSON.parse(readFileSync(join(run.dir, 'results.json'), 'utf8')) as Record<string, Record<string, unknown>>,
          counts: counts(run.dir),
        };
      },
    );

    const dir = mkdtempSync(join(tmpdir(), 'a2c-until-'));
    try {
      const r = await convertRole({ 'tasks/main.yml': `${tasksYaml(dir)}\n` });
      expect(r.tasks.map((t) => t.outcome)).toEqual(CASES.map(() => 'converted'));
      const body = recipeBody(r, 'demo');
      // Chef's retries would repeat on failure only: the attempt loop carries until alone.
      expect(body).not.toMatch(/^\s*retries /m);
      const blocks = [...body.matchAll(/^ {4}(A2C::Tasks\.register_until\(.*)$/gm)].map((m) => m[1]!);
      expect(blocks).toHaveLength(CASES.length);
      const ran = spawnSync('ruby', [join(ROOT, 'test/tools/until-ruby.rb'), LIBDIR], {
        input: JSON.stringify({ blocks, names: CASES.map((_, i) => `r${i}`) }),
        encoding: 'utf8',
      });
      expect(ran.status, ran.stderr).toBe(0);
      const ruby = JSON.parse(ran.stdout) as { results: Record<string, Record<string, unknown>>; raised: Array<string | null> };
      // ignore_errors: true on every task, so no block raises.
      expect(ruby.raised).toEqual(CASES.map(() => null));
      const names = CASES.map((_, i) => `r${i}`);
      expect(names.map((n) => summary(ruby.results[n]))).toEqual(names.map((n) => summary(ansible.results[n])));
      expect(counts(dir)).toEqual(ansible.counts);
      // The cases mean what they say (a loop that never retried would agree too, wrongly).
      expect(ansible.counts).toEqual([3, 3, 3, 1, 1, 2, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('without ignore_errors, running out of attempts fails the ruby_block', async () => {
    const r = await convertRole({
      'tasks/main.yml': `- ansible.builtin.command: echo no\n  register: out\n  until: "'yes' in out.stdout"\n  retries: 1\n  delay: 0\n`,
    });
    const blocks = [...recipeBody(r, 'demo').matchAll(/^ {4}(A2C::Tasks\.register_until\(.*)$/gm)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    const ran = spawnSync('ruby', [join(ROOT, 'test/tools/until-ruby.rb'), LIBDIR], {
      input: JSON.stringify({ blocks, names: ['out'] }),
      encoding: 'utf8',
    });
    expect(ran.status, ran.stderr).toBe(0);
    const out = JSON.parse(ran.stdout) as { results: Record<string, Record<string, unknown>>; raised: Array<string | null> };
    expect(out.raised[0]).toMatch(/until condition not met/);
    expect(summary(out.results.out)).toEqual({ rc: 0, stdout: 'no', failed: true, attempts: 1 });
  });
});

describe.skipIf(!haveBoth)('until with a condition on a registered stat, against ansible-playbook', () => {
  it('waits for a path as the module does: found at once, or failed after every attempt', async () => {
    const tasks = (dir: string) =>
      [
        '- name: There',
        `  ansible.builtin.stat: { path: ${dir}/present }`,
        '  register: s0',
        '  until: s0.stat.exists',
        '  retries: 2',
        '  delay: 0',
        '  ignore_errors: true',
        '- name: Never there',
        `  ansible.builtin.stat: { path: ${dir}/absent }`,
        '  register: s1',
        '  until: s1.stat.exists',
        '  retries: 1',
        '  delay: 0',
        '  ignore_errors: true',
        '',
      ].join('\n');
    const pick = (r: Record<string, unknown> | undefined) => {
      const stat = (r?.stat ?? {}) as Record<string, unknown>;
      return { exists: stat.exists, failed: r?.failed === true, attempts: r?.attempts };
    };
    const ansible = withLocalPlay(
      (dir) => {
        writeFileSync(join(dir, 'present'), '');
        return {
          'roles/demo/tasks/main.yml': tasks(dir),
          'site.yml': [
            '- hosts: localhost',
            '  connection: local',
            '  gather_facts: false',
            '  roles: [demo]',
            '  post_tasks:',
            `    - ansible.builtin.copy: { content: "{{ {'s0': s0, 's1': s1} | to_json }}", dest: ${dir}/results.json }`,
            '',
          ].join('\n'),
        };
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        return JSON.parse(readFileSync(join(run.dir, 'results.json'), 'utf8')) as Record<string, Record<string, unknown>>;
      },
    );
    expect([pick(ansible.s0), pick(ansible.s1)]).toEqual([
      { exists: true, failed: false, attempts: 1 },
      { exists: false, failed: true, attempts: 1 },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'a2c-until-'));
    try {
      writeFileSync(join(dir, 'present'), '');
      const r = await convertRole({ 'tasks/main.yml': tasks(dir) });
      expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
      const blocks = [...recipeBody(r, 'demo').matchAll(/^ {4}(A2C::Tasks\.register_until\(.*)$/gm)].map((m) => m[1]!);
      expect(blocks).toHaveLength(2);
      const ran = spawnSync('ruby', [join(ROOT, 'test/tools/until-ruby.rb'), LIBDIR], {
        input: JSON.stringify({ blocks, names: ['s0', 's1'] }),
        encoding: 'utf8',
      });
      expect(ran.status, ran.stderr).toBe(0);
      const ruby = JSON.parse(ran.stdout) as { results: Record<string, Record<string, unknown>> };
      expect([pick(ruby.results.s0), pick(ruby.results.s1)]).toEqual([pick(ansible.s0), pick(ansible.s1)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('until with a condition: what stays a TODO', () => {
  it('a looped task, a task registering nothing and a resource module say why', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- command: echo {{ item }}',
        '  register: looped',
        '  loop: [a, b]',
        '  until: "\'a\' in looped.stdout"',
        '- command: echo x',
        '  until: other_var',
        '- copy: { content: x, dest: /tmp/x }',
        '  register: c',
        '  until: c.changed',
        '',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => [t.outcome, t.code])).toEqual([
      ['todo', 'A2C-TODO-KEYWORD'],
      ['todo', 'A2C-TODO-KEYWORD'],
      ['todo', 'A2C-TODO-KEYWORD'],
    ]);
    expect(r.tasks[0]!.reason).toMatch(/in a loop Ansible applies it to each item/);
    expect(r.tasks[1]!.reason).toMatch(/only on a registered command, shell, stat or uri/);
    expect(r.tasks[2]!.reason).toMatch(/this task becomes resources/);
  });
});
