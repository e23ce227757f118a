// Preloaded into a measured Node process (node --import): on exit, append the process's peak
// resident set size in KB, its CPU time (user + system) and its system time alone, in microseconds,
// to the file named by A2C_BENCH_RSS, so the bench reads them per run. System time is where a write
// stage slowed by the file system shows (bench/run.mjs, moveAside). CPU time is what the bench compares when the
// machine is shared: wall time then also counts the time other processes held the cores.
import { appendFileSync } from 'node:fs';

const out = process.env.A2C_BENCH_RSS;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    appendFileSync(out, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime} ${u.systemCPUTime}\n`);
  });
}
