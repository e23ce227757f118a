// Splits a .cpuprofile (node --cpu-prof) by pipeline stage: each sample is charged to the outermost
// stage function on its stack (readInput, loadProject, audit, translateProject, the layout and check of
// the printer, the writer), else to the garbage collector or to "other". profile-summary.mjs ranks
// functions by self time, which spreads a stage over hundreds of small functions; this says which stage
// a change must target (issue 17). With --under NAME it ranks the functions below NAME by inclusive time.
// Usage: node bench/phase-split.mjs FILE.cpuprofile [--under NAME] [N]
import { readFileSync } from 'node:fs';

const STAGES = new Set([
  'readInput',
  'loadProject',
  'audit',
  'auditFindings',
  'translateProject',
  'layoutCookbook',
  'layoutPolicy',
  'layoutSupportCookbook',
  'conversionMarkdown',
  'checkRuby',
  'checkRubyStatements',
  // Reached after an await: the stack of the Ruby check then starts here, not at checkRuby.
  'parsesCleanly',
  'recordsFor',
  'computeChanges',
  'applyChanges',
]);

const args = process.argv.slice(2);
const at = args.indexOf('--under');
const under = at >= 0 ? args.splice(at, 2)[1] : undefined;
const [file, top = '30'] = args;
if (!file) {
  process.stderr.write('usage: node bench/phase-split.mjs FILE.cpuprofile [--under NAME] [N]\n');
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const where = (f) =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^file:\/\/.*?\/(node_modules|dist|bench)\//, '$1/') || '(native)'}:${f.lineNumber + 1}`;

/** The frames of a sample, innermost first. */
function stack(id) {
  const frames = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) frames.push(byId.get(cur).callFrame);
  return frames;
}

const totals = new Map();
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  // The time until the next sample is this sample's.
  const us = prof.timeDeltas[i + 1] ?? 0;
  const frames = stack(prof.samples[i]);
  if (under !== undefined) {
    const cut = frames.findIndex((f) => f.functionName === under);
    if (cut < 0) continue;
    total += us;
    // A recursive function counts once per sample.
    for (const k of new Set(frames.slice(0, cut + 1).map(where))) totals.set(k, (totals.get(k) ?? 0) + us);
    continue;
  }
  total += us;
  let stage = frames[0]?.functionName === '(garbage collector)' ? 'garbage collector' : 'other';
  for (const f of frames) if (STAGES.has(f.functionName)) stage = f.functionName;
  totals.set(stage, (totals.get(stage) ?? 0) + us);
}
process.stdout.write(`${under ? `under ${under}` : 'total'} ${(total / 1000).toFixed(0)} ms\n`);
for (const [k, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}\n`);
}
