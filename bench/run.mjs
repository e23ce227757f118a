// `npm run bench`: times ansible2chef against the floor (read + js-yaml parse of the same files) on
// synthetic estates of 10, 100 and 1000 roles, on each shared/corpus entry and on the bundled example,
// and against `ansible-playbook --syntax-check` as a peer; then one role whose defaults/main.yml is 1, 2,
// 4 and 8 MB (bench/large-defaults.mjs), each beside its floor. Every measurement is a separate process
// (so each pays Node's start-up, as a user does); times are medians over several runs.
// Flags: --json (machine output), --sizes 10,100 (synthetic sizes; --sizes none skips them), --runs N (runs per measurement,
// fewer at 1000 roles), --defaults 1,2 (large-defaults sizes in MB; --defaults none skips them),
// --no-corpus, --no-peer (skip ansible-playbook), --keep (leave the temp dir), --tmp DIR (where the temp dir is
// made; default the system's: see createProbe for why a folder others delete in is a poor place).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEstate } from './estate.mjs';
import { writeLargeDefaults } from './large-defaults.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..');
const CLI = join(ROOT, 'dist/cli/main.js');
const FLOOR = join(HERE, 'floor.mjs');
const RSS_HOOK = join(HERE, 'rss-hook.mjs');
const CORPUS = resolve(ROOT, '../shared/corpus');
const EXAMPLE = join(ROOT, 'playbooks');

const BUDGET = {
  convertToFloor: 2,
  rerunToFloor: 0.5,
  perTaskGrowth: 1.2,
  versionToNode: 1.3,
  rssMB: 300,
  peerSpeedup: 10,
  perMBGrowth: 1.5,
  rssPerInput: 30,
  rssBaseMB: 150,
};

export function parseArgs(argv) {
  const o = { json: false, sizes: [10, 100, 1000], defaults: [1, 2, 4, 8], runs: 5, corpus: true, peer: true, keep: false, tmp: tmpdir() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--no-corpus') o.corpus = false;
    else if (a === '--no-peer') o.peer = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '--tmp') o.tmp = resolve(String(argv[++i]));
    else if (a === '--sizes') {
      const v = String(argv[++i]);
      o.sizes = v === 'none' ? [] : v.split(',').map(Number);
    } else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--defaults') {
      const v = String(argv[++i]);
      o.defaults = v === 'none' ? [] : v.split(',').map(Number);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (o.sizes.some((n) => !Number.isInteger(n) || n < 1) || !(o.runs >= 1)) throw new Error('--sizes and --runs take positive integers');
  if (o.defaults.some((n) => !(n > 0))) throw new Error('--defaults takes positive sizes in MB, or none');
  return o;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One run of a command: wall time in ms, peak RSS in MB and CPU time in ms (Node children only), stdout. */
function once(cmd, args, opts = {}) {
  const rssFile = join(opts.tmp ?? tmpdir(), `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const node = cmd === process.execPath;
  const argv = node && opts.rss !== false ? ['--import', RSS_HOOK, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, A2C_BENCH_RSS: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  if (!(opts.okCodes ?? [0]).includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const last = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ') : undefined;
  const rss = last ? Number(last[0]) / 1024 : undefined;
  const cpu = last?.[1] !== undefined ? Number(last[1]) / 1000 : undefined;
  const sys = last?.[2] !== undefined ? Number(last[2]) / 1000 : undefined;
  return { ms, rss, cpu, sys, stdout: r.stdout };
}

/** Median wall and CPU time and the highest peak RSS over `runs` runs; `before` runs untimed ahead of each. */
function measure(runs, cmd, args, opts = {}) {
  const times = [];
  const cpuTimes = [];
  const sysTimes = [];
  let rss;
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    opts.before?.();
    const r = once(cmd, args, opts);
    times.push(r.ms);
    if (r.cpu !== undefined) cpuTimes.push(r.cpu);
    if (r.sys !== undefined) sysTimes.push(r.sys);
    if (r.rss !== undefined) rss = Math.max(rss ?? 0, r.rss);
    stdout = r.stdout;
  }
  return {
    ms: median(times),
    runs,
    ...(cpuTimes.length ? { cpuMs: median(cpuTimes) } : {}),
    ...(sysTimes.length ? { sysMs: median(sysTimes) } : {}),
    ...(rss !== undefined ? { rssMB: rss } : {}),
    stdout,
  };
}

const node = (runs, args, opts) => measure(runs, process.execPath, args, opts);
// Exit 1 means "converted, with findings": still a complete run.
const cli = (runs, args, opts = {}) => node(runs, [CLI, ...args], { okCodes: [0, 1], ...opts });

/**
 * Sleeps until `ms` have passed since `since`. A convert records input stamps only for files older than
 * RACY_MS (src/workspace/stamps.ts, 3 s): an estate written a moment before would make the first re-run
 * read every file again, which no user sees on a repository checked out earlier.
 */
function settle(since, ms = 3100) {
  const left = since + ms - Date.now();
  if (left > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, left);
}

/**
 * Moves an earlier output out of the way without deleting it. On this machine's file system (ext4
 * without a journal) every file or folder created scans past the inodes freed in the last 60 s (360 s
 * while their inode table is not yet written back) in its block group: kernel function recently_deleted(),
 * seen with perf. Creating the 1000-role output's 11,000 files and folders then costs seconds of
 * system time instead of 0.2 s, more the more was deleted (3 s after the previous bench's own trees
 * were deleted). So nothing is deleted while the bench runs: the moved trees go with the temp dir at
 * the end, and createProbe says how much other processes' deletes cost the writes.
 */
let moved = 0;
function moveAside(out) {
  if (!existsSync(out)) return;
  renameSync(out, `${out}.old-${moved++}`);
}

/**
 * Milliseconds to create 1000 empty files in a new folder of `root` (kept until the end, see moveAside):
 * measured at load 5-10, 67-200 ms in /var/tmp and 430-840 ms in /tmp, where test runs delete theirs. Printed beside the results,
 * so a slow write stage is told from a slow converter.
 */
function createProbe(root) {
  const dir = mkdtempSync(join(root, 'probe-'));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `f${i}`), '');
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Floor, full convert, no-change re-run and plan of one input directory written at `writtenAt`. */
function benchInput(dir, out, runs, writtenAt, opts = {}) {
  const floor = node(runs, [FLOOR, dir]);
  settle(writtenAt);
  const convert = cli(runs, ['convert', dir, '--out', out, '--json'], { before: () => moveAside(out) });
  const tasks = JSON.parse(convert.stdout).tasks;
  const rerun = cli(runs, ['convert', dir, '--out', out, '--json']);
  const plan = opts.plan === false ? undefined : cli(runs, ['plan', dir, '--json']);
  moveAside(out);
  const strip = ({ stdout, ...m }) => m;
  return { tasks, floor: strip(floor), convert: strip(convert), rerun: strip(rerun), ...(plan ? { plan: strip(plan) } : {}) };
}

function peer(dir, runs) {
  const r = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const m = measure(runs, 'ansible-playbook', ['-i', 'inventory', 'site.yml', '--syntax-check'], { cwd: dir, rss: false });
  return { ms: m.ms, runs, version: r.stdout.split('\n')[0] };
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npx tsc -p . first`);
  const tmp = mkdtempSync(join(o.tmp, 'a2c-bench-'));
  const log = (s) => (o.json ? process.stderr : process.stdout).write(s);
  const result = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? '?',
      memGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadStart: loadavg()[0],
    },
    date: new Date().toISOString().slice(0, 10),
    runs: o.runs,
    startup: {},
    sizes: [],
    defaults: [],
    corpus: [],
  };
  try {
    log(`startup (${o.runs * 2} runs)…\n`);
    const bare = node(o.runs * 2, ['-e', '0'], { rss: false });
    const version = cli(o.runs * 2, ['--version'], { rss: false, okCodes: [0] });
    result.startup = { bareNodeMs: bare.ms, versionMs: version.ms, ratio: version.ms / bare.ms };

    result.machine.createMsStart = createProbe(tmp);
    for (const roles of o.sizes) {
      const dir = join(tmp, `estate-${roles}`);
      const made = writeEstate(dir, roles);
      const writtenAt = Date.now();
      // At 1000 roles one run takes seconds: fewer runs keep the whole bench within minutes.
      const runs = roles >= 1000 ? Math.min(o.runs, 3) : o.runs;
      log(`${roles} roles (${made.files} files, ${runs} runs)…\n`);
      const m = benchInput(dir, join(tmp, `out-${roles}`), runs, writtenAt);
      const p = o.peer ? peer(dir, roles >= 1000 ? 1 : Math.min(runs, 3)) : undefined;
      result.sizes.push({ roles, files: made.files, ...m, ...(p ? { peer: p } : {}) });
    }

    for (const mb of o.defaults) {
      const dir = join(tmp, `defaults-${mb}`);
      const bytes = writeLargeDefaults(dir, Math.round(mb * 2 ** 20));
      // One 8 MB run takes long enough that its median over fewer runs is still steady.
      const runs = mb >= 8 ? 1 : mb >= 4 ? Math.min(o.runs, 2) : Math.min(o.runs, 3);
      log(`defaults ${mb} MB (${runs} runs)…\n`);
      const out = join(tmp, `out-defaults-${mb}`);
      const floor = node(runs, [FLOOR, dir]);
      const convert = cli(runs, ['convert', dir, '--out', out, '--json'], { before: () => moveAside(out) });
      moveAside(out);
      result.defaults.push({
        mb,
        bytes,
        floor: { ms: floor.ms, cpuMs: floor.cpuMs, runs, rssMB: floor.rssMB },
        convert: { ms: convert.ms, cpuMs: convert.cpuMs, runs, rssMB: convert.rssMB },
      });
    }

    if (o.corpus) {
      const entries = existsSync(CORPUS)
        ? readdirSync(CORPUS, { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .map((e) => [e.name, join(CORPUS, e.name)])
        : [];
      for (const [name, dir] of [['example (playbooks/)', EXAMPLE], ...entries]) {
        log(`${name}…\n`);
        result.corpus.push({ name, ...benchInput(dir, join(tmp, 'out-corpus'), Math.min(o.runs, 3), 0, { plan: false }) });
      }
    }
    result.machine.createMsEnd = createProbe(tmp);
  } finally {
    if (!o.keep) {
      rmSync(tmp, { recursive: true, force: true });
      // Written back, the freed inodes slow creates for 60 s instead of 360 s (see moveAside): a
      // bench run right after this one is charged less for this one's delete.
      spawnSync('sync');
    }
  }
  // How shared the machine was: with more runnable processes than cores, wall times include waiting
  // for a core, and the CPU-time ratios are the steadier comparison.
  result.machine.loadEnd = loadavg()[0];
  result.derived = derive(result);
  if (o.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(report(result));
}

/** Ratios and budget lines from the raw timings. */
export function derive(r) {
  const cpuRatio = (a, b) => (a.cpuMs !== undefined && b.cpuMs ? a.cpuMs / b.cpuMs : undefined);
  // Per-task cost leaves out Node's start-up and module loading (the --version time), which every
  // size pays once; what remains should grow linearly with the tasks.
  const perTask = (s) => (s.convert.ms - r.startup.versionMs) / s.tasks;
  const sizes = r.sizes.map((s) => ({
    roles: s.roles,
    tasks: s.tasks,
    convertToFloor: s.convert.ms / s.floor.ms,
    rerunToFloor: s.rerun.ms / s.floor.ms,
    convertToFloorCpu: cpuRatio(s.convert, s.floor),
    rerunToFloorCpu: cpuRatio(s.rerun, s.floor),
    planToFloor: s.plan ? s.plan.ms / s.floor.ms : undefined,
    perTaskMs: perTask(s),
    peerSpeedup: s.peer ? s.peer.ms / s.convert.ms : undefined,
  }));
  const at = (n) => sizes.find((s) => s.roles === n);
  const big = at(1000);
  const mid = at(100);
  const bigRaw = r.sizes.find((s) => s.roles === 1000);
  // Large defaults: time per MB without start-up, and peak RSS against 30x the input plus 150 MB.
  const defaults = (r.defaults ?? []).map((d) => {
    const inputMB = d.bytes / 2 ** 20;
    const rssLimit = BUDGET.rssPerInput * inputMB + BUDGET.rssBaseMB;
    return {
      mb: d.mb,
      convertToFloor: d.convert.ms / d.floor.ms,
      convertToFloorCpu: cpuRatio(d.convert, d.floor),
      cpuMsPerMB: d.convert.cpuMs !== undefined ? d.convert.cpuMs / inputMB : undefined,
      msPerMB: (d.convert.ms - r.startup.versionMs) / inputMB,
      rssMB: d.convert.rssMB,
      rssLimit,
    };
  });
  // The cost of each added MB, from one size to the next (CPU time, so start-up, module loading and
  // V8's warm-up, which every size pays once, cancel out). Printed beside the budget line, which
  // divides each size's whole time by its size as issue 17 states it; both are shown, neither hides
  // the other.
  defaults.forEach((d, i) => {
    const prev = r.defaults[i - 1];
    const cur = r.defaults[i];
    if (!prev || prev.convert.cpuMs === undefined || cur.convert.cpuMs === undefined) return;
    d.stepCpuMsPerMB = (cur.convert.cpuMs - prev.convert.cpuMs) / ((cur.bytes - prev.bytes) / 2 ** 20);
  });
  const steps = defaults.map((d) => d.stepCpuMsPerMB).filter((v) => v !== undefined && v > 0);
  const stepGrowth = steps.length > 1 ? Math.max(...steps) / Math.min(...steps) : undefined;
  const perMB = defaults.map((d) => d.msPerMB);
  const perMBGrowth = perMB.length > 1 ? Math.max(...perMB) / Math.min(...perMB) : undefined;
  const cpuPerMB = defaults.map((d) => d.cpuMsPerMB).filter((v) => v !== undefined);
  const cpuPerMBGrowth = cpuPerMB.length > 1 ? Math.max(...cpuPerMB) / Math.min(...cpuPerMB) : undefined;
  const rssOver = defaults.length ? Math.max(...defaults.map((d) => (d.rssMB ?? 0) / d.rssLimit)) : undefined;
  const line = (name, value, limit, ok, unit = 'x', cpu) => ({
    name,
    value,
    limit,
    unit,
    met: value === undefined ? undefined : ok(value),
    ...(cpu !== undefined ? { cpu } : {}),
  });
  const budget = [
    line(
      'full convert / floor at 1000 roles',
      big?.convertToFloor,
      BUDGET.convertToFloor,
      (v) => v <= BUDGET.convertToFloor,
      'x',
      big?.convertToFloorCpu,
    ),
    line(
      'no-change re-run / floor at 1000 roles',
      big?.rerunToFloor,
      BUDGET.rerunToFloor,
      (v) => v <= BUDGET.rerunToFloor,
      'x',
      big?.rerunToFloorCpu,
    ),
    line(
      'per-task cost 1000 / 100 roles',
      big && mid ? big.perTaskMs / mid.perTaskMs : undefined,
      BUDGET.perTaskGrowth,
      (v) => v <= BUDGET.perTaskGrowth,
    ),
    line('--version / bare node', r.startup.ratio, BUDGET.versionToNode, (v) => v <= BUDGET.versionToNode),
    line(
      'peak RSS at 1000 roles',
      bigRaw ? Math.max(bigRaw.convert.rssMB ?? 0, bigRaw.rerun.rssMB ?? 0, bigRaw.plan?.rssMB ?? 0) : undefined,
      BUDGET.rssMB,
      (v) => v < BUDGET.rssMB,
      'MB',
    ),
    line('ansible-playbook --syntax-check / convert at 1000 roles', big?.peerSpeedup, BUDGET.peerSpeedup, (v) => v >= BUDGET.peerSpeedup),
    line(
      'large defaults: ms/MB slowest / fastest size',
      perMBGrowth,
      BUDGET.perMBGrowth,
      (v) => v <= BUDGET.perMBGrowth,
      'x',
      cpuPerMBGrowth,
    ),
    line('large defaults: peak RSS / (30 x input + 150 MB), worst', rssOver, 1, (v) => v <= 1),
  ];
  return { sizes, defaults, budget, stepGrowth, steps: steps.length };
}

const f = (v, d = 0) => (v === undefined ? '-' : v.toFixed(d));
const pad = (s, n) => String(s).padStart(n);

export function report(r) {
  const out = [];
  const m = r.machine;
  out.push(`ansible2chef bench — ${r.date} — ${m.cpu}, ${m.cpus} cores, ${m.memGB} GB, Node ${m.node} (${m.platform})`);
  out.push(
    `times: medians in ms (runs: ${r.runs}, fewer at 1000 roles); RSS: peak MB of the run; cpu x: the same ratio in CPU time (user + system); sys: the convert's system time (ms); cpu/MB includes start-up`,
  );
  if (m.loadStart !== undefined)
    out.push(`machine load (1-minute average): ${f(m.loadStart, 1)} at the start, ${f(m.loadEnd, 1)} at the end, on ${m.cpus} cores`);
  if (m.createMsStart !== undefined)
    out.push(
      `file creation in the temp folder: ${f(m.createMsStart)} ms per 1000 files at the start, ${f(m.createMsEnd)} at the end (hundreds after large deletes there: the write stage pays it too)`,
    );
  out.push('');
  out.push(
    `start-up: node -e 0 ${f(r.startup.bareNodeMs)} ms, ansible2chef --version ${f(r.startup.versionMs)} ms (${f(r.startup.ratio, 2)}x)`,
  );
  out.push('');
  if (r.sizes.length)
    out.push(
      `${'roles'.padStart(6)} ${'files'.padStart(6)} ${'tasks'.padStart(6)} ${'floor'.padStart(7)} ${'convert'.padStart(8)} ${'x'.padStart(5)} ${'re-run'.padStart(7)} ${'x'.padStart(5)} ${'plan'.padStart(7)} ${'x'.padStart(5)} ${'ms/task'.padStart(8)} ${'RSS'.padStart(5)} ${'ansible'.padStart(8)} ${'peer x'.padStart(7)} ${'cpu x'.padStart(6)} ${'re cpu x'.padStart(8)} ${'sys'.padStart(6)}`,
    );
  r.sizes.forEach((s, i) => {
    const d = r.derived.sizes[i];
    out.push(
      `${pad(s.roles, 6)} ${pad(s.files, 6)} ${pad(s.tasks, 6)} ${pad(f(s.floor.ms), 7)} ${pad(f(s.convert.ms), 8)} ${pad(f(d.convertToFloor, 2), 5)} ${pad(f(s.rerun.ms), 7)} ${pad(f(d.rerunToFloor, 2), 5)} ${pad(f(s.plan?.ms), 7)} ${pad(f(d.planToFloor, 2), 5)} ${pad(f(d.perTaskMs, 3), 8)} ${pad(f(Math.max(s.convert.rssMB ?? 0, s.rerun.rssMB ?? 0, s.plan?.rssMB ?? 0)), 5)} ${pad(f(s.peer?.ms), 8)} ${pad(f(d.peerSpeedup, 1), 7)} ${pad(f(d.convertToFloorCpu, 2), 6)} ${pad(f(d.rerunToFloorCpu, 2), 8)} ${pad(f(s.convert.sysMs), 6)}`,
    );
  });
  if (r.defaults?.length) {
    out.push('');
    out.push(
      `${'defaults'.padStart(8)} ${'bytes'.padStart(9)} ${'floor'.padStart(7)} ${'RSS'.padStart(5)} ${'convert'.padStart(8)} ${'x'.padStart(5)} ${'ms/MB'.padStart(7)} ${'RSS'.padStart(5)} ${'limit'.padStart(6)} ${'cpu x'.padStart(6)} ${'cpu/MB'.padStart(7)} ${'step/MB'.padStart(8)}`,
    );
    r.defaults.forEach((d, i) => {
      const v = r.derived.defaults[i];
      out.push(
        `${pad(`${d.mb} MB`, 8)} ${pad(d.bytes, 9)} ${pad(f(d.floor.ms), 7)} ${pad(f(d.floor.rssMB), 5)} ${pad(f(d.convert.ms), 8)} ${pad(f(v.convertToFloor, 2), 5)} ${pad(f(v.msPerMB), 7)} ${pad(f(d.convert.rssMB), 5)} ${pad(f(v.rssLimit), 6)} ${pad(f(v.convertToFloorCpu, 2), 6)} ${pad(f(v.cpuMsPerMB), 7)} ${pad(f(v.stepCpuMsPerMB), 8)}`,
      );
    });
    // Explained whenever the column has a step; at sizes close together a noisy machine can make
    // every step 0 or negative, and then no slowest / fastest ratio exists.
    if (r.defaults.length > 1) {
      const growth =
        r.derived.steps > 1
          ? `slowest / fastest step ${f(r.derived.stepGrowth, 2)}x`
          : 'fewer than two positive steps (sizes too close for the noise), so no slowest / fastest ratio';
      out.push(`step/MB: CPU ms per MB added since the size above (start-up and warm-up cancel out); ${growth}`);
    }
  }
  if (r.corpus.length) {
    out.push('');
    out.push(
      `${'input'.padEnd(46)} ${'tasks'.padStart(6)} ${'floor'.padStart(7)} ${'convert'.padStart(8)} ${'x'.padStart(5)} ${'re-run'.padStart(7)} ${'x'.padStart(5)} ${'RSS'.padStart(5)}`,
    );
    for (const c of r.corpus) {
      out.push(
        `${c.name.padEnd(46)} ${pad(c.tasks, 6)} ${pad(f(c.floor.ms), 7)} ${pad(f(c.convert.ms), 8)} ${pad(f(c.convert.ms / c.floor.ms, 2), 5)} ${pad(f(c.rerun.ms), 7)} ${pad(f(c.rerun.ms / c.floor.ms, 2), 5)} ${pad(f(c.convert.rssMB), 5)}`,
      );
    }
  }
  out.push('');
  out.push('budget:');
  for (const b of r.derived.budget) {
    const verdict = b.met === undefined ? 'not measured' : b.met ? 'met' : 'NOT MET';
    const cmp = b.name.startsWith('ansible') ? '>=' : b.unit === 'MB' ? '<' : '<=';
    out.push(
      `  ${b.name.padEnd(56)} ${pad(f(b.value, 2), 8)}${b.unit === 'MB' ? ' MB' : 'x '}  (${cmp} ${b.limit}${b.unit === 'MB' ? ' MB' : 'x'})  ${verdict}${b.cpu !== undefined ? `  (in CPU time: ${f(b.cpu, 2)}x)` : ''}`,
    );
  }
  return out.join('\n') + '\n';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
