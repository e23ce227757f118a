// Runs tasks with the real ansible-playbook against a stand-in `systemctl` (a shell script whose
// `case` arms the caller writes), and returns every systemctl call the modules made, in order.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ansibleEnv } from './ansible-env.js';

/** `cases`: the shell `case "$1" in` arms (show, is-enabled, ...); `tasks`: one-line task texts. */
export function systemctlCalls(dir: string, cases: string[], tasks: string[]): string[][] {
  writeFileSync(
    join(dir, 'systemctl'),
    ['#!/bin/sh', 'echo "$@" >> "$FAKE_LOG"', 'case "$1" in', ...cases, 'esac', 'exit 0', ''].join('\n'),
  );
  chmodSync(join(dir, 'systemctl'), 0o755);
  writeFileSync(join(dir, 'play.yml'), `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks.map((t) => `    - ${t}\n`).join('')}`);
  const log = join(dir, 'log');
  writeFileSync(log, '');
  const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
    encoding: 'utf8',
    env: ansibleEnv({ PATH: `${dir}:${process.env['PATH']}`, FAKE_LOG: log }),
  });
  if (r.status !== 0) throw new Error(`ansible-playbook failed: ${r.stdout}${r.stderr}`);
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' '));
}
