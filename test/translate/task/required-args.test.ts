// A task giving none of the arguments its module requires one of (the module table's
// `required_one_of`, from ansible-core 2.14's argument specs) fails on every host before the
// module runs: `pip: state: present` became a pip command while Ansible fails the play. Ansible
// counts an argument with a default as given, so apt's and systemd's groups never fail (their
// defaults fill them): those tasks must convert. Each case runs with the real ansible-playbook (check mode, ignore_errors: nothing on the
// machine changes) and the conversion must make a TODO exactly where Ansible's argument check
// refuses the task, and never where it accepts it.
import { describe, expect, it } from 'vitest';
import { convertProject } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

/**
 * Each case: one task, as written in a role. (service with a name only, or masked alone, is accepted
 * on systemd hosts only, where the service action hands it to systemd: not compared here, on a host
 * whose service manager may not be systemd.)
 */
const CASES: Array<[string, string]> = [
  ['service with enabled', 'service:\n    name: cron\n    enabled: true'],
  ['systemd with a name only', 'ansible.builtin.systemd:\n    name: cron'],
  ['systemd with daemon-reload (an alias)', 'ansible.builtin.systemd:\n    daemon-reload: true'],
  ['systemd_service with state', 'systemd_service:\n    name: cron\n    state: started'],
  ['apt with a state only', 'apt:\n    state: present'],
  ['apt with pkg (an alias of package)', 'apt:\n    pkg: cron\n    state: present'],
  ['apt with update_cache only', 'apt:\n    update_cache: true'],
  ['pip with a state only', 'pip:\n    state: present'],
  ['pip with a name', 'pip:\n    name: six'],
  ['pip with requirements', 'pip:\n    requirements: /nonexistent/requirements.txt'],
  ['pip in free form with a state only', 'pip: state=present'],
];

const REFUSED = 'one of the following is required';

describe('a task without any argument its module requires one of', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'is a TODO where ansible-core 2.14 refuses it, and converts where Ansible accepts it',
    async () => {
      const tasks = CASES.map(([name, body], i) => `- name: case${i} ${name}\n  ${body}\n  check_mode: true\n  ignore_errors: true\n`).join(
        '',
      );
      // Ansible: which cases its argument check refuses (each task's result, in the order run).
      const refused = withLocalPlay(
        () => ({
          'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [r]\n',
          'roles/r/tasks/main.yml': tasks,
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          const out = new Map<number, boolean>();
          for (const part of run.log.split(/\nTASK \[r : /).slice(1)) {
            const i = Number(/^case(\d+) /.exec(part)?.[1]);
            out.set(i, part.includes(REFUSED));
          }
          expect(out.size, run.log).toBe(CASES.length);
          return out;
        },
      );
      // The cases must show both sides, or the comparison proves nothing.
      expect([...refused.values()].filter(Boolean).length).toBeGreaterThan(1);
      expect([...refused.values()].filter((x) => !x).length).toBeGreaterThan(2);

      for (const [i, [name, body]] of CASES.entries()) {
        const r = await convertProject({ 'roles/r/tasks/main.yml': `- name: case${i}\n  ${body}\n` });
        const t = r.tasks[0]!;
        const todo = t.outcome === 'todo' && t.code === 'A2C-TODO-MODULE-ARGS';
        expect(todo, `${name}: Ansible ${refused.get(i) ? 'refuses' : 'accepts'} it; converted as ${t.outcome} ${t.code ?? ''}`).toBe(
          refused.get(i),
        );
        if (todo) expect(t.reason).toMatch(/fails the task on every host before the module runs/);
      }
    },
    240_000,
  );
});
