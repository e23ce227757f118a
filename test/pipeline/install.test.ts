// The README's first command: after `npm ci` (whose `prepare` runs the build script), `npx
// ansible2chef` runs the CLI. That needs dist/cli/main.js executable; tsc writes it 0644, so the
// build script sets the mode. Checked on a private copy of the layout built by the real script.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/golden.js';

describe('install', () => {
  it('the build script leaves an executable CLI, and npx ansible2chef runs it', () => {
    const root = mkdtempSync(join(tmpdir(), 'a2c-install-'));
    try {
      for (const name of ['package.json', 'tsconfig.json', 'mappings', 'src', 'node_modules'])
        symlinkSync(join(REPO, name), join(root, name));
      const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
      expect(build.stderr + build.stdout).toBe('');
      expect(build.status).toBe(0);
      expect(statSync(join(root, 'dist/cli/main.js')).mode & 0o111).toBe(0o111);
      const run = spawnSync('npx', ['--no-install', 'ansible2chef', '--version'], { cwd: root, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
