// Differential runs of a module and a support library over steps whose world is stand-in commands
// (LVM's, which no test machine has): each command logs its arguments and answers from a scene
// written before each step. The same steps, each after its scene command, run once through the
// module (test/tools/module-batch-ansible.py) and once through the Ruby library; every step's
// changed, failed and command log (the snapshot) is returned for both.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export type Outcome = { changed: boolean; failed: boolean; snapshot: string };

export interface StandInWorld {
  bin: string;
  scene: string;
  log: string;
}

/** Makes bin/ and scene/ under dir and writes each stand-in command (`body(c)` after its log line). */
export function standInWorld(dir: string, commands: string[], body: (c: string, w: StandInWorld) => string[]): StandInWorld {
  const w = { bin: join(dir, 'bin'), scene: join(dir, 'scene'), log: join(dir, 'log') };
  mkdirSync(w.bin);
  mkdirSync(w.scene);
  for (const c of commands) {
    writeFileSync(join(w.bin, c), ['#!/bin/sh', ...body(c, w), 'exit 0'].join('\n'));
    chmodSync(join(w.bin, c), 0o755);
  }
  return w;
}

/**
 * The command that sets a step's scene: each file written (those in `padded` as LVM pads its
 * report columns: two spaces each side, a newline after each row), the log emptied.
 */
export function sceneCommand(w: StandInWorld, files: Record<string, string>, padded: string[]): string[] {
  const pad = (t: string) =>
    t
      ? `${t
          .split('\n')
          .map((l) => `  ${l}  `)
          .join('\n')}\n`
      : '';
  const writes = Object.entries(files).map(([f, t]) => `printf '%s' '${padded.includes(f) ? pad(t) : t}' > ${join(w.scene, f)}`);
  return ['sh', '-c', [...writes, `: > ${w.log}`].join('; ')];
}

function outcomes(out: string): Outcome[] {
  return (JSON.parse(out) as Array<Record<string, unknown>>).map((r) => ({
    changed: r['changed'] === true,
    failed: r['failed'] === true,
    snapshot: String(r['snapshot']),
  }));
}

/**
 * Runs the steps through the module and through `rubyCall` (a Ruby expression of `args`, a Hash
 * with symbol keys, raising `rubyError` for a failure) with the stand-ins first on PATH.
 */
export function runBoth(opts: {
  world: StandInWorld;
  module: string;
  lib: string;
  rubyCall: string;
  rubyError: string;
  steps: Array<Record<string, unknown>>;
  before: string[][];
}): { ansible: Outcome[]; ruby: Outcome[] } {
  const { world, steps, before } = opts;
  const env = { ...process.env, PATH: `${world.bin}:${process.env['PATH']}` };
  const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
    input: JSON.stringify({ module: opts.module, steps, snapshot: ['cat', world.log], before }),
    encoding: 'utf8',
    env,
  });
  if (py.status !== 0) throw new Error(py.stderr);
  const script = [
    'require "json"',
    `require ${JSON.stringify(opts.lib)}`,
    'steps, log = JSON.parse($stdin.read)',
    'out = steps.map do |s|',
    '  system(*s["before"], exception: true)',
    '  args = s["args"].to_h { |k, v| [k.to_sym, v] }',
    '  r = begin',
    `    ${opts.rubyCall}`,
    `  rescue ${opts.rubyError} => e`,
    "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
    '  end',
    "  r.merge('snapshot' => File.read(log))",
    'end',
    'print JSON.generate(out)',
  ].join('\n');
  const input = steps.map((a, i) => ({ args: a, before: before[i] }));
  const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([input, world.log]), encoding: 'utf8', env });
  if (rb.status !== 0) throw new Error(rb.stderr);
  return { ansible: outcomes(py.stdout), ruby: outcomes(rb.stdout) };
}
