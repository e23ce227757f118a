// The compile-phase check of converted cookbooks (test/tools/chef-compile.rb): writes a
// conversion's files to a temporary folder and evaluates every Policyfile run (with each node
// file that carries its recipes) as Chef's compile phase does, with real Ruby and the support
// library. Used by the chef-compile tests and by `npm run corpus`. It needs `ruby` and the shared
// ground-truth facts (Ohai attributes read on a real Debian 12 host) for the automatic attributes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUPPORT_RESOURCES } from '../support-cookbook/files.js';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const harness = join(packageRoot, 'test/tools/chef-compile.rb');

export interface CompileRun {
  id: string;
  ok: boolean;
  /**
   * ok; required-input: a variable no source of the input sets (A2C::Jinja::RequiredInput, naming
   * the attribute to set, or Chef's NoSuchAttribute on a path an A2C::Inputs.check! of the output names); outside-input: a cookbook of a role the input does not contain; failed:
   * anything else, a defect of the conversion.
   */
  outcome: 'ok' | 'required-input' | 'outside-input' | 'failed';
  resources?: number;
  error?: string;
  message?: string;
  where?: string | null;
  /** With `detail`: each declared resource (the recipes' first, then those of converge loops), its compile-time property values (`<lazy>` and `<block>` for what converge computes) and notifications. */
  detail?: Array<{
    id: string;
    properties: Record<string, unknown>;
    notifies: Array<[string, string, string]>;
    /** The a2c_converge_loop whose `declare` block declared it (in the loop's own collection, as Chef's child run context). */
    in?: string;
  }>;
}

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string[], value: unknown): void {
  let cur = tree;
  for (const key of path.slice(0, -1)) {
    if (typeof cur[key] !== 'object' || cur[key] === null) cur[key] = {};
    cur = cur[key] as Tree;
  }
  cur[path[path.length - 1] as string] = value;
}

/**
 * Ohai-shaped automatic attributes from the ground-truth rows (one Debian 12 host): every row
 * whose Ohai side is a plain dotted path with a value, plus the interface address maps Ohai
 * builds (`network.interfaces.<if>.addresses.<ip>.family`), which the rows give as lists.
 */
export function automaticAttributes(factsFile: string): Tree {
  const { rows } = JSON.parse(readFileSync(factsFile, 'utf8')) as { rows: Array<{ ohai?: string; ohai_value?: unknown }> };
  const auto: Tree = {};
  for (const r of rows) {
    if (!r.ohai || !/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(r.ohai) || !('ohai_value' in r)) continue;
    if (typeof r.ohai_value === 'string' && /^<none>$|^\(value too long/.test(r.ohai_value)) continue;
    setPath(auto, r.ohai.split('.'), r.ohai_value);
  }
  const net = ((auto['network'] as Tree | undefined) ?? {}) as Tree;
  const iface = String(net['default_interface'] ?? 'eth0');
  const addresses: Tree = {};
  if (typeof auto['ipaddress'] === 'string')
    addresses[auto['ipaddress']] = { family: 'inet', prefixlen: '24', netmask: '255.255.255.0', scope: 'Global' };
  if (typeof auto['ip6address'] === 'string') addresses[auto['ip6address']] = { family: 'inet6', prefixlen: '64', scope: 'Global' };
  if (typeof auto['macaddress'] === 'string') addresses[auto['macaddress']] = { family: 'lladdr' };
  setPath(auto, ['network', 'interfaces', iface, 'addresses'], addresses);
  setPath(auto, ['network', 'interfaces', 'lo', 'addresses'], {
    '127.0.0.1': { family: 'inet', prefixlen: '8', scope: 'Node' },
    '::1': { family: 'inet6', prefixlen: '128', scope: 'Node' },
  });
  return auto;
}

interface Schema {
  resources: Record<string, { actions: string[]; properties: Record<string, { is?: unknown }> }>;
}

/**
 * Every resource type the compile check accepts (Chef Infra 18's own and the support cookbook's),
 * with its actions and the classes each declared property accepts (`is`), which Chef validates
 * when a property is set at compile time.
 */
export function resourceSchema(schemaFile: string): Record<string, { actions: string[]; types: Record<string, unknown> }> {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Schema;
  const out: Record<string, { actions: string[]; types: Record<string, unknown> }> = {};
  for (const [name, r] of [...Object.entries(schema.resources), ...Object.entries(SUPPORT_RESOURCES)]) {
    out[name] = { actions: r.actions, types: Object.fromEntries(Object.entries(r.properties).map(([p, d]) => [p, d.is ?? null])) };
  }
  return out;
}

export interface CompileInputs {
  factsFile: string;
  schemaFile: string;
  /** Return each run's resources with their compile-time values. */
  detail?: boolean;
}

/** Writes `files` (a conversion's output) to a temporary folder and runs the compile check on it. */
export function compileCheck(files: ReadonlyMap<string, string | Uint8Array>, inputs: CompileInputs): CompileRun[] {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-compile-'));
  try {
    for (const [path, content] of files) {
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    return compileCheckDir(dir, inputs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The compile check on an output folder already on disk (cookbooks-out/). */
export function compileCheckDir(dir: string, inputs: CompileInputs): CompileRun[] {
  if (!existsSync(harness)) throw new Error(`the compile check needs ${harness}`);
  const input = {
    cookbooks: resolve(dir),
    automatic: automaticAttributes(inputs.factsFile),
    resources: resourceSchema(inputs.schemaFile),
    detail: inputs.detail === true,
  };
  const r = spawnSync('ruby', [harness], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`chef-compile.rb failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout) as CompileRun[];
}
