// CPU time of the loader and of the IPv6/TLS audit, each run several times in one process on the same
// input read once (issue 17). A whole convert on a shared machine varies by a fifth from run to run,
// more than a change to one stage moves it; a stage timed alone, after a first warm-up run, varies far
// less. Each run has a parse cache of its own, as a convert has, so the audit pays the Jinja parses it
// pays in a convert (the translator then takes them from the cache).
// Usage: node bench/stage-cpu.mjs INPUT [RUNS] [DIST]   (DIST defaults to this checkout's dist/)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, runsArg = '5', distArg] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: node bench/stage-cpu.mjs INPUT [RUNS] [DIST]\n');
  process.exit(2);
}
const dist = resolve(distArg ?? fileURLToPath(new URL('../dist', import.meta.url)));
const load = (p) => import(`${dist}/${p}`);
const { readInput } = await load('cli/read-input.js');
const { loadProject } = await load('load/ansible/project-loader.js');
const { InputIndex } = await load('load/ansible/input.js');
const { LoadContext } = await load('load/ansible/load-context.js');
const { DiagnosticSink } = await load('base/diagnostics.js');
const { withParseCache } = await load('load/jinja/index.js');
const { sharedTemplateParser } = await load('load/jinja/template-parses.js');
const { canonicalModule } = await load('mapping/modules.js');
const { builtinTables } = await load('mapping/tables.js');
const { audit } = await load('audit/index.js');

/** User + system CPU of this process so far, in ms. */
const cpu = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
};
const tables = builtinTables();
const canon = (n) => canonicalModule(tables.modules, n);
let t = cpu();
const read = readInput(input);
const readMs = cpu() - t;
const loads = [];
const audits = [];
for (let i = 0; i < Number(runsArg); i++) {
  withParseCache(() => {
    t = cpu();
    const project = loadProject(read.tree, new DiagnosticSink(), { canonicalModule: canon });
    loads.push(cpu() - t);
    const texts = new LoadContext(new InputIndex(read.tree), new DiagnosticSink(), canon);
    t = cpu();
    audit(project, { text: (f) => texts.text(f), parseTemplate: sharedTemplateParser(), rules: tables.rules });
    audits.push(cpu() - t);
  });
}
// The first run warms V8 up: the median is over the others.
const median = (xs) => {
  const s = xs.slice(1).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1].toFixed(0) : '-';
};
const list = (xs) => xs.map((x) => x.toFixed(0)).join(',');
process.stdout.write(
  `read ${readMs.toFixed(0)} ms; load ${list(loads)} ms (median ${median(loads)}); audit ${list(audits)} ms (median ${median(audits)})\n`,
);
