// The no-change re-run knows its input is unchanged from the stamps (size, modification and
// status-change times, inode) of every input directory and file when the last run recorded them,
// without listing a directory or reading a file. A file changed since, even to the same size with its
// modification time put back, a file added or removed (only its directory's stamp tells), a changed
// config, a changed tool and an output file edited by hand with its size and time put back must
// still be seen; a file changed just before a run gets no stamp, and the next run reads it.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_RUN_PATH, type LastRun } from '../../src/workspace/last-run.js';
import type { NameTree } from '../../src/workspace/stamps.js';
import { CLI, ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

/** Longer than the window in which a just-changed file gets no stamp (read-input.ts). */
const SETTLE_MS = 3200;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));
/** A whole second, which utimes can set back exactly. */
const PAST = 1_700_000_000;

const lastRun = (out: string): LastRun => JSON.parse(readFileSync(join(out, ...LAST_RUN_PATH.split('/')), 'utf8')) as LastRun;

/** Every file path of a recorded name tree. */
function paths(t: NameTree | undefined, prefix = ''): string[] {
  if (!t) return [];
  return [...t.f.map((f) => prefix + f), ...t.d.flatMap(([name, sub]) => paths(sub, `${prefix}${name}/`))];
}

interface Summary {
  upToDate?: boolean;
  rendered?: string[];
  edited?: string[];
}

function convert(dir: string, out: string, extra: string[] = [], status = 0): Summary {
  const r = runCli(['convert', dir, '--out', out, '--json', ...extra]);
  expect(r.status, r.stderr).toBe(status);
  return JSON.parse(r.stdout);
}

/** A converted project whose input has settled, so the last run recorded its stamps, and an up-to-date re-run. */
async function settled(roles = 2, extra: Record<string, string> = {}): Promise<{ dir: string; out: string }> {
  const dir = tempDir();
  const out = tempDir('a2c-out-');
  writeTree(dir, { ...syntheticProject(roles), ...extra });
  await settle();
  convert(dir, out);
  expect(lastRun(out).input).toBeDefined();
  expect(convert(dir, out).upToDate).toBe(true);
  return { dir, out };
}

describe('the no-change re-run by input stamps', () => {
  it('skips an input it need not read, and converts one changed to the same size with its time put back', async () => {
    const dir = tempDir();
    const out = tempDir('a2c-out-');
    writeTree(dir, syntheticProject(2));
    const task = join(dir, 'roles/svc000/tasks/main.yml');
    utimesSync(task, PAST, PAST);
    await settle();
    expect(convert(dir, out).rendered).toEqual(['svc000', 'svc001']);
    expect(paths(lastRun(out).input?.names)).toContain('roles/svc000/tasks/main.yml');
    expect(convert(dir, out).upToDate).toBe(true);

    // Same size, same modification time: only the status-change time tells.
    const before = statSync(task);
    const text = readFileSync(task, 'utf8');
    expect(text).toContain('state: started');
    writeFileSync(task, text.replace('state: started', 'state: stopped'));
    utimesSync(task, PAST, PAST);
    expect(statSync(task).size).toBe(before.size);
    expect(statSync(task).mtimeMs).toBe(before.mtimeMs);
    const changed = convert(dir, out);
    expect(changed.upToDate).toBeUndefined();
    expect(changed.rendered).toEqual(['svc000']);
    expect(readFileSync(join(out, 'svc000/recipes/default.rb'), 'utf8')).toContain(':stop');
  });

  it('converts when a file was added, in a directory or with a new one: only the directories stamps tell', async () => {
    const { dir, out } = await settled();
    writeTree(dir, { 'roles/svc001/vars/main.yml': 'svc001_port: 9090\n' });
    const added = convert(dir, out);
    expect(added.upToDate).toBeUndefined();
    expect(added.rendered).toEqual(['svc001']);
    expect(
      readFileSync(join(out, 'svc001/templates/svc001.conf.erb'), 'utf8') + readFileSync(join(out, 'svc001/attributes/default.rb'), 'utf8'),
    ).toContain('9090');
    writeTree(dir, { 'roles/svc000/defaults/extra.yml': 'svc000_extra: 1\n' });
    expect(convert(dir, out).upToDate).toBeUndefined();
  });

  it('converts when a file was removed', async () => {
    const { dir, out } = await settled(2, { 'roles/svc001/vars/main.yml': 'svc001_port: 9090\n' });
    rmSync(join(dir, 'roles/svc001/vars/main.yml'));
    const removed = convert(dir, out);
    expect(removed.upToDate).toBeUndefined();
    expect(removed.rendered).toEqual(['svc001']);
  });

  it('takes a re-run whose stamps moved but whose content did not as up to date, and records the new stamps', async () => {
    const { dir, out } = await settled(1);
    const task = join(dir, 'roles/svc000/tasks/main.yml');
    writeFileSync(task, readFileSync(task));
    const digest = lastRun(out).input?.digest;
    expect(convert(dir, out).upToDate).toBe(true);
    // Written moments ago: no stamps yet; once settled, the next read records them.
    await settle();
    expect(convert(dir, out).upToDate).toBe(true);
    expect(lastRun(out).input?.digest).toBeDefined();
    expect(lastRun(out).input?.digest).not.toBe(digest);
    expect(convert(dir, out).upToDate).toBe(true);
  });

  it('converts again when the config changed', async () => {
    const { dir, out } = await settled(1);
    // The config lives outside the input: only the run's context can tell it changed.
    const config = join(tempDir('a2c-cfg-'), 'ansible2chef.toml');
    writeFileSync(config, 'namespace = "first"\n');
    convert(dir, out, ['--config', config]);
    expect(readFileSync(join(out, 'svc000/attributes/default.rb'), 'utf8')).not.toContain('svc000_port');
    expect(convert(dir, out, ['--config', config]).upToDate).toBe(true);
    // Attribute keys that keep the variables' names.
    writeFileSync(config, 'namespace = "first"\nattribute-keys = "ansible"\n');
    const changed = convert(dir, out, ['--config', config]);
    expect(changed.upToDate).toBeUndefined();
    expect(changed.rendered).toEqual(['svc000']);
    expect(readFileSync(join(out, 'svc000/attributes/default.rb'), 'utf8')).toContain("['svc000_port']");
  });

  it('converts again when the tool changed', async () => {
    // A copy of this test file's build, so that changing it changes no other test's tool.
    const build = tempDir('a2c-tool-');
    cpSync(dirname(dirname(dirname(CLI))), build, { recursive: true, verbatimSymlinks: true });
    const cli = join(build, 'dist/cli/main.js');
    const dir = tempDir();
    const out = tempDir('a2c-out-');
    writeTree(dir, syntheticProject(1));
    await settle();
    const run = (): Summary => {
      const r = spawnSync(process.execPath, [cli, 'convert', dir, '--out', out, '--json'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    expect(run().rendered).toEqual(['svc000']);
    expect(run().upToDate).toBe(true);
    // The last run knew the tool's code by its stamps: the re-run did not read it, and must still see it change.
    expect(lastRun(out).tool).toBeDefined();
    appendFileSync(join(build, 'dist/cli/version.js'), '// another build\n');
    const changed = run();
    expect(changed.upToDate).toBeUndefined();
    expect(changed.rendered).toEqual(['svc000']);
    expect(run().upToDate).toBe(true);
  });

  it('sees an output file edited by hand, even to the same size with its time put back', async () => {
    const { dir, out } = await settled(1);
    const recipe = join(out, 'svc000/recipes/default.rb');
    // A whole second as the file's time, so that it can be put back exactly; the run after it records it.
    utimesSync(recipe, PAST, PAST);
    expect(convert(dir, out).upToDate).toBeUndefined();
    expect(convert(dir, out).upToDate).toBe(true);
    const text = readFileSync(recipe, 'utf8');
    const before = statSync(recipe);
    const edited = text.replace('svc000', 'svcXYZ');
    expect(edited).not.toBe(text);
    writeFileSync(recipe, edited);
    utimesSync(recipe, PAST, PAST);
    expect(statSync(recipe).size).toBe(before.size);
    expect(statSync(recipe).mtimeMs).toBe(before.mtimeMs);
    const r = convert(dir, out, [], 1);
    expect(r.upToDate).toBeUndefined();
    expect(r.edited).toEqual(['svc000/recipes/default.rb']);
    expect(readFileSync(recipe, 'utf8')).toBe(edited);
  });

  it('reads the options from the manifest again once it changed since the last run', async () => {
    const { dir, out } = await settled(1);
    convert(dir, out, ['--namespace', 'first']);
    const note = (r: { stderr: string }) => r.stderr.match(/using the options of the last convert.*/)?.[0] ?? '';
    expect(note(runCli(['convert', dir, '--out', out]))).toContain('--namespace first');
    // A manifest written since (a checkout of another conversion): its options, not the last run's copy.
    const path = join(out, '.ansible2chef/manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    expect(manifest.options).toEqual({ namespace: 'first' });
    writeFileSync(path, JSON.stringify({ ...manifest, options: { namespace: 'second' } }, null, 2) + '\n');
    expect(note(runCli(['convert', dir, '--out', out]))).toContain('--namespace second');
  });

  it('records no stamps for a file changed just before the run, and the next re-runs read it, then stamp it', async () => {
    const dir = tempDir();
    const out = tempDir('a2c-out-');
    writeTree(dir, syntheticProject(1));
    convert(dir, out);
    // Written moments ago: a later change within the same timestamp tick could keep its stamp.
    expect(lastRun(out).input).toBeUndefined();
    expect(convert(dir, out).upToDate).toBe(true);
    await settle();
    expect(convert(dir, out).upToDate).toBe(true);
    expect(paths(lastRun(out).input?.names)).toContain('roles/svc000/tasks/main.yml');
    expect(convert(dir, out).upToDate).toBe(true);
  });
});
