// `npm run corpus`: convert every entry of ../shared/corpus (or the folder given) and print what
// converted: cookbooks, tasks converted / TODO / ignored, Ruby files checked, crashes.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { convert } from '../convert.js';
import { readInput } from '../cli/read-input.js';

interface Row { entry: string; cookbooks: number; tasks: number; converted: number; todo: number; ignored: number; rb: number; errors: number; crash?: string }

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const root = resolve(args.find((a) => !a.startsWith('--')) ?? '../shared/corpus');
  const rows: Row[] = [];
  const entries: Array<[string, string]> = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    // Collections of example projects (no roles, no playbooks at the top): each sub-project is an entry.
    const subs = readdirSync(dir).filter((s) => statSync(join(dir, s)).isDirectory()).sort();
    const isCollection = !readdirSync(dir).some((s) => /\.ya?ml$/.test(s) || ['roles', 'tasks', 'playbooks', 'inventory', 'meta'].includes(s)) && subs.length > 0;
    if (isCollection) for (const s of subs) entries.push([`${name}/${s}`, join(dir, s)]);
    else entries.push([name, dir]);
  }
  for (const [name, dir] of entries) {
    try {
      const input = readInput(dir);
      const r = await convert(input.tree, { rootName: input.rootName });
      rows.push({
        entry: name, cookbooks: r.cookbooks.length, tasks: r.stats.tasks, converted: r.stats.converted, todo: r.stats.todo, ignored: r.stats.ignored,
        rb: [...r.files.keys()].filter((p) => p.endsWith('.rb')).length, errors: r.stats.diagnostics.error,
      });
    } catch (e) {
      rows.push({ entry: name, cookbooks: 0, tasks: 0, converted: 0, todo: 0, ignored: 0, rb: 0, errors: 0, crash: (e as Error).stack ?? String(e) });
    }
  }
  const total = rows.reduce((a, r) => ({ ...a, cookbooks: a.cookbooks + r.cookbooks, tasks: a.tasks + r.tasks, converted: a.converted + r.converted, todo: a.todo + r.todo, ignored: a.ignored + r.ignored, rb: a.rb + r.rb, errors: a.errors + r.errors }), { entry: 'total', cookbooks: 0, tasks: 0, converted: 0, todo: 0, ignored: 0, rb: 0, errors: 0 } as Row);
  const crashes = rows.filter((r) => r.crash).length;
  if (json) {
    process.stdout.write(JSON.stringify({ rows, total, crashes }, null, 2) + '\n');
  } else {
    const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
    process.stdout.write(`${'entry'.padEnd(48)} cookbooks  tasks converted  TODO ignored  .rb errors\n`);
    for (const r of [...rows, total]) {
      process.stdout.write(`${r.entry.padEnd(48)} ${String(r.cookbooks).padStart(9)} ${String(r.tasks).padStart(6)} ${String(r.converted).padStart(9)} ${String(r.todo).padStart(5)} ${String(r.ignored).padStart(7)} ${String(r.rb).padStart(4)} ${String(r.errors).padStart(6)}${r.crash ? '  CRASH' : ''}\n`);
    }
    process.stdout.write(`\nconverted natively: ${pct(total.converted, total.tasks)}; crashes: ${crashes}\n`);
    for (const r of rows.filter((x) => x.crash)) process.stdout.write(`\n${r.entry}: ${r.crash}\n`);
  }
  process.exitCode = crashes ? 1 : 0;
}

await main();
