// Summarises a .cpuprofile (node --cpu-prof) by self time: the top functions and the top files.
// Usage: node bench/profile-summary.mjs FILE.cpuprofile [N]
import { readFileSync } from 'node:fs';

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs FILE.cpuprofile [N]\n');
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
// Each sample lands on one node; the time until the next sample is that node's self time.
const self = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i + 1] ?? 0));
}
const fns = new Map();
const files = new Map();
let total = 0;
for (const [id, us] of self) {
  const { callFrame: f } = byId.get(id);
  const where = f.url.replace(/^file:\/\/.*?\/(node_modules|dist|bench)\//, '$1/') || '(native)';
  const fn = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
  fns.set(fn, (fns.get(fn) ?? 0) + us);
  files.set(where, (files.get(where) ?? 0) + us);
  total += us;
}
const show = (title, m) => {
  process.stdout.write(`${title}\n`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}\n`);
  }
};
process.stdout.write(`total ${(total / 1000).toFixed(0)} ms\n`);
show('self time by function:', fns);
show('self time by file:', files);
