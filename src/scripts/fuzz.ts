// `npm run fuzz -- [seconds] [--seed N] [--corpus DIR]`: convert random and mutated inputs until the
// time is up. Every input must end in output plus diagnostics: an exception, an internal-error
// diagnostic or a case slower than the per-case limit is a finding. The run happens in a worker so a
// hang is caught too: the watchdog stops the worker and names the case.
// The same cases (fuzzCases, checkCase) run for a few seconds in `npm test`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { convert } from '../convert.js';
import type { InputTree } from '../load/ansible/input.js';

export interface FuzzCase {
  label: string;
  files: Map<string, Uint8Array>;
}

/** A small seeded generator (mulberry32): mutations reproduce from the seed alone. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = new TextEncoder();
const dec = new TextDecoder();

type Mutation = (text: Uint8Array, r: () => number) => Uint8Array;
const pick = (r: () => number, n: number) => Math.floor(r() * n);
const lines = (b: Uint8Array) => dec.decode(b).split('\n');
const join_ = (l: string[]) => enc.encode(l.join('\n'));

/** The mutations of real files: what editors, merges and bad copies do to YAML. */
export const MUTATIONS: Record<string, Mutation> = {
  byteFlip: (b, r) => {
    const out = b.slice();
    for (let i = 0; i < 1 + pick(r, 4) && out.length; i++) {
      const at = pick(r, out.length);
      out[at] = out[at]! ^ (1 << pick(r, 8));
    }
    return out;
  },
  deleteLine: (b, r) => {
    const l = lines(b);
    l.splice(pick(r, l.length), 1 + pick(r, 2));
    return join_(l);
  },
  indent: (b, r) => {
    const l = lines(b);
    const i = pick(r, l.length);
    l[i] = r() < 0.5 ? ' '.repeat(1 + pick(r, 4)) + l[i] : l[i]!.replace(/^ {1,2}/, '');
    return join_(l);
  },
  truncate: (b, r) => b.slice(0, pick(r, b.length + 1)),
  duplicateLine: (b, r) => {
    const l = lines(b);
    const i = pick(r, l.length);
    l.splice(i, 0, l[i]!);
    return join_(l);
  },
  insertToken: (b, r) => {
    const tokens = [
      '{{',
      '}}',
      '{%',
      '%}',
      '<%',
      '%>',
      '#{',
      '&a',
      '*a',
      '!vault ',
      '!!python/object ',
      ': ',
      '- ',
      '[',
      '{',
      '"',
      "'",
      '\t',
      '\r',
      '\uFEFF',
      '\0',
      '..',
      '../../etc/passwd',
      '\\uD800',
    ];
    const t = dec.decode(b);
    const at = pick(r, t.length + 1);
    return enc.encode(t.slice(0, at) + tokens[pick(r, tokens.length)] + t.slice(at));
  },
};

/** Files of the corpus (or another folder) that a mutation is applied to, grouped by project. */
export function corpusProjects(root: string): Array<{ name: string; files: Map<string, Uint8Array> }> {
  if (!existsSync(root)) return [];
  const walk = (dir: string, rel: string, out: Map<string, Uint8Array>) => {
    for (const n of readdirSync(dir).sort()) {
      if (n.startsWith('.')) continue;
      const full = join(dir, n);
      const p = rel ? `${rel}/${n}` : n;
      const st = statSync(full);
      if (st.isDirectory()) walk(full, p, out);
      else if (st.isFile() && st.size < 256 * 1024) out.set(p, readFileSync(full));
    }
    return out;
  };
  return readdirSync(root)
    .sort()
    .filter((n) => statSync(join(root, n)).isDirectory())
    .map((name) => ({ name, files: walk(join(root, name), '', new Map()) }));
}

const scalar = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('{{ x }}', '{{', '%>', '<%= 1 %>', '#{1}', 'yes', '0644', '~', '*a', '&a x', '!vault', '- x', ': x', 'a\nb', '\u2028'),
);
const yamlish = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 4 },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(
        'name',
        'src',
        'dest',
        'when',
        'loop',
        'notify',
        'block',
        'no_log',
        'copy',
        'template',
        'command',
        'debug',
        'include_tasks',
        'x',
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

/** A random task file: structured values dumped as JSON (valid YAML) or as raw text. */
function randomTasks(seed: number, count: number): string[] {
  return fc.sample(
    fc.oneof(
      yamlish.map((v) => JSON.stringify(v)),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
    ),
    { seed, numRuns: count },
  );
}

/** Deterministic cases for a seed: random task files, then mutated corpus projects, in turn. */
export function* fuzzCases(seed: number, projects: Array<{ name: string; files: Map<string, Uint8Array> }>): Generator<FuzzCase> {
  const r = rng(seed);
  const names = Object.keys(MUTATIONS);
  for (let i = 0; ; i++) {
    if (i % 3 === 0 || projects.length === 0) {
      const [text] = randomTasks(seed + i, 1);
      yield {
        label: `random#${i} (seed ${seed})`,
        files: new Map([
          ['tasks/main.yml', enc.encode(text!)],
          ['templates/t.j2', enc.encode(text!)],
        ]),
      };
      continue;
    }
    const project = projects[pick(r, projects.length)]!;
    const paths = [...project.files.keys()].filter((p) => /\.(ya?ml|j2)$|(^|\/)hosts$/.test(p));
    if (!paths.length) continue;
    const files = new Map(project.files);
    const edits: string[] = [];
    for (let k = 0; k < 1 + pick(r, 3); k++) {
      const path = paths[pick(r, paths.length)]!;
      const m = names[pick(r, names.length)]!;
      files.set(path, MUTATIONS[m]!(files.get(path)!, r));
      edits.push(`${m} ${path}`);
    }
    yield { label: `${project.name}: ${edits.join(', ')} (case ${i}, seed ${seed})`, files };
  }
}

/** Converts one case; returns what is wrong with the outcome, or undefined. */
export async function checkCase(c: FuzzCase, caseLimitMs: number): Promise<string | undefined> {
  // CPU time, not wall time: a case is as slow on a loaded machine as on an idle one.
  const started = process.cpuUsage();
  try {
    const input: InputTree = { files: c.files };
    const result = await convert(input);
    const used = process.cpuUsage(started);
    const ms = Math.round((used.user + used.system) / 1000);
    const internal = result.diagnostics.filter((d) => d.code.startsWith('A2C-INTERNAL'));
    if (internal.length) return `${c.label}: ${internal.map((d) => `${d.code} ${d.message.split('\n')[0]}`).join('; ')}`;
    if (!result.files.has('CONVERSION.md')) return `${c.label}: no report written`;
    if (ms > caseLimitMs) return `${c.label}: took ${ms} ms of CPU time (limit ${caseLimitMs} ms)`;
    return undefined;
  } catch (e) {
    return `${c.label}: threw ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e)}`;
  }
}

interface WorkerArgs {
  seed: number;
  seconds: number;
  corpus: string;
  caseLimitMs: number;
}
type Report = { kind: 'start'; label: string } | { kind: 'finding'; text: string } | { kind: 'done'; cases: number };

async function runInWorker(args: WorkerArgs): Promise<void> {
  const post = (m: Report) => parentPort!.postMessage(m);
  const deadline = Date.now() + args.seconds * 1000;
  let cases = 0;
  for (const c of fuzzCases(args.seed, corpusProjects(args.corpus))) {
    if (Date.now() > deadline) break;
    post({ kind: 'start', label: c.label });
    const finding = await checkCase(c, args.caseLimitMs);
    if (finding) post({ kind: 'finding', text: finding });
    cases++;
  }
  post({ kind: 'done', cases });
}

function main(): void {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv.splice(i, 2)[1] : undefined;
  };
  const seed = Number(flag('--seed') ?? Date.now() % 100000);
  const corpus = resolve(flag('--corpus') ?? '../shared/corpus');
  const seconds = Number(argv[0] ?? 60);
  const args: WorkerArgs = { seed, seconds, corpus, caseLimitMs: 10_000 };
  process.stdout.write(`fuzz: seed ${seed}, ${seconds} s, corpus ${corpus}\n`);
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: args });
  const findings: string[] = [];
  let current = '';
  let lastStart = Date.now();
  // A case that never returns: a hang, which no in-thread timer could interrupt.
  const watchdog = setInterval(() => {
    if (Date.now() - lastStart > 4 * args.caseLimitMs) {
      findings.push(`${current}: no result after ${4 * args.caseLimitMs} ms (hang)`);
      void worker.terminate();
    }
  }, 1000);
  worker.on('message', (m: Report) => {
    if (m.kind === 'start') [current, lastStart] = [m.label, Date.now()];
    else if (m.kind === 'finding') findings.push(m.text);
    else process.stdout.write(`fuzz: ${m.cases} cases\n`);
  });
  worker.on('error', (e) => findings.push(`${current}: worker died: ${e.message}`));
  worker.on('exit', () => {
    clearInterval(watchdog);
    for (const f of findings) process.stdout.write(`finding: ${f}\n`);
    process.stdout.write(`fuzz: ${findings.length} findings\n`);
    process.exitCode = findings.length ? 1 : 0;
  });
}

if (!isMainThread && (workerData as WorkerArgs | undefined)?.seed !== undefined) void runInWorker(workerData as WorkerArgs);
else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
