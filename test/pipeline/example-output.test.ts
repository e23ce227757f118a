// The committed cookbooks-out/ is the reviewed example output: it must be exactly what the current code
// makes of playbooks/ — every file byte for byte, the manifest included, and no file more or less.
// The fresh tree is made the way the README's `npm run example` makes it (the CLI, from the repository
// root, input spelled `playbooks`), only into a temporary directory.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, readTree, REPO, runCli } from '../helpers/golden.js';

const COMMITTED = join(REPO, 'cookbooks-out');
const STALE = 'cookbooks-out/ is stale: regenerate it with `npm run build && npm run example` and commit the result';

describe('committed example output', () => {
  let cli: ReturnType<typeof buildCli>;
  let out: string;
  beforeAll(() => {
    cli = buildCli();
    out = mkdtempSync(join(tmpdir(), 'a2c-example-'));
  });
  afterAll(() => {
    cli?.cleanup();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('equals a fresh conversion of playbooks/', () => {
    expect(existsSync(COMMITTED), STALE).toBe(true);
    const run = runCli(cli.main, ['convert', 'playbooks', '--out', out, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    const fresh = readTree(out);
    const committed = readTree(COMMITTED);

    const missing = [...fresh.keys()].filter((p) => !committed.has(p));
    const extra = [...committed.keys()].filter((p) => !fresh.has(p));
    expect({ missing, extra }, STALE).toEqual({ missing: [], extra: [] });
    for (const [path, bytes] of fresh) {
      expect(committed.get(path)!.toString('utf8'), `${STALE} (${path} differs)`).toBe(bytes.toString('utf8'));
      expect(committed.get(path)!.equals(bytes), `${STALE} (${path} differs in bytes)`).toBe(true);
    }
  });
});
