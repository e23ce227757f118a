// The no-change re-run knows its input is unchanged from the files' stamps (size, modification and
// status-change times, inode) when the last run recorded them, without reading the files. A file
// changed since, even to the same size with its modification time put back, or a file added, must
// still be converted; a file changed just before a run gets no stamp, and the next run reads it.
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_RUN_PATH, type LastRun } from '../../src/workspace/last-run.js';
import { ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

/** Longer than the window in which a just-changed file gets no stamp (read-input.ts). */
const SETTLE_MS = 3200;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));

const lastRun = (out: string): LastRun => JSON.parse(readFileSync(join(out, ...LAST_RUN_PATH.split('/')), 'utf8')) as LastRun;

function convert(dir: string, out: string): { upToDate?: boolean; rendered?: string[] } {
  const r = runCli(['convert', dir, '--out', out, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('the no-change re-run by input stamps', () => {
  it('skips an input it need not read, and converts one changed to the same size with its time put back', async () => {
    const dir = tempDir();
    const out = tempDir('a2c-out-');
    writeTree(dir, syntheticProject(2));
    const task = join(dir, 'roles/svc000/tasks/main.yml');
    // A whole second, which utimes can set back exactly.
    const past = 1_700_000_000;
    utimesSync(task, past, past);
    await settle();
    expect(convert(dir, out).rendered).toEqual(['svc000', 'svc001']);
    const recorded = lastRun(out).inputs!;
    expect(Object.keys(recorded)).toContain('roles/svc000/tasks/main.yml');
    expect(convert(dir, out).upToDate).toBe(true);

    // Same size, same modification time: only the status-change time tells.
    const before = statSync(task);
    const text = readFileSync(task, 'utf8');
    expect(text).toContain('state: started');
    writeFileSync(task, text.replace('state: started', 'state: stopped'));
    utimesSync(task, past, past);
    expect(statSync(task).size).toBe(before.size);
    expect(statSync(task).mtimeMs).toBe(before.mtimeMs);
    const changed = convert(dir, out);
    expect(changed.upToDate).toBeUndefined();
    expect(changed.rendered).toEqual(['svc000']);
    expect(readFileSync(join(out, 'svc000/recipes/default.rb'), 'utf8')).toContain(':stop');
  });

  it('converts when a file was added', async () => {
    const dir = tempDir();
    const out = tempDir('a2c-out-');
    writeTree(dir, syntheticProject(2));
    await settle();
    convert(dir, out);
    expect(lastRun(out).inputs).toBeDefined();
    writeTree(dir, { 'roles/svc001/defaults/extra.yml': 'svc001_extra: 1\n' });
    expect(convert(dir, out).upToDate).toBeUndefined();
  });

  it('records no stamps for a file changed just before the run, and the next re-runs read it, then stamp it', async () => {
    const dir = tempDir();
    const out = tempDir('a2c-out-');
    writeTree(dir, syntheticProject(1));
    convert(dir, out);
    // Written moments ago: a later change within the same timestamp tick could keep its stamp.
    expect(lastRun(out).inputs).toBeUndefined();
    expect(convert(dir, out).upToDate).toBe(true);
    await settle();
    expect(convert(dir, out).upToDate).toBe(true);
    expect(Object.keys(lastRun(out).inputs ?? {})).toContain('roles/svc000/tasks/main.yml');
    expect(convert(dir, out).upToDate).toBe(true);
  });
});
