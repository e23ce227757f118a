// The CLI compiled once per test run (a directory shaped like the package: dist/ beside links to
// mappings/, src/, package.json and node_modules/), so that parallel test files or a developer's own
// build never swap files under a running CLI, and a loaded machine compiles the project once instead
// of once per test file. The first test file that asks builds it under a lock; the others wait.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import './shared-build-setup.js';

const REPO = resolve(import.meta.dirname, '../..');
const pause = new Int32Array(new SharedArrayBuffer(4));

/** The package root of this run's shared build (its CLI is dist/cli/main.js); undefined outside a vitest run with the global setup. */
export function sharedBuild(): string | undefined {
  const root = inject('a2cSharedBuild');
  if (!root) return undefined;
  const done = join(root, 'built');
  const failed = join(root, 'failed');
  let mine = false;
  try {
    mkdirSync(join(root, 'lock'));
    mine = true;
  } catch {}
  if (mine) {
    // playbooks/: the build makes the converter's code cache by converting it.
    for (const name of ['mappings', 'src', 'package.json', 'node_modules', 'playbooks']) symlinkSync(join(REPO, name), join(root, name));
    const r = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', REPO, '--outDir', join(root, 'dist')], {
      encoding: 'utf8',
    });
    // Type errors are the type-check's business (npm run build); tsc still emits, and the tests check
    // behaviour. Only a build that emitted nothing is a failure here. The converter is bundled (with its
    // code cache) as the build script bundles it (scripts/bundle-cli.ts), so the tests run the CLI that ships.
    if (!existsSync(join(root, 'dist/cli/main.js'))) writeFileSync(failed, `tsc emitted no CLI:\n${r.stdout}${r.stderr}`);
    else {
      const b = spawnSync(process.execPath, [join(root, 'dist/scripts/bundle-cli.js')], { encoding: 'utf8' });
      if (b.status === 0) writeFileSync(done, '');
      else writeFileSync(failed, `bundling the converter failed:\n${b.stdout}${b.stderr}`);
    }
  }
  while (!existsSync(done)) {
    if (existsSync(failed)) throw new Error(readFileSync(failed, 'utf8'));
    Atomics.wait(pause, 0, 0, 250);
  }
  return root;
}
