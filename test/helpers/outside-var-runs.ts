// One variable set outside the input, run both ways: ansible-playbook with it as an extra variable,
// and the converted cookbooks (written to a temp folder once) with it in the node file, compiled by
// chef-compile.rb's harness and converged by test/tools/converge-render.rb. Each run gives the files
// it writes (by the last part of their path), or its failure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { convertProject } from './convert-helpers.js';
import { withLocalPlay } from './local-play.js';
import { convergeRender } from './converge-render.js';
import { hasTool } from './real-tools.js';
import { GROUND_TRUTH, SHARED } from './shared.js';
import { compileCheckDir } from '../../src/scripts/chef-compile.js';

export const schemaFile = join(SHARED, 'chef/resources.json');
/** The variable left unset. */
export const UNSET = Symbol('unset');
export type Outcome = { files: Record<string, string> } | { error: string };

export const haveRunTools = (): boolean =>
  hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile) && existsSync(GROUND_TRUTH);

/** `project(out)` writes `files` under out; `name` is the variable set outside. */
export interface OutsideVar {
  project: (out: string) => Record<string, string>;
  name: string;
  files: readonly string[];
}

export function ansibleRun(p: OutsideVar, value: unknown): Outcome {
  return withLocalPlay(
    (dir) => p.project(dir),
    (run) => {
      if (run.status !== 0) return { error: run.log };
      return { files: Object.fromEntries(p.files.map((f) => [f, readFileSync(join(run.dir, f), 'utf8')])) };
    },
    value === UNSET ? undefined : { [p.name]: value },
  );
}

function chefRun(p: OutsideVar, dir: string, value: unknown): Outcome {
  const nodeFile = join(dir, 'nodes/localhost.json');
  const node = JSON.parse(readFileSync(nodeFile, 'utf8')) as Record<string, unknown>;
  node['normal'] = value === UNSET ? {} : { ansible: { [p.name]: value } };
  writeFileSync(nodeFile, JSON.stringify(node));
  const [compiled] = compileCheckDir(dir, { factsFile: GROUND_TRUTH, schemaFile });
  if (compiled?.outcome !== 'ok') return { error: `${compiled?.outcome} ${compiled?.error}: ${compiled?.message}` };
  const events = convergeRender(dir, schemaFile)['localhost'] ?? [];
  const failed = events.find((e) => e.error !== undefined);
  if (failed) return { error: failed.error! };
  const text = (f: string) => events.find((e) => e.id.endsWith(`/${f}]`))?.text ?? '(not written)';
  return { files: Object.fromEntries(p.files.map((f) => [f, text(f)])) };
}

/** The project converted (writing under /etc/test) into a temp folder, `use` given the run on a value there. */
export async function withConverted(p: OutsideVar, use: (run: (value: unknown) => Outcome) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-outside-'));
  try {
    const r = await convertProject(p.project('/etc/test'));
    for (const [path, content] of r.files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    use((value) => chefRun(p, dir, value));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
