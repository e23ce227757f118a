// The build's bundle of the converter (src/scripts/bundle-cli.ts, issue 17): converter.js and what only
// it reaches become one script with a code cache, and converter.js the module that loads it, giving
// the script every module the command line loads on its own as that module's own file, so that no
// module is loaded twice (once bundled, once as a file) and a module's state stays one. Checked on a
// small compiled tree whose modules count their evaluations, and on the real build the CLI tests run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_SCRIPT, bundleConverter, cacheName, localImports, reachedWithout } from '../../src/scripts/bundle-cli.js';
import { ensureBuilt, CLI } from '../helpers/workflow.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dist = join(mkdtempSync(join(tmpdir(), 'a2c-bundle-')), 'dist');
  made.push(dirname(dist));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, p)), { recursive: true });
    writeFileSync(join(dist, p), text);
  }
  return dist;
}

// A shared module whose state both sides must see: it counts how often it is evaluated.
const SHARED = `globalThis.evaluations = (globalThis.evaluations ?? 0) + 1;\nexport const seen = [];\n`;

describe('bundleConverter', () => {
  it('bundles what only the converter reaches and imports the rest from its own files', async () => {
    const dist = tree({
      'cli/main.js': `import { seen } from '../base/shared.js';\nexport { seen };\nexport const run = async () => (await import('./converter.js')).heavy();\n`,
      'cli/converter.js': `export { heavy } from '../work/heavy.js';\n`,
      'work/heavy.js': `import { seen } from '../base/shared.js';\nimport { helper } from './helper.js';\nexport function heavy() { seen.push(helper()); return seen; }\n`,
      'work/helper.js': `export const helper = () => 'helped';\n`,
      'base/shared.js': SHARED,
    });
    const r = await bundleConverter(dist);
    expect(r).toMatchObject({ bundled: 3, separate: 2 });
    // The helper is inside the script; the shared module is imported by the loader from its file.
    const script = readFileSync(join(dist, 'cli', BUNDLE_SCRIPT), 'utf8');
    expect(script).toMatch(/helper = \(\) => "helped"/);
    // Strict, as the modules were: a sloppy script would let a write to a frozen object pass silently.
    expect(script.split('\n')[1]).toBe("'use strict';");
    const loader = join(dist, 'cli/converter.js');
    expect(localImports(loader, readFileSync(loader, 'utf8')).map((f) => relative(dist, f))).toEqual(['base/shared.js']);
    // A cache V8 cannot read (made by another Node, or damaged) is refused, and the script compiled.
    writeFileSync(join(dist, 'cli', r.cache), 'not a code cache');
    const main = await import(pathToFileURL(join(dist, 'cli/main.js')).href);
    expect(await main.run()).toEqual(['helped']);
    // One module, one state: what the bundle pushed is what the command line's copy holds.
    expect(main.seen).toEqual(['helped']);
    expect((globalThis as { evaluations?: number }).evaluations).toBe(1);
    expect((await import(pathToFileURL(loader).href)).codeCacheUsed).toBe(false);
  });

  it('names the code cache after the script, so that no cache of another build is read', () => {
    // V8 checks a cache against the script's length only: two scripts of one length need two names.
    expect(cacheName('a = 1;')).not.toBe(cacheName('b = 2;'));
    expect(cacheName('a = 1;')).toMatch(/^converter-bundle-[0-9a-f]{16}\.cache$/);
  });

  it('refuses a module that finds files from its own place at another depth than the bundle', async () => {
    const dist = tree({
      'cli/main.js': `export const run = () => import('./converter.js');\n`,
      'cli/converter.js': `export { where } from '../mapping/plugins/where.js';\n`,
      'mapping/plugins/where.js': `export const where = () => new URL('../../mappings', import.meta.url).href;\n`,
    });
    await expect(bundleConverter(dist)).rejects.toThrow(/mapping\/plugins\/where\.js/);
    // Nothing was written: converter.js is still the plain module.
    expect(readFileSync(join(dist, 'cli/converter.js'), 'utf8')).toBe(`export { where } from '../mapping/plugins/where.js';\n`);
  });
});

describe('the built CLI', () => {
  it('loads every module outside the bundle from its own file, and none of them is also in the bundle', () => {
    ensureBuilt();
    const dist = dirname(dirname(CLI));
    const converter = join(dist, 'cli/converter.js');
    const separate = reachedWithout(CLI, converter);
    const imported = localImports(converter, readFileSync(converter, 'utf8'));
    // The loader's relative imports are all separate modules; the converter's closure is not re-read.
    expect(imported.length).toBeGreaterThan(0);
    for (const f of imported) expect(separate.has(f), relative(dist, f)).toBe(true);
    // The bulk of the converter is inside: the command line itself loads a few dozen files.
    expect(separate.size).toBeLessThan(80);
    expect(readFileSync(join(dist, 'cli', BUNDLE_SCRIPT), 'utf8').length).toBeGreaterThan(500_000);
  });

  it('compiles the bundle from its code cache under the flags the command line sets', () => {
    ensureBuilt();
    const dist = dirname(dirname(CLI));
    const url = (p: string) => JSON.stringify(pathToFileURL(join(dist, p)).href);
    // As main.ts does: the compiler flags first, then the converter. V8 refuses a cache made under
    // other flags, and the command line then compiled the whole bundle on every run (issue 17).
    const probe = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `(await import(${url('cli/compiler-flags.js')})).tuneCompiler();
console.log((await import(${url('cli/converter.js')})).codeCacheUsed);`,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(probe.stdout.trim()).toBe('true');
  });
});
