// `ansible2chef mappings lint [DIR...]`: validate the built-in tables and plugins and the given
// mapping directories (tables and plugins/*.ts). `ansible2chef mappings docs`: write (or with
// --check compare) docs/support-matrix.md.
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDiagnostic } from '../base/diagnostics.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './common.js';
import { display } from './settings.js';

export function registerMappings(program: Command): void {
  const cmd = program.command('mappings').description('check and document the mapping tables and plugins');
  cmd
    .command('lint')
    .description('validate the built-in tables and plugins, and each mapping directory given')
    .argument('[dirs...]', 'user mapping directories')
    .action(async (dirs: string[]) => {
      const { loadMappings, CODE_NAMES } = await (await import('./converter.js')).mappingLoader();
      const cwd = process.cwd();
      // A directory that is not there would otherwise lint as an empty one: "ok" about nothing.
      const bad = dirs.filter((d) => !existsSync(resolve(cwd, d)) || !statSync(resolve(cwd, d)).isDirectory());
      for (const d of bad)
        process.stderr.write(`ansible2chef: error: ${d}: ${existsSync(resolve(cwd, d)) ? 'not a directory' : 'no such directory'}\n`);
      if (bad.length) {
        process.exitCode = EXIT_USAGE;
        return;
      }
      const r = await loadMappings(
        CODE_NAMES,
        dirs.map((d) => resolve(cwd, d)),
        [],
        (p) => display(cwd, p),
      );
      for (const d of r.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      const modules = r.set?.modules.modules.size;
      if (r.set)
        process.stdout.write(`ok: ${modules} modules (${[...r.set.modules.modules.values()].filter((s) => s.plugin).length} by plugins)\n`);
      process.exitCode = r.set ? EXIT_OK : EXIT_FINDINGS;
    });
  cmd
    .command('docs')
    .description('generate docs/support-matrix.md')
    .option('--out <file>', 'where to write', 'docs/support-matrix.md')
    .option('--check', 'exit 1 when the file is missing or stale, write nothing')
    .action(async (opts: { out: string; check?: boolean }) => {
      const text = await (await import('./converter.js')).supportMatrixText();
      const file = resolve(process.cwd(), opts.out);
      if (opts.check) {
        const stale = !existsSync(file) || readFileSync(file, 'utf8') !== text;
        if (stale) process.stderr.write(`${opts.out} is stale: run ansible2chef mappings docs\n`);
        process.exitCode = stale ? EXIT_FINDINGS : EXIT_OK;
        return;
      }
      writeFileSync(file, text);
      process.stdout.write(`wrote ${opts.out}\n`);
    });
}
