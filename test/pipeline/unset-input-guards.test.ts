// A task under a false `when` whose arguments read a variable no source of the input sets: Ansible
// skips it without templating its arguments, so the play succeeds; the converted cookbook must compile
// too (public roles: bind9's `path: "{{ bind9_zonedir }}"` under `when: bind9_authoritative`, fail2ban's
// `loop: "{{ fail2ban_errors }}"` under `when: fail2ban_errors is defined`). With the condition true,
// both fail: Ansible on the undefined variable, the converted run where it reads the variable.
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole, recipeBody, type TextTree } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady({ ansible: true });
const inputs = compileInputs();

/** The role: a guarded directory named from `zonedir`, a guarded loop over `errors`; neither is set anywhere. */
function role(dir: string, on: boolean): TextTree {
  return {
    'defaults/main.yml': `authoritative: ${on}\nlog_actions: ${on}\n`,
    'tasks/main.yml': [
      '- name: zone directory',
      '  file:',
      '    path: "{{ zonedir }}"',
      '    state: directory',
      '  when: authoritative',
      '- name: log errors',
      '  lineinfile:',
      `    path: ${dir}/errors.log`,
      '    line: "{{ item }}"',
      '    create: true',
      '  loop: "{{ errors }}"',
      '  when:',
      '    - log_actions',
      '    - errors is defined or log_actions',
    ].join('\n'),
  };
}

function ansibleStatus(on: boolean): { status: number | null; log: string } {
  return withLocalPlay(
    (dir) => {
      const files: Record<string, string> = { 'site.yml': '- hosts: localhost\n  gather_facts: false\n  roles: [demo]\n' };
      for (const [p, t] of Object.entries(role(dir, on))) files[`roles/demo/${p}`] = t as string;
      return files;
    },
    (run) => ({ status: run.status, log: run.log }),
  );
}

describe.skipIf(!ready)('a false condition guards reads of a variable nothing sets', () => {
  it('condition false: Ansible skips both tasks, the converted recipe compiles', async () => {
    expect(ansibleStatus(false).status, ansibleStatus(false).log).toBe(0);
    const r = await convertRole(role('/tmp/a2c-unset-guards', false));
    const body = recipeBody(r, 'demo');
    // The directory is labelled by the task, its path read lazily; the loop sits inside the condition.
    expect(body).toContain("directory 'zone directory' do");
    expect(body).toMatch(/path lazy \{ .*A2C::Jinja\.input\(node, 'ansible', 'zonedir'\)/);
    // The condition's attribute, read twice, is read once just before the `if` (translate/read-once.ts).
    expect(body).toMatch(/^log_actions = node\['demo'\]\['log_actions'\]\n\nif log_actions /m);
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
  });

  it('condition true: Ansible fails on the undefined variable, so does the converted run', async () => {
    const play = ansibleStatus(true);
    expect(play.status).not.toBe(0);
    expect(play.log).toMatch(/'zonedir' is undefined/);
    const r = await convertRole(role('/tmp/a2c-unset-guards', true));
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    // The loop's list is read when the recipe compiles (the condition holds): RequiredInput names it.
    expect(runs[0]).toMatchObject({ ok: false, outcome: 'required-input' });
    expect(JSON.stringify(runs[0])).toContain("'errors' is undefined");
  });
});
