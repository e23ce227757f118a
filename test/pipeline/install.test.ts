// The README's first command: after `npm ci` (whose `prepare` runs the build script), `npx
// ansible2chef` runs the CLI. That needs dist/cli/main.js executable; tsc writes it 0644, so the
// build script sets the mode. Checked on a private copy of the layout built by the real script, which
// also bundles the converter (scripts/bundle-cli.ts): that CLI converts the bundled example to the
// committed output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO, readTree } from '../helpers/golden.js';

describe('install', () => {
  it('the build script leaves an executable CLI, and npx ansible2chef runs it', () => {
    const root = mkdtempSync(join(tmpdir(), 'a2c-install-'));
    try {
      for (const name of ['package.json', 'tsconfig.json', 'mappings', 'src', 'node_modules', 'playbooks'])
        symlinkSync(join(REPO, name), join(root, name));
      const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
      expect(build.stderr + build.stdout).toBe('');
      expect(build.status).toBe(0);
      expect(statSync(join(root, 'dist/cli/main.js')).mode & 0o111).toBe(0o111);
      const run = spawnSync('npx', ['--no-install', 'ansible2chef', '--version'], { cwd: root, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
      expect(readFileSync(join(root, 'dist/cli/converter-bundle.js'), 'utf8').length).toBeGreaterThan(500_000);
      // A fresh process compiles the bundle from the code cache the build made, under the compiler
      // flags the command line sets first (V8 takes a cache only under the flags that made it).
      const loader = pathToFileURL(join(root, 'dist/cli/converter.js')).href;
      const flags = pathToFileURL(join(root, 'dist/cli/compiler-flags.js')).href;
      const cache = spawnSync(
        process.execPath,
        ['--input-type=module', '-e', `(await import('${flags}')).tuneCompiler();\nconsole.log((await import('${loader}')).codeCacheUsed)`],
        { encoding: 'utf8' },
      );
      expect(cache.stdout.trim()).toBe('true');
      const out = join(root, 'out');
      const convert = spawnSync('npx', ['--no-install', 'ansible2chef', 'convert', join(REPO, 'playbooks'), '--out', out, '-q'], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(convert.stderr).toBe('');
      expect(convert.status).toBe(0);
      // The manifest records the tool's code hash, which differs from the committed one's until it is regenerated.
      const generated = (dir: string) => [...readTree(dir)].filter(([p]) => !p.startsWith('.ansible2chef/'));
      expect(generated(out)).toEqual(generated(join(REPO, 'cookbooks-out')));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
