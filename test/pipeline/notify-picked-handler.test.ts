// `notify: "{{ 'restart x' if cond else 'reload x' }}"` (grzegorzfranus postgresql's
// postgresql_config_change_action): the handler Ansible runs, with the condition true and false, is the
// one the converted resource notifies when the recipe compiles in Chef.
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole, recipeBody, type TextTree } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady({ ansible: true });
const inputs = compileInputs();

function role(dir: string, action: string): TextTree {
  return {
    'defaults/main.yml': `change_action: ${action}\n`,
    'handlers/main.yml': [
      '- name: restart app',
      '  debug: { msg: restarted }',
      '- name: reload app',
      '  debug: { msg: reloaded }',
      '',
    ].join('\n'),
    'tasks/main.yml': [
      '- name: conf',
      `  copy: { dest: ${dir}/app.conf, content: x }`,
      `  notify: "{{ 'restart app' if change_action == 'restart' else 'reload app' }}"`,
      '',
    ].join('\n'),
  };
}

function ansibleHandlers(action: string): string[] {
  return withLocalPlay(
    (dir) => {
      const files: Record<string, string> = {
        'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
      };
      for (const [p, t] of Object.entries(role(dir, action))) files[`roles/demo/${p}`] = t as string;
      return files;
    },
    (run) => {
      expect(run.status, run.log).toBe(0);
      return [...run.log.matchAll(/RUNNING HANDLER \[demo : ([^\]]+)\]/g)].map((m) => m[1]!);
    },
  );
}

describe.skipIf(!ready)('a notify that picks its handler by a condition', () => {
  it.each(['restart', 'reload'])('change_action=%s: the handler Ansible runs is the one notified', async (action) => {
    const ran = ansibleHandlers(action);
    expect(ran).toEqual([`${action} app`]);
    const r = await convertRole(role('/tmp/a2c-picked-handler', action));
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO'))).toEqual([]);
    // The condition's attribute, read by both notifications, is read once (translate/read-once.ts).
    const body = recipeBody(r, 'demo');
    expect(body).toMatch(/^change_action = node\['demo'\]\['change_action'\]$/m);
    expect(body).toMatch(/notifies :write, 'log\[restart app\]', :delayed if change_action == 'restart'/);
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
    const file = runs[0]!.detail?.find((d) => d.id === 'file[/tmp/a2c-picked-handler/app.conf]');
    expect(file?.notifies.map((n) => n[1])).toEqual([`log[${action} app]`]);
  });
});

/**
 * alexbarcelo's loki role: `install.yml` included once per component with `vars: {target: ...}`,
 * its tasks notifying `Restart {{ target }}`. Inlined with the include's literal vars, each name is
 * one text: the handler Ansible runs for that include is the one its inlined resources notify.
 */
function perInclude(dir: string): TextTree {
  return {
    'handlers/main.yml': [
      '- name: Restart loki',
      '  debug: { msg: loki }',
      '- name: Restart promtail',
      '  debug: { msg: promtail }',
      '',
    ].join('\n'),
    'tasks/main.yml': ['loki', 'promtail'].map((t) => `- include_tasks: { file: install.yml }\n  vars: { target: ${t} }\n`).join(''),
    'tasks/install.yml': `- name: conf\n  copy: { dest: "${dir}/{{ target }}.conf", content: x }\n  notify: Restart {{ target }}\n`,
  };
}

describe.skipIf(!ready)('a notify templated from an include’s literal vars', () => {
  it('notifies, from each inlined task, the handler Ansible runs for that include', async () => {
    const ran = withLocalPlay(
      (dir) => {
        const files: Record<string, string> = {
          'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
        };
        for (const [p, t] of Object.entries(perInclude(dir))) files[`roles/demo/${p}`] = t as string;
        return files;
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        return [...run.log.matchAll(/RUNNING HANDLER \[demo : ([^\]]+)\]/g)].map((m) => m[1]!);
      },
    );
    expect(ran).toEqual(['Restart loki', 'Restart promtail']);
    const r = await convertRole(perInclude('/tmp/a2c-per-include'));
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
    for (const t of ['loki', 'promtail']) {
      const file = runs[0]!.detail?.find((d) => d.id === `file[/tmp/a2c-per-include/${t}.conf]`);
      expect(file?.notifies.map((n) => n[1])).toEqual([`log[Restart ${t}]`]);
    }
  });
});
