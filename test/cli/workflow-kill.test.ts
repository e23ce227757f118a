// Atomic writes: kill -9 a large conversion while it writes; every file must then hold either its old
// or its new bytes (never half of each), and the next run must complete normally.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, removeTempDirs, runCli, snapshot, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

const ROLES = 150;

describe('kill -9 during a conversion', () => {
  it('leaves every file old or new, and the next run completes', { retry: 2 }, async () => {
    const dir = tempDir();
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    const fresh = join(dir, 'fresh');
    writeTree(input, syntheticProject(ROLES, 'v1'));
    expect(runCli(['convert', input, '--out', out, '-q']).status).toBe(0);
    const old = snapshot(out);

    // Every generated role file changes between v1 and v2.
    writeTree(input, syntheticProject(ROLES, 'v2'));
    expect(runCli(['convert', input, '--out', fresh, '-q']).status).toBe(0);
    const next = snapshot(fresh);

    const child = spawn(process.execPath, ['--no-warnings', CLI, 'convert', input, '--out', out, '-q'], { stdio: 'ignore' });
    const exited = new Promise<void>((res) => child.on('exit', () => res()));
    // Wait until the run is writing (a file a third of the way through has its new bytes), then kill.
    const probe = join(out, 'svc040', 'attributes', 'default.rb');
    const probeNew = next.bytes.get('svc040/attributes/default.rb')!;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (existsSync(probe) && readFileSync(probe).equals(probeNew)) break;
    }
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode, 'the run finished before it could be killed').toBe('SIGKILL');

    const mid = snapshot(out);
    expect(
      mid.bytes.get('.ansible2chef/manifest.json')!.equals(old.bytes.get('.ansible2chef/manifest.json')!),
      'manifest is written last',
    ).toBe(true);
    let asOld = 0;
    let asNew = 0;
    for (const [p, bytes] of mid.bytes) {
      if (p.startsWith('.ansible2chef/') || p.endsWith('.a2c-tmp')) continue;
      const o = old.bytes.get(p);
      const n = next.bytes.get(p);
      const isOld = o !== undefined && bytes.equals(o);
      const isNew = n !== undefined && bytes.equals(n);
      expect(isOld || isNew, `${p} is neither its old nor its new content`).toBe(true);
      if (isNew && !isOld) asNew++;
      else if (isOld && !isNew) asOld++;
    }
    // The kill really happened mid-write.
    expect(asNew).toBeGreaterThan(0);
    expect(asOld).toBeGreaterThan(0);

    const again = runCli(['convert', input, '--out', out, '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).edited).toEqual([]);
    const done = snapshot(out);
    expect([...done.bytes.keys()]).toEqual([...next.bytes.keys()]);
    for (const [p, bytes] of next.bytes) expect(done.bytes.get(p)!.equals(bytes), p).toBe(true);
  });
});
