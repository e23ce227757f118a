// Shared by the differential tests: run a real tool (Ansible's Python, Ruby) on JSON cases and read
// its JSON answers; and a seeded generator so the generated cases are the same every run.
import { spawnSync } from 'node:child_process';

/** Runs `cmd args` with `input` as JSON on stdin and returns its stdout parsed as JSON. */
export function runJson<T>(cmd: string, args: string[], input: unknown): T[] {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T[];
}

/** A linear congruential generator in [0, 1): the same sequence for the same seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SUPPORT_LIBRARIES = new URL('../../src/support-cookbook/ruby/libraries', import.meta.url).pathname;

/** Ansible's side of a differential: a Python program (lines) run by the Python that has Ansible. */
export function pythonJson<T>(lines: string[], input: unknown): T[] {
  return runJson<T>('/usr/bin/python3', ['-c', lines.join('\n')], input);
}

/** The converted side: Ruby lines run with the support cookbook's a2c_jinja and a2c_tasks loaded. */
export function supportRubyJson<T>(lines: string[], input: unknown): T[] {
  const code = ["require 'a2c_jinja'", "require 'a2c_tasks'", ...lines].join('\n');
  return runJson<T>('ruby', ['-I', SUPPORT_LIBRARIES, '-rjson', '-e', code], input);
}
