// Tests that compare a role's variables in Ansible and in the converted Chef run: one task per variable
// shows its value (a debug for ansible-playbook, a copy for the Chef compile check), read back as JSON.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CompileRun } from '../../src/scripts/chef-compile.js';
import type { TextTree } from './convert-helpers.js';

/** A task showing variable `n` to ansible-playbook (its value as JSON in the json callback's msg). */
export const debugShow = (n: string): string => `- name: show ${n}\n  debug:\n    msg: "{{ ${n} | to_json }}"\n`;

/** A task showing variable `n` to Chef: a file whose content is its value as JSON. */
export const copyShow = (n: string): string => `- name: show ${n}\n  copy:\n    dest: /tmp/a2c-${n}\n    content: "{{ ${n} | to_json }}"\n`;

/** The values ansible-playbook shows for host h1 of `tree` (inventory.ini, site.yml; role app), by variable. */
export function ansibleShownValues(tree: TextTree, prefix: string): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    for (const [p, t] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), t);
    }
    const run = spawnSync('ansible-playbook', ['-i', 'inventory.ini', 'site.yml'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: 'False' },
    });
    if (run.status !== 0) throw new Error(`ansible-playbook failed:\n${run.stdout}\n${run.stderr}`);
    const out = JSON.parse(run.stdout) as {
      plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Record<string, { msg: string }> }> }>;
    };
    const shown = out.plays[0]!.tasks.filter((t) => /^(app : )?show /.test(t.task.name));
    return Object.fromEntries(shown.map((t) => [t.task.name.replace(/^(app : )?show /, ''), JSON.parse(t.hosts['h1']!.msg)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value a copyShow task wrote, from the compile check's declared file resource. */
export function shownContent(run: CompileRun, path: string): unknown {
  const r = run.detail?.find((d) => d.id === `file[${path}]`);
  if (!r) throw new Error(`file[${path}] not declared; declared: ${run.detail?.map((d) => d.id).join(', ')}`);
  return JSON.parse(String(r.properties['content']));
}
