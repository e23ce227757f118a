// A conversion run as Chef would run it on localhost: its files written to a scratch folder, the
// compile phase checked (test/tools/chef-compile.rb, must compile), then converged by
// test/tools/converge-render.rb (no resource may fail). Gives the text the run writes to the file
// whose resource id ends with `/<name>]`, for comparison with what ansible-playbook wrote.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { compileCheckDir } from '../../src/scripts/chef-compile.js';
import { convergeRender, type ConvergeEvent } from './converge-render.js';
import { GROUND_TRUTH, SHARED } from './shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

export function convergedFileText(files: ReadonlyMap<string, string | Uint8Array>, name: string): string | undefined {
  return convergedEvents(files).find((e) => e.id.endsWith(`/${name}]`))?.text;
}

/** Every resource event of the run (its id, the text it writes, whether a guard skipped it). */
export function convergedEvents(files: ReadonlyMap<string, string | Uint8Array>): ConvergeEvent[] {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-converged-'));
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const [compiled] = compileCheckDir(dir, { factsFile: GROUND_TRUTH, schemaFile });
    expect(compiled?.outcome, compiled?.message).toBe('ok');
    const events = convergeRender(dir, schemaFile)['localhost'] ?? [];
    expect(events.find((e) => e.error !== undefined)).toBeUndefined();
    return events;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
