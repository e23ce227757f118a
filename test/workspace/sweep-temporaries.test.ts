// Temporaries a stopped run left behind are removed by the next run that writes: from the whole tree
// when the journal says a run stopped while writing it, from .ansible2chef/ (the journal's and the
// last-run record's directory) always. A file that is not one of the writer's temporaries stays.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/workspace/apply.js';
import { emptyManifest, PENDING_PATH } from '../../src/workspace/manifest.js';
import { removeTempDirs, tempDir, writeTree } from '../helpers/workflow.js';

afterAll(() => removeTempDirs());

const TEMP = '.0123456789ab.a2c-tmp';

function outputWith(files: Record<string, string>): string {
  const out = join(tempDir(), 'out');
  mkdirSync(out, { recursive: true });
  writeTree(out, files);
  return out;
}

const apply = (out: string) =>
  applyChanges(out, [{ path: 'web/recipes/default.rb', kind: 'create', content: "package 'nginx'\n" }], {
    ...emptyManifest(),
    files: {},
  });

describe('sweeping temporaries', () => {
  it('sweeps the whole tree when the journal of a stopped run is there', () => {
    const out = outputWith({
      [PENDING_PATH]: '{"files":{}}\n',
      [`db/recipes/${TEMP}`]: 'half',
      [`.ansible2chef/${TEMP}`]: 'half',
      'db/recipes/.keep.a2c-tmp': 'not a temporary name',
    });
    apply(out);
    expect(existsSync(join(out, 'db', 'recipes', TEMP))).toBe(false);
    expect(existsSync(join(out, '.ansible2chef', TEMP))).toBe(false);
    expect(existsSync(join(out, 'db', 'recipes', '.keep.a2c-tmp'))).toBe(true);
    expect(existsSync(join(out, 'web', 'recipes', 'default.rb'))).toBe(true);
    expect(existsSync(join(out, ...PENDING_PATH.split('/')))).toBe(false);
  });

  it('sweeps .ansible2chef/ when no journal is there (a run stopped while writing its records)', () => {
    const out = outputWith({ [`.ansible2chef/${TEMP}`]: 'half', 'db/recipes/default.rb': "package 'mariadb'\n" });
    apply(out);
    expect(existsSync(join(out, '.ansible2chef', TEMP))).toBe(false);
  });

  it('writes the journal before a run that writes only sidecars', () => {
    const out = outputWith({ 'db/recipes/default.rb': '# edited\n' });
    // A sidecar-only run marks itself with the journal like any other: a kill then leaves its
    // temporaries to the next run's sweep. Progress is reported after each file written.
    const journalAt: boolean[] = [];
    const res = applyChanges(
      out,
      [{ path: 'db/recipes/default.rb', kind: 'conflict', content: "package 'mariadb'\n", old: Buffer.from('# edited\n') }],
      { ...emptyManifest(), files: {} },
      { keepEdits: true, progress: () => journalAt.push(existsSync(join(out, ...PENDING_PATH.split('/')))) },
    );
    expect(res.sidecars).toEqual(['db/recipes/default.rb.new']);
    expect(journalAt).toEqual([true]);
    expect(existsSync(join(out, 'db', 'recipes', 'default.rb.new'))).toBe(true);
    expect(existsSync(join(out, ...PENDING_PATH.split('/')))).toBe(false);
  });
});
