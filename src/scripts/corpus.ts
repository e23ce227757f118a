// `npm run corpus`: convert every entry of ../shared/corpus (or the folder given) and print what
// converted: cookbooks, tasks converted / TODO / ignored, Ruby files checked, crashes; then the same
// split per role (cookbook), per task keyword, the TODO tasks by cause (diagnostic code) and by
// what converting them would need, with the share that would convert if all the work left were done;
// then how many Policyfile runs pass the Chef compile-phase check (src/scripts/chef-compile.ts),
// and the Chef-style figures of the output summed over the corpus (src/scripts/style-metrics.ts).
// Last, apart from those totals, the OSA estate converted as one input (src/scripts/estate.ts),
// where the corpus holds its parts (`--no-estate` leaves it out).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convert } from '../convert.js';
import { inputOptions, readInput } from '../cli/read-input.js';
import { computePlan } from '../plan/compute.js';
import { NEEDS } from '../report/needs.js';
import { compileCheck, type CompileInputs, type CompileRun } from './chef-compile.js';
import { addStyle, printStyle, styleMetrics, type StyleMetrics } from './style-metrics.js';
import { loadRubyParser } from '../print/prism.js';
import { assembleEstate, ESTATE_LABEL } from './estate.js';

export interface Split {
  tasks: number;
  converted: number;
  todo: number;
  ignored: number;
}
export interface Row extends Split {
  entry: string;
  cookbooks: number;
  rb: number;
  errors: number;
  crash?: string;
}
export interface CorpusFigures {
  rows: Row[];
  total: Row;
  crashes: number;
  /** Per cookbook; `entry` alone for what belongs to no role (a single-role entry, playbook-level tasks). */
  roles: Array<{ role: string } & Split>;
  /** Per task keyword as written (`name` left out: it changes nothing); a task counts under each keyword it uses. */
  keywords: Array<[string, Split]>;
  todoByCause: Array<[string, number]>;
  /** TODO tasks by what converting them would take (the need of their code, src/report/needs.ts). */
  todoByNeed: Array<[string, number]>;
  /** The compile-phase check of every Policyfile run (absent when ruby or the shared facts are missing). */
  compile?: { runs: number; ok: number; requiredInput: number; outsideInput: number; failures: Array<{ entry: string } & CompileRun> };
  /** How far the output is from hand-written Chef (issue 14), summed over the entries. */
  style: StyleMetrics;
}

const emptySplit = (): Split => ({ tasks: 0, converted: 0, todo: 0, ignored: 0 });

/** The corpus entries as [name, folder]: each top-level folder, or each sub-project of a collection of examples. */
export function corpusEntries(root: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    // Collections of example projects (no roles, no playbooks at the top): each sub-project is an entry.
    const subs = readdirSync(dir)
      .filter((s) => statSync(join(dir, s)).isDirectory())
      .sort();
    const isCollection =
      !readdirSync(dir).some((s) => /\.ya?ml$/.test(s) || ['roles', 'tasks', 'playbooks', 'inventory', 'meta'].includes(s)) &&
      subs.length > 0;
    if (isCollection) for (const s of subs) entries.push([`${name}/${s}`, join(dir, s)]);
    else entries.push([name, dir]);
  }
  return entries;
}

export async function measureCorpus(
  root: string,
  compileInputs?: CompileInputs,
  groups: 'static' | 'search' = 'static',
): Promise<CorpusFigures> {
  const compile = compileInputs
    ? { runs: 0, ok: 0, requiredInput: 0, outsideInput: 0, failures: [] as Array<{ entry: string } & CompileRun> }
    : undefined;
  const rows: Row[] = [];
  const roles: CorpusFigures['roles'] = [];
  const keywords = new Map<string, Split>();
  const causes = new Map<string, number>();
  const needs = new Map<string, number>();
  const parse = await loadRubyParser();
  let style: StyleMetrics | undefined;
  for (const [name, dir] of corpusEntries(root)) {
    try {
      const input = readInput(dir);
      const r = await convert(input.tree, { ...inputOptions(input), groups });
      rows.push({
        entry: name,
        cookbooks: r.cookbooks.length,
        tasks: r.stats.tasks,
        converted: r.stats.converted,
        todo: r.stats.todo,
        ignored: r.stats.ignored,
        rb: [...r.files.keys()].filter((p) => p.endsWith('.rb')).length,
        errors: r.stats.diagnostics.error,
      });
      for (const [need, n] of Object.entries(r.stats.todoByNeed)) needs.set(need, (needs.get(need) ?? 0) + n);
      const own = styleMetrics(r.files, parse);
      for (const x of own.policyfiles.notData) x.file = `${name}/${x.file}`;
      own.bufTemplates = own.bufTemplates.map((t) => `${name}/${t}`);
      style = style ? addStyle(style, own) : own;
      if (compile && compileInputs) {
        for (const run of compileCheck(r.files, compileInputs)) {
          compile.runs++;
          if (run.outcome === 'ok') compile.ok++;
          else if (run.outcome === 'required-input') compile.requiredInput++;
          else if (run.outcome === 'outside-input') compile.outsideInput++;
          if (!run.ok) compile.failures.push({ entry: name, ...run });
        }
      }
      for (const p of computePlan(r).roles) {
        roles.push({
          role: p.cookbook === '(project)' ? name : `${name}/${p.cookbook}`,
          tasks: p.tasks,
          converted: p.native,
          todo: p.todoTasks,
          ignored: p.ignoredTasks,
        });
      }
      for (const t of r.tasks) {
        const used = t.keywords.filter((k) => k !== 'name');
        for (const k of used.length ? used : ['(none)']) {
          const s = keywords.get(k) ?? emptySplit();
          s.tasks++;
          s[t.outcome]++;
          keywords.set(k, s);
        }
        if (t.outcome === 'todo') causes.set(t.code ?? '(none)', (causes.get(t.code ?? '(none)') ?? 0) + 1);
      }
    } catch (e) {
      rows.push({
        entry: name,
        cookbooks: 0,
        tasks: 0,
        converted: 0,
        todo: 0,
        ignored: 0,
        rb: 0,
        errors: 0,
        crash: (e as Error).stack ?? String(e),
      });
    }
  }
  const total: Row = { entry: 'total', cookbooks: 0, tasks: 0, converted: 0, todo: 0, ignored: 0, rb: 0, errors: 0 };
  for (const r of rows) for (const k of ['cookbooks', 'tasks', 'converted', 'todo', 'ignored', 'rb', 'errors'] as const) total[k] += r[k];
  return {
    rows,
    total,
    crashes: rows.filter((r) => r.crash).length,
    roles,
    keywords: [...keywords].sort((a, b) => b[1].tasks - a[1].tasks || (a[0] < b[0] ? -1 : 1)),
    todoByCause: [...causes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    todoByNeed: Object.values(NEEDS).map((n): [string, number] => [n, needs.get(n) ?? 0]),
    ...(compile ? { compile } : {}),
    style: style ?? styleMetrics(new Map(), parse),
  };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

function printTable(f: CorpusFigures): string {
  let out = `${'entry'.padEnd(48)} cookbooks  tasks converted  TODO ignored  .rb errors\n`;
  for (const r of [...f.rows, f.total]) {
    out += `${r.entry.padEnd(48)} ${String(r.cookbooks).padStart(9)} ${String(r.tasks).padStart(6)} ${String(r.converted).padStart(9)} ${String(r.todo).padStart(5)} ${String(r.ignored).padStart(7)} ${String(r.rb).padStart(4)} ${String(r.errors).padStart(6)}${r.crash ? '  CRASH' : ''}\n`;
  }
  const split = (label: string, x: Split) =>
    `${label.padEnd(72)} ${String(x.tasks).padStart(6)} ${String(x.converted).padStart(9)} ${String(x.todo).padStart(5)} ${String(x.ignored).padStart(7)} ${pct(x.converted, x.tasks).padStart(7)}\n`;
  const header = (label: string) => `\n${label.padEnd(72)}  tasks converted  TODO ignored  native\n`;
  out += header('per role');
  for (const r of f.roles) if (r.tasks) out += split(r.role, r);
  out += header('per keyword (a task counts under each keyword it uses)');
  for (const [k, x] of f.keywords) out += split(k, x);
  out += `\n${'TODO tasks by cause'.padEnd(72)}  tasks\n`;
  for (const [c, n] of f.todoByCause) out += `${c.padEnd(72)} ${String(n).padStart(6)}\n`;
  out += `\n${'TODO tasks by what converting them needs'.padEnd(72)}  tasks\n`;
  for (const [c, n] of f.todoByNeed) out += `${c.padEnd(100)} ${String(n).padStart(5)}\n`;
  const reachable =
    f.total.converted +
    (f.todoByNeed.find(([c]) => c === NEEDS['follows-todo'])?.[1] ?? 0) +
    (f.todoByNeed.find(([c]) => c === NEEDS['work-left'])?.[1] ?? 0);
  out += `\nconverted natively: ${pct(f.total.converted, f.total.tasks)}; crashes: ${f.crashes}\n`;
  out += `at most, if every TODO that is neither kept by design nor outside the converter's reach converted: ${pct(reachable, f.total.tasks)}\n`;
  if (f.compile) {
    const c = f.compile;
    const failed = c.runs - c.ok - c.requiredInput - c.outsideInput;
    out += `\nChef compile phase (test/tools/chef-compile.rb): ${c.ok} of ${c.runs} Policyfile runs compile (${pct(c.ok, c.runs)}); ${c.requiredInput} stop at a variable the input never sets (named), ${c.outsideInput} reach a role outside the input, ${failed} fail\n`;
    for (const x of c.failures) out += `  [${x.outcome}] ${x.entry} ${x.id}: ${x.error}: ${x.message}${x.where ? ` (${x.where})` : ''}\n`;
  }
  out += `\nChef style of the output (src/scripts/style-metrics.ts, summed over the entries)\n${printStyle(f.style, false)}`;
  for (const t of f.style.bufTemplates) out += `  _buf: ${t}\n`;
  for (const x of f.style.policyfiles.notData) out += `  not data: ${x.file}:${x.line}: ${x.what}\n`;
  for (const r of f.rows.filter((x) => x.crash)) out += `\n${r.entry}: ${r.crash}\n`;
  return out;
}

/** The estate's figures, apart from the per-entry totals (their meaning unchanged). */
function printEstate(e: CorpusFigures): string {
  const t = e.total;
  let out = `\n${ESTATE_LABEL} (openstack-ansible-plugins' playbooks, 8 roles under roles/, openstack-ansible's inventory; not in the totals above)\n`;
  out += `tasks ${t.tasks}, converted ${t.converted}, TODO ${t.todo}, ignored ${t.ignored}; converted natively: ${pct(t.converted, t.tasks)}; crashes: ${e.crashes}\n`;
  out += `${'  per role'.padEnd(72)}  tasks converted  TODO ignored  native\n`;
  for (const r of e.roles)
    if (r.tasks)
      out += `${`  ${r.role}`.padEnd(72)} ${String(r.tasks).padStart(6)} ${String(r.converted).padStart(9)} ${String(r.todo).padStart(5)} ${String(r.ignored).padStart(7)} ${pct(r.converted, r.tasks).padStart(7)}\n`;
  out += '  TODO tasks by cause: ' + e.todoByCause.map(([c, n]) => `${c} ${n}`).join(', ') + '\n';
  if (e.compile)
    out += `  Chef compile phase: ${e.compile.ok} of ${e.compile.runs} Policyfile runs compile; ${e.compile.requiredInput} stop at a variable the input never sets (named)\n`;
  for (const r of e.rows.filter((x) => x.crash)) out += `\n${ESTATE_LABEL}: ${r.crash}\n`;
  return out;
}

function estateJson(e: CorpusFigures) {
  return { total: e.total, crashes: e.crashes, roles: e.roles, todoByCause: Object.fromEntries(e.todoByCause), compile: e.compile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const root = resolve(args.find((a) => !a.startsWith('--')) ?? '../shared/corpus');
  const facts = resolve('../shared/ground-truth/facts.json');
  const schema = resolve('../shared/chef/resources.json');
  const canCompile =
    !args.includes('--no-compile') && existsSync(facts) && existsSync(schema) && spawnSync('ruby', ['-e', '0']).status === 0;
  // `--groups-search` measures the conversion with groups by Chef search (the default is static).
  const groups = args.includes('--groups-search') ? 'search' : 'static';
  const inputs = canCompile ? { factsFile: facts, schemaFile: schema } : undefined;
  const f = await measureCorpus(root, inputs, groups);
  const assembled = args.includes('--no-estate') ? undefined : assembleEstate(root);
  let estate: CorpusFigures | undefined;
  try {
    if (assembled) estate = await measureCorpus(assembled.dir, inputs, groups);
  } finally {
    assembled?.remove();
  }
  if (args.includes('--json')) {
    process.stdout.write(
      JSON.stringify(
        {
          ...f,
          keywords: Object.fromEntries(f.keywords),
          todoByCause: Object.fromEntries(f.todoByCause),
          todoByNeed: Object.fromEntries(f.todoByNeed),
          ...(estate ? { estate: { label: ESTATE_LABEL, ...estateJson(estate) } } : {}),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    process.stdout.write(printTable(f));
    if (estate) process.stdout.write(printEstate(estate));
  }
  process.exitCode = f.crashes || estate?.crashes ? 1 : 0;
}
