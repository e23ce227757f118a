// A converted output converged in real Ruby as far as test/tools/converge-render.rb goes: each node
// file's run compiled by chef-compile.rb's harness, then its resources in declaration order (guards
// asked, ruby_blocks run, templates rendered with Erubis, file contents computed), each resource's
// outcome by node name. The first error ends a node's run, as it fails a Chef run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { resourceSchema } from '../../src/scripts/chef-compile.js';
import { convertProject, type TextTree } from './convert-helpers.js';
import { REPO_ROOT } from './shared.js';

export interface ConvergeEvent {
  id: string;
  text?: string;
  error?: string;
  skipped?: boolean;
}

/** The output written in `dir` converged: node name -> its resources' outcomes. */
export function convergeRender(dir: string, schemaFile: string): Record<string, ConvergeEvent[]> {
  const input = { cookbooks: dir, resources: resourceSchema(schemaFile) };
  const run = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/converge-render.rb')], { input: JSON.stringify(input), encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, ConvergeEvent[]>;
}

/** The input converted with a one-node inventory (localhost), written to a scratch folder and converged there. */
export async function convergeOnLocalhost(files: TextTree, schemaFile: string): Promise<ConvergeEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-converge-'));
  try {
    const r = await convertProject({ ...files, 'inventory.ini': 'localhost\n' });
    for (const [path, content] of r.files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    return convergeRender(dir, schemaFile)['localhost'] ?? [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
