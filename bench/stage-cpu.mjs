// CPU time of the loader, the IPv6/TLS audit and the translation, each run several times in one
// process on the same input read once (issue 17). A whole convert on a shared machine varies by a
// fifth from run to run, more than a change to one stage moves it; a stage timed alone, after a first
// warm-up run, varies far less. Each run has a parse cache of its own, as a convert has, so the audit
// pays the Jinja parses it pays in a convert (the translator then takes them from the cache).
// Given several builds (DIST ...), their runs take turns (A B A B ...) in the one process, so a change
// of the machine's load falls on each build alike: an A/B of one stage against another checkout's dist/.
// Usage: node bench/stage-cpu.mjs INPUT [RUNS] [DIST ...]   (DIST defaults to this checkout's dist/)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, runsArg = '5', ...distArgs] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: node bench/stage-cpu.mjs INPUT [RUNS] [DIST ...]\n');
  process.exit(2);
}
const dists = (distArgs.length ? distArgs : [fileURLToPath(new URL('../dist', import.meta.url))]).map((d) => resolve(d));

/** User + system CPU of this process so far, in ms. */
const cpu = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
};

/** One build's stages as a function of no arguments that runs them once: [load, audit, translate] ms. */
async function stagesOf(dist) {
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
  const { translateProject } = await load('translate/project.js');
  const { printedAssignment } = await load('print/index.js');
  const { SUPPORT_COOKBOOK_NAME } = await load('support-cookbook/files.js');
  const tables = builtinTables();
  const canon = (n) => canonicalModule(tables.modules, n);
  let t = cpu();
  const read = readInput(input);
  const readMs = cpu() - t;
  const run = () =>
    withParseCache(() => {
      const sink = new DiagnosticSink();
      t = cpu();
      const project = loadProject(read.tree, sink, { canonicalModule: canon });
      const loadMs = cpu() - t;
      const index = new InputIndex(read.tree);
      const texts = new LoadContext(index, new DiagnosticSink(), canon);
      const parseTemplate = sharedTemplateParser();
      t = cpu();
      const audited = audit(project, { text: (f) => texts.text(f), parseTemplate, rules: tables.rules });
      const auditMs = cpu() - t;
      // As convert.ts calls it with no options given.
      t = cpu();
      translateProject(project, index, tables, sink, (f) => texts.text(f) ?? '', {
        templateText: (f) => texts.templateText(f) ?? '',
        parseTemplate,
        namespace: 'ansible',
        supportCookbook: SUPPORT_COOKBOOK_NAME,
        fixes: audited.plan,
        printAssignment: printedAssignment,
      });
      return [loadMs, auditMs, cpu() - t];
    });
  return { readMs, run };
}

const builds = [];
for (const dist of dists) builds.push({ dist, ...(await stagesOf(dist)), runs: [] });
for (let i = 0; i < Number(runsArg); i++) for (const b of builds) b.runs.push(b.run());

// The first run warms V8 up: the median is over the others.
const median = (xs) => {
  const s = xs.slice(1).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1].toFixed(0) : '-';
};
const list = (xs) => xs.map((x) => x.toFixed(0)).join(',');
for (const b of builds) {
  const stage = (name, k) => {
    const xs = b.runs.map((r) => r[k]);
    return `${name} ${list(xs)} ms (median ${median(xs)})`;
  };
  const head = builds.length > 1 ? `${b.dist}: ` : '';
  process.stdout.write(`${head}read ${b.readMs.toFixed(0)} ms; ${stage('load', 0)}; ${stage('audit', 1)}; ${stage('translate', 2)}\n`);
}
