// The fixed cost of a convert, split (issue 17): what every run pays before and beside its input.
// - node: Node's own start (`node -e 0`);
// - --version: the CLI's entry module on top of it;
// - empty convert: a convert of an empty folder, which loads every module a convert loads, reads the
//   mapping tables, compiles Prism and writes the support cookbook, with no input to translate;
// - modules: how many files of code that convert loads (those of Node's ESM loader, and the converter
//   bundle its loader reads: src/scripts/bundle-cli.ts), and their size;
// - warm-up: a large-defaults role (bench/large-defaults.mjs, --mb, default 1) converted twice in one
//   process, after a convert of the empty folder has loaded the modules: the first run pays V8's lazy
//   compiles, its interpreter and baseline code before the optimised code, and the young generation's
//   growth; the second runs on warm code. What the first costs beyond the second is the part of the
//   fixed cost that module loading does not explain. The child sets the command line's compiler flags
//   first (cli/compiler-flags.ts), as the CLI does: its code cache is made under them;
// - code cache: whether a process that sets those flags takes the converter bundle's code cache (V8
//   refuses a cache made under other flags, and every run then compiled the whole bundle);
// - Prism warm-up: the syntax check of the warm-up run's largest Ruby file, checked twice in a fresh
//   process as the converter checks it (256 kB pieces, src/print/prism.ts): the first pass pays the
//   WASM module's lazy compiles and its tier-up, which no cache keeps from one run to the next.
// Each measurement is a separate process except the warm-up pair; the figures are medians of CPU time
// (user + system), which a shared machine disturbs less than wall time, beside wall time.
// Usage: node bench/start-cost.mjs [--runs N] [--mb N] [--dist DIR] [--json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeLargeDefaults } from './large-defaults.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RSS_HOOK = join(HERE, 'rss-hook.mjs');

export function parseArgs(argv) {
  const o = { runs: 7, mb: 1, dist: resolve(HERE, '../dist'), json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--mb') o.mb = Number(argv[++i]);
    else if (a === '--dist') o.dist = resolve(String(argv[++i]));
    else if (a === '--warm-child') o.warmChild = String(argv[++i]);
    else if (a === '--prism-child') o.prismChild = String(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1 || !(o.mb > 0)) throw new Error('--runs takes a positive integer, --mb a positive size');
  return o;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One process: wall ms, CPU ms (user + system, its threads included) and peak RSS in MB (bench/rss-hook.mjs). */
function once(args) {
  const report = join(tmpdir(), `a2c-start-${process.pid}.txt`);
  rmSync(report, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, A2C_BENCH_RSS: report },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  const [rss, cpu] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { ms, cpuMs: cpu / 1000, rssMB: rss / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The runs of several commands interleaved (a load change on the machine hits each alike), as medians. */
function interleaved(runs, commands) {
  const seen = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [k, make] of Object.entries(commands)) seen[k].push(make());
  return Object.fromEntries(
    Object.entries(seen).map(([k, xs]) => [
      k,
      { ms: median(xs.map((x) => x.ms)), cpuMs: median(xs.map((x) => x.cpuMs)), rssMB: Math.max(...xs.map((x) => x.rssMB)) },
    ]),
  );
}

/** The files the ESM loader reads for one run of `args`, counted by a load hook (a run of its own, not timed). */
function loadedModules(args, tmp) {
  const list = join(tmp, 'modules.txt');
  const hooks = join(tmp, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  const r = await next(url, context);
  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(list)}, \`\${r.source?.length ?? 0}\\n\`);
  return r;
}
`,
  );
  const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  once(['--import', `data:text/javascript,${encodeURIComponent(register)}`, ...args]);
  const sizes = readFileSync(list, 'utf8').trim().split('\n').map(Number);
  // The converter's bundle is a script its loader reads itself (src/scripts/bundle-cli.ts): counted here.
  const bundle = join(dirname(args[0]), 'converter-bundle.js');
  if (existsSync(bundle) && readFileSync(join(dirname(args[0]), 'converter.js'), 'utf8').includes('converter-bundle.js'))
    sizes.push(statSync(bundle).size);
  // CommonJS files a package loads through require() are not seen by the hook: a lower bound.
  return { files: sizes.length, kB: Math.round(sizes.reduce((a, b) => a + b, 0) / 1024) };
}

/** In the child: the same convert twice in this process, each run's CPU and wall time printed as JSON. */
async function warmChild(o) {
  (await import(pathToFileURL(join(o.dist, 'cli/compiler-flags.js')).href)).tuneCompiler();
  const { runConvert } = await import(pathToFileURL(join(o.dist, 'cli/convert-command.js')).href);
  // A convert of the empty folder first loads every module a convert loads, so that neither timed run
  // pays for module loading (the start-up measured apart) and what differs between them is warm-up.
  const empty = join(o.warmChild, '../empty');
  await runConvert(empty, { out: join(empty, '../out-warm-empty'), quiet: true });
  const out = [];
  for (let i = 0; i < 2; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await runConvert(o.warmChild, { out: join(o.warmChild, `../out-warm-${i}`), quiet: true });
    const u = process.cpuUsage(c);
    out.push({ ms: performance.now() - t, cpuMs: (u.user + u.system) / 1000 });
  }
  process.stdout.write(JSON.stringify(out));
}

/** In the child: the Ruby file checked twice in 256 kB pieces, each pass's CPU and wall time printed as JSON. */
async function prismChild(file) {
  const { readFileSync: read } = await import('node:fs');
  const { WASI } = await import('node:wasi');
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const module = await WebAssembly.compile(read(fileURLToPath(new URL('prism.wasm', import.meta.resolve('@ruby/prism')))));
  const wasi = new WASI({ version: 'preview1' });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  wasi.initialize(instance);
  const p = instance.exports;
  const source = read(file, 'utf8');
  const out = [];
  for (let pass = 0; pass < 2; pass++) {
    const c = cpu();
    const t = performance.now();
    for (let start = 0; start < source.length; ) {
      const blank = source.indexOf('\n\n', start + 256 * 1024);
      const end = blank < 0 ? source.length : blank + 1;
      const bytes = new TextEncoder().encode(source.slice(start, end));
      const ptr = p.calloc(1, Math.max(1, bytes.length));
      new Uint8Array(p.memory.buffer, ptr, bytes.length).set(bytes);
      if (!p.pm_parse_success_p(ptr, bytes.length, 0)) throw new Error(`${file} does not parse`);
      p.free(ptr);
      start = end;
    }
    out.push({ ms: performance.now() - t, cpuMs: cpu() - c });
  }
  process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(source), passes: out }));
}

/** The largest .rb file under `dir`. */
function largestRuby(dir) {
  let best;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith('.rb') && (!best || statSync(f).size > statSync(best).size)) best = f;
    }
  };
  walk(dir);
  return best;
}

/** Whether a process that sets the command line's compiler flags, as main.ts does, takes the bundle's code cache. */
function cacheTaken(dist) {
  const url = (p) => JSON.stringify(pathToFileURL(join(dist, p)).href);
  const r = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `(await import(${url('cli/compiler-flags.js')})).tuneCompiler();\nconsole.log((await import(${url('cli/converter.js')})).codeCacheUsed);`,
    ],
    { encoding: 'utf8' },
  );
  return r.stdout.trim() === 'true';
}

function main(o) {
  const tmp = mkdtempSync(join(tmpdir(), 'a2c-start-'));
  const cli = join(o.dist, 'cli/main.js');
  const emptyDir = join(tmp, 'empty');
  const emptyOut = join(tmp, 'out-empty');
  const big = join(tmp, 'defaults');
  const bytes = writeLargeDefaults(big, Math.round(o.mb * 2 ** 20));
  const log = (s) => (o.json ? process.stderr : process.stdout).write(s);
  const load = loadavg()[0];
  try {
    mkdirSync(emptyDir);
    const convertEmpty = ['convert', emptyDir, '--out', emptyOut, '-q'];
    log(`start-up (${o.runs} runs each)…\n`);
    const start = interleaved(o.runs, {
      node: () => once(['-e', '0']),
      version: () => once([cli, '--version']),
      empty: () => {
        rmSync(emptyOut, { recursive: true, force: true });
        return once([cli, ...convertEmpty]);
      },
    });
    const modules = loadedModules([cli, ...convertEmpty], tmp);
    log(`warm-up (${o.mb} MB, ${o.runs} pairs)…\n`);
    const firsts = [];
    const seconds = [];
    for (let i = 0; i < o.runs; i++) {
      for (const k of [0, 1, 'empty']) rmSync(join(big, `../out-warm-${k}`), { recursive: true, force: true });
      const r = once([fileURLToPath(import.meta.url), '--dist', o.dist, '--warm-child', big]);
      if (r.status !== 0 && r.status !== 1) throw new Error(`warm-up child failed: ${r.stderr.slice(0, 2000)}`);
      const [a, b] = JSON.parse(r.stdout);
      firsts.push(a);
      seconds.push(b);
    }
    const pick = (xs) => ({ ms: median(xs.map((x) => x.ms)), cpuMs: median(xs.map((x) => x.cpuMs)) });
    // The warm-up run's output is still there: its largest Ruby file is what the check of a run this size parses most.
    const ruby = largestRuby(join(big, '../out-warm-1'));
    log(`Prism warm-up (${o.runs} runs)…\n`);
    const prismFirst = [];
    const prismSecond = [];
    for (let i = 0; i < o.runs; i++) {
      const r = once([fileURLToPath(import.meta.url), '--prism-child', ruby]);
      if (r.status !== 0) throw new Error(`Prism child failed: ${r.stderr.slice(0, 2000)}`);
      const { bytes: rubyBytes, passes } = JSON.parse(r.stdout);
      prismFirst.push({ ...passes[0], rubyBytes });
      prismSecond.push(passes[1]);
    }
    const prism = { rubyBytes: prismFirst[0].rubyBytes, first: pick(prismFirst), second: pick(prismSecond) };
    const result = {
      load: [load, loadavg()[0]],
      bytes,
      ...start,
      modules,
      codeCache: cacheTaken(o.dist),
      warm: { first: pick(firsts), second: pick(seconds) },
      prism,
    };
    if (o.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else process.stdout.write(report(result, o));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function report(r, o) {
  const f = (m) => `${m.cpuMs.toFixed(0).padStart(6)} ms CPU ${m.ms.toFixed(0).padStart(6)} ms wall`;
  const lines = [
    `fixed cost of a convert (medians; load average ${r.load.map((l) => l.toFixed(1)).join(' -> ')})`,
    `  node -e 0                 ${f(r.node)}`,
    `  --version                 ${f(r.version)}`,
    `  convert of an empty folder ${f(r.empty)}  peak RSS ${r.empty.rssMB.toFixed(0)} MB; ${r.modules.files} files of code, ${r.modules.kB} kB (the ESM loader's and the converter bundle)`,
    `  ${o.mb} MB defaults, 1st run in-process ${f(r.warm.first)}`,
    `  ${o.mb} MB defaults, 2nd run in-process ${f(r.warm.second)}`,
    `  warm-up (1st - 2nd)       ${(r.warm.first.cpuMs - r.warm.second.cpuMs).toFixed(0).padStart(6)} ms CPU ${(r.warm.first.ms - r.warm.second.ms).toFixed(0).padStart(6)} ms wall`,
    `  start-up (empty - node)   ${(r.empty.cpuMs - r.node.cpuMs).toFixed(0).padStart(6)} ms CPU ${(r.empty.ms - r.node.ms).toFixed(0).padStart(6)} ms wall`,
    `  code cache under the CLI's flags: ${r.codeCache ? 'taken' : 'REFUSED (every run compiles the bundle)'}`,
    `  Prism check of ${(r.prism.rubyBytes / 2 ** 20).toFixed(2)} MB of Ruby, 1st pass ${f(r.prism.first)}`,
    `  Prism check, 2nd pass          ${f(r.prism.second)}`,
    `  Prism warm-up (1st - 2nd)  ${(r.prism.first.cpuMs - r.prism.second.cpuMs).toFixed(0).padStart(6)} ms CPU ${(r.prism.first.ms - r.prism.second.ms).toFixed(0).padStart(6)} ms wall`,
  ];
  return lines.join('\n') + '\n';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o = parseArgs(process.argv.slice(2));
  if (o.warmChild) await warmChild(o);
  else if (o.prismChild) await prismChild(o.prismChild);
  else main(o);
}
