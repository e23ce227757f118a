// Build step (`npm run build`, after tsc): dist/cli/converter.js, as tsc wrote it, is replaced by one
// file holding it and every module that only it reaches (issue 17). Node 20's module loader costs
// about a millisecond of CPU per file (resolve, package scope, open, read, compile, link); a convert
// loaded some 280 files, a fixed cost of every run. The modules the command line loads before it
// knows it must convert (the entry, the command modules and what they reach without going through
// converter.js) stay separate files, loaded as they were: the bundle imports them (`external`), so a
// module is either a file of its own or in the bundle, never both, and no module state is doubled.
// A tsc run alone writes converter.js back as a plain module: the bundle is never stale, only absent.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { parseAst } from 'rolldown/parseAst';

/** Where the import of `specifier` from `importer` leads, when it names a file of the build (a relative path). */
function localTarget(importer: string, specifier: string): string | undefined {
  return specifier.startsWith('./') || specifier.startsWith('../') ? resolve(dirname(importer), specifier) : undefined;
}

/** The relative import specifiers of one compiled module: static imports and re-exports, and import() of a literal. */
export function localImports(file: string, code: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: string; source?: { type?: string; value?: unknown } };
    if (
      (n.type === 'ImportDeclaration' ||
        n.type === 'ExportNamedDeclaration' ||
        n.type === 'ExportAllDeclaration' ||
        n.type === 'ImportExpression') &&
      n.source?.type === 'Literal' &&
      typeof n.source.value === 'string'
    ) {
      const target = localTarget(file, n.source.value);
      if (target) found.push(target);
    }
    for (const v of Object.values(node)) if (typeof v === 'object') visit(v);
  };
  visit(parseAst(code, { sourceType: 'module' }, file).body);
  return found;
}

/**
 * Every module of the build reached from `entry` by any import, static or dynamic, without going
 * through `barrier`: the modules that load as files of their own.
 */
export function reachedWithout(entry: string, barrier: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (file === barrier || seen.has(file)) continue;
    seen.add(file);
    todo.push(...localImports(file, readFileSync(file, 'utf8')));
  }
  return seen;
}

/**
 * Modules that find files by their own location (import.meta) must sit as deep under dist/ as the
 * bundle does: `../../mappings` from dist/config/ is `../../mappings` from dist/cli/ too, not from
 * dist/mapping/plugins/. Returns the modules for which that fails.
 */
export function misplaced(dist: string, bundle: string, modules: Iterable<string>): string[] {
  const depth = (f: string) => relative(dist, dirname(f)).split(sep).length;
  return [...modules].filter((m) => depth(m) !== depth(bundle) && readFileSync(m, 'utf8').includes('import.meta'));
}

/** Bundles `dist/cli/converter.js` in place; returns how many modules went into it and how many stay files. */
export async function bundleConverter(dist: string): Promise<{ bundled: number; separate: number }> {
  const entry = join(dist, 'cli/main.js');
  const converter = join(dist, 'cli/converter.js');
  const separate = reachedWithout(entry, converter);
  const build = await rolldown({
    input: converter,
    platform: 'node',
    // Module comments name paths relative to dist/, not to the machine that built it.
    cwd: dist,
    logLevel: 'warn',
    plugins: [
      {
        name: 'separate-modules',
        resolveId(specifier: string, importer: string | undefined) {
          const target = importer ? localTarget(importer, specifier) : undefined;
          if (target === undefined) return specifier === converter ? null : { id: specifier, external: true };
          return separate.has(target) ? { id: target, external: 'relative' as const } : null;
        },
      },
    ],
  });
  try {
    const { output } = await build.generate({ format: 'esm', codeSplitting: false });
    const chunk = output[0];
    if (output.length !== 1 || chunk.type !== 'chunk') throw new Error('bundle-cli: the converter did not bundle into one file');
    // The bundler's own runtime helpers have ids of their own, not files.
    const modules = chunk.moduleIds.filter((id) => id.startsWith(dist + sep));
    const wrong = misplaced(dist, converter, modules);
    if (wrong.length)
      throw new Error(`bundle-cli: modules that use import.meta must be ${relative(dist, dirname(converter))}/-deep: ${wrong.join(', ')}`);
    writeFileSync(converter, chunk.code);
    return { bundled: modules.length, separate: separate.size };
  } finally {
    await build.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await bundleConverter(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
  if (process.env.A2C_BUNDLE_VERBOSE) process.stderr.write(`bundle-cli: ${r.bundled} modules bundled, ${r.separate} separate\n`);
}
