// Interleaved A/B of whole command-line converts (issue 17): each round converts INPUT once with every
// build, in turn (A B A B ...), so a change of the shared machine's load falls on each build alike.
// Prints per build the median CPU time (user + system), median wall time and highest peak RSS, and per
// build after the first the medians of its per-round CPU and wall ratios to the first build (a ratio
// within one round is steadier than a ratio of medians when the load drifts). The first round's outputs are
// compared file by file: the builds must write the same bytes. stage-cpu.mjs times stages in one
// process; this times what a user runs: start-up, code cache, V8 flags, writing.
// Usage: node bench/ab-cli.mjs INPUT ROUNDS DIST [DIST ...]   (a DIST is a build's dist/ directory,
// optionally followed by convert arguments after commas: `dist,--ipv6-only` compares a flag within one build)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const RSS_HOOK = fileURLToPath(new URL('rss-hook.mjs', import.meta.url));
const [input, roundsArg, ...distArgs] = process.argv.slice(2);
if (!input || !(Number(roundsArg) >= 1) || distArgs.length < 1) {
  process.stderr.write('usage: node bench/ab-cli.mjs INPUT ROUNDS DIST [DIST ...]\n');
  process.exit(2);
}
const dists = distArgs.map((d) => resolve(d.split(',')[0]));
const extraArgs = distArgs.map((d) => d.split(',').slice(1));
const tmp = mkdtempSync(join(tmpdir(), 'a2c-ab-'));

/** One convert of INPUT by the build in `dist`, into a fresh `out`: wall and CPU ms, peak RSS in MB. */
function once(dist, out, extra = []) {
  const stats = join(tmp, 'usage.txt');
  rmSync(stats, { force: true });
  rmSync(out, { recursive: true, force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ['--import', RSS_HOOK, join(dist, 'cli/main.js'), 'convert', resolve(input), '--out', out, '-q', ...extra],
    {
      encoding: 'utf8',
      env: { ...process.env, A2C_BENCH_RSS: stats },
    },
  );
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  // Exit 1 is a convert with findings: still a complete run.
  if (r.status !== 0 && r.status !== 1) throw new Error(`${dist}: exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const [rssKB, cpuUs] = readFileSync(stats, 'utf8').trim().split(' ').map(Number);
  return { wall, cpu: cpuUs / 1000, rss: rssKB / 1024 };
}

/** Relative paths of the files under dir whose bytes differ from (or are missing in) other. */
function differences(dir, other, rel = '') {
  const out = [];
  const here = join(dir, rel);
  for (const name of readdirSync(here).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(join(here, name)).isDirectory()) out.push(...differences(dir, other, r));
    else if (!existsSync(join(other, r)) || !readFileSync(join(dir, r)).equals(readFileSync(join(other, r)))) out.push(r);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const load0 = loadavg()[0];
const runs = dists.map(() => []);
try {
  for (let round = 0; round < Number(roundsArg); round++) {
    for (let i = 0; i < dists.length; i++) runs[i].push(once(dists[i], join(tmp, `out-${i}`), extraArgs[i]));
    if (round === 0) {
      for (let i = 1; i < dists.length; i++) {
        // The run's record of itself names its time and build: not part of the conversion's output.
        const diff = [
          ...differences(join(tmp, 'out-0'), join(tmp, `out-${i}`)),
          ...differences(join(tmp, `out-${i}`), join(tmp, 'out-0')),
        ].filter((p) => !p.startsWith('.ansible2chef/'));
        process.stdout.write(
          `${distArgs[i]}: ${diff.length ? `${diff.length} files differ from the first build's, e.g. ${diff.slice(0, 5).join(', ')}` : "output identical to the first build's"}\n`,
        );
      }
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.stdout.write(`load ${load0.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end; ${roundsArg} rounds\n`);
for (let i = 0; i < dists.length; i++) {
  const r = runs[i];
  // The wall ratio too: a build that uses a second thread can take more CPU and less time.
  const ratio =
    i === 0
      ? ''
      : `  cpu/first ${median(r.map((x, k) => x.cpu / runs[0][k].cpu)).toFixed(3)}  wall/first ${median(r.map((x, k) => x.wall / runs[0][k].wall)).toFixed(3)}`;
  process.stdout.write(
    `${distArgs[i]}: cpu ${median(r.map((x) => x.cpu)).toFixed(0)} ms  wall ${median(r.map((x) => x.wall)).toFixed(0)} ms  rss ${Math.max(...r.map((x) => x.rss)).toFixed(0)} MB${ratio}  (cpu ${r.map((x) => x.cpu.toFixed(0)).join(' ')})\n`,
  );
}
