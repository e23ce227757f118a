// CPU time of two walks over the translated IR, run several times in one process on one conversion
// (issue 17): FixPlan.collect as convert calls it (each cookbook's attributes first), and printing every
// cookbook (layoutCookbook). A whole convert on a shared machine varies by a fifth from run to run; a
// walk of some tens of milliseconds can only be compared this way. A dist older than the attributes-first
// collect ignores the second argument and walks the whole project, as its convert did.
// Usage: node bench/walk-cpu.mjs INPUT [REPS] [DIST]   (DIST defaults to this checkout's dist/)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, repsArg = '11', distArg] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: node bench/walk-cpu.mjs INPUT [REPS] [DIST]\n');
  process.exit(2);
}
const reps = Number(repsArg);
const dist = resolve(distArg ?? fileURLToPath(new URL('../dist', import.meta.url)));
const load = (p) => import(`${dist}/${p}`);
const { prepareConversion } = await load('convert.js');
const { readInput } = await load('cli/read-input.js');
const { layoutCookbook } = await load('print/layout.js');
const { FixPlan } = await load('audit/fixes.js');

// The plan is private to the conversion: kept from its collect call.
let plan;
const collect = FixPlan.prototype.collect;
FixPlan.prototype.collect = function (...args) {
  plan = this;
  return collect.apply(this, args);
};
const { chef } = prepareConversion(readInput(resolve(input)).tree, {});
const cookbooks = chef.cookbooks;

/** User + system CPU of this process so far, in ms. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Median CPU ms of f over reps runs, after one warm-up run. */
function median(f) {
  f();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const at = cpu();
    f();
    times.push(cpu() - at);
  }
  times.sort((a, b) => a - b);
  return Number(times[times.length >> 1].toFixed(1));
}

const result = {
  dist,
  collectMs: median(() => {
    plan.emitted.clear();
    plan.collect(
      [cookbooks, chef.policies],
      cookbooks.map((c) => c.attributes),
    );
  }),
  printMs: median(() => {
    const out = new Map();
    for (const cb of cookbooks) layoutCookbook(cb, '', out, {});
  }),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
