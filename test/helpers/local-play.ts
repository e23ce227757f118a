// Runs a small project (site.yml and its files) with the real ansible-playbook against localhost, in a
// temp directory the callback may read before it is removed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface LocalPlay {
  status: number | null;
  /** stdout and stderr, for assertion messages. */
  log: string;
  dir: string;
}

/**
 * `files(dir)` gives the project's files (site.yml among them) by path, knowing where it runs;
 * `extraVars`, where given, are passed as `-e` JSON (variables set outside the project).
 */
export function withLocalPlay<T>(
  files: (dir: string) => Record<string, string>,
  use: (run: LocalPlay) => T,
  extraVars?: Record<string, unknown>,
): T {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-play-'));
  try {
    for (const [path, text] of Object.entries(files(dir))) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const run = spawnSync('ansible-playbook', ['-i', 'localhost,', 'site.yml', ...(extraVars ? ['-e', JSON.stringify(extraVars)] : [])], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_DEPRECATION_WARNINGS: 'False' },
    });
    return use({ status: run.status, log: run.stdout + run.stderr, dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
