// Preloaded into a measured Node process (node --import): on exit, append the process's peak
// resident set size in KB to the file named by A2C_BENCH_RSS, so the bench reads it per run.
import { appendFileSync } from 'node:fs';

const out = process.env.A2C_BENCH_RSS;
if (out) process.on('exit', () => appendFileSync(out, `${process.resourceUsage().maxRSS}\n`));
