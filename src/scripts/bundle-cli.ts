// Build step (`npm run build`, after tsc): dist/cli/converter.js and every module that only it reaches
// become one script, converter-bundle.js, with a V8 code cache beside it (issue 17: the fixed cost of
// every run). Node 20's module loader costs about a millisecond of CPU per file (resolve, package
// scope, open, read, compile, link), and a convert loaded some 290 files; then V8 compiled each
// function it ran on first call. A script (unlike a module in Node 20) can be compiled from a code
// cache, made at build time by converting the bundled example, which holds the compiled code of what
// a convert runs. converter.js becomes the small module that loads them.
// The modules the command line loads before it knows it must convert (the entry, the command modules
// and what they reach without going through converter.js) stay files, loaded as they were: the script
// gets them from the loader, so a module is either a file of its own or in the bundle, never both, and
// no module state is doubled. A tsc run alone writes converter.js back as a plain module: the bundle
// is then unused, never stale.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/** The bundle's script; the module that loads it stands in tsc's converter.js's place. */
export const BUNDLE_SCRIPT = 'converter-bundle.js';

/**
 * The code cache's file name, after the script's content. V8 checks a cache against the script's
 * length, not its content: a cache left by another build of the same length would be taken, and its
 * code run. Named after the content, another build's cache is never even read.
 */
export function cacheName(script: string): string {
  return `converter-bundle-${createHash('sha256').update(script).digest('hex').slice(0, 16)}.cache`;
}
const CACHE_FILE = /^converter-bundle-[0-9a-f]{16}\.cache$/;

/**
 * The bundle as the body of a function (a script, not a module): V8 can take a script's compiled code
 * from a cache, and Node 20 gives modules no such cache. The function receives what a module would
 * have: `require` for the modules it imports (the separate modules and packages, which the loader
 * below imports as modules), its file name, `import.meta.resolve` and `import()`. Every import() of
 * the bundle is rewritten to call the loader's (a script compiled from a code cache has no
 * dynamic-import host of its own); the rewrite is checked: no import() and no import.meta are left.
 * The body is strict, as the modules were.
 */
export function scriptBody(code: string): string {
  const program = parseAst(code, { sourceType: 'script' });
  const starts: number[] = [];
  const left: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: string; start?: number };
    if (n.type === 'ImportExpression') starts.push(n.start!);
    if (n.type === 'MetaProperty') left.push('import.meta');
    for (const v of Object.values(node)) if (typeof v === 'object') visit(v);
  };
  visit(program.body);
  if (left.length) throw new Error('bundle-cli: the bundle still reads import.meta');
  let out = code;
  for (const at of starts.sort((a, b) => b - a)) {
    if (out.slice(at, at + 6) !== 'import') throw new Error(`bundle-cli: no import() at offset ${at} of the bundle`);
    out = `${out.slice(0, at)}__a2cImport${out.slice(at + 6)}`;
  }
  // A module's code is strict; the function's body must be too (a write to a frozen object throws).
  return `(function (require, exports, module, __filename, __dirname, __a2cResolve, __a2cImport) {\n'use strict';\n${out}\n})\n`;
}

/**
 * The module that stands where tsc's converter.js was: it imports what the bundle requires (the
 * separate modules and packages as modules, so each is the one instance the command line shares; Node's
 * built-ins through require), compiles the script with its code cache when there is one that V8
 * accepts (another Node version's is refused, and the script is compiled as any other), runs it, and
 * exports what converter.js exported.
 */
export function loaderModule(required: readonly string[], exported: readonly string[], cache: string): string {
  const modules = required.filter((id) => !isBuiltin(id));
  const lines = [
    `// Made by the build (scripts/bundle-cli.ts) from converter.js: loads ${BUNDLE_SCRIPT}, with its code cache.`,
    `import { readFileSync } from 'node:fs';`,
    `import { createRequire } from 'node:module';`,
    `import { dirname } from 'node:path';`,
    `import { fileURLToPath } from 'node:url';`,
    `import { Script } from 'node:vm';`,
    ...modules.map((id, i) => `import * as m${i} from ${JSON.stringify(id)};`),
    `const modules = new Map([${modules.map((id, i) => `[${JSON.stringify(id)}, m${i}]`).join(', ')}]);`,
    `const file = fileURLToPath(new URL(${JSON.stringify(`./${BUNDLE_SCRIPT}`)}, import.meta.url));`,
    `let cachedData;`,
    `try {`,
    `  cachedData = readFileSync(fileURLToPath(new URL(${JSON.stringify(`./${cache}`)}, import.meta.url)));`,
    `} catch {}`,
    `const script = new Script(readFileSync(file, 'utf8'), { filename: file, ...(cachedData ? { cachedData } : {}) });`,
    `const require = createRequire(import.meta.url);`,
    `const module = { exports: {} };`,
    `script.runInThisContext()((id) => modules.get(id) ?? require(id), module.exports, module, file, dirname(file), (s) => import.meta.resolve(s), (s) => import(s));`,
    `export const { ${exported.join(', ')} } = module.exports;`,
    `/** The code V8 compiled for the script so far, for the build to keep as the cache. */`,
    `export const codeCache = () => script.createCachedData();`,
    `/** Whether this process compiled the script from the cache. */`,
    `export const codeCacheUsed = cachedData !== undefined && !script.cachedDataRejected;`,
  ];
  return lines.join('\n') + '\n';
}

/**
 * Bundles dist/cli/converter.js: the script, and the loader in converter.js's place. Returns how
 * many modules went into the bundle and how many stay files.
 */
export async function bundleConverter(dist: string): Promise<{ bundled: number; separate: number; cache: string }> {
  const entry = join(dist, 'cli/main.js');
  const converter = join(dist, 'cli/converter.js');
  const separate = reachedWithout(entry, converter);
  const build = await rolldown({
    input: converter,
    platform: 'node',
    // Module comments name paths relative to dist/, not to the machine that built it.
    cwd: dist,
    logLevel: 'warn',
    // A script has no import.meta: the loader passes its resolve (rolldown rewrites import.meta.url).
    transform: { define: { 'import.meta.resolve': '__a2cResolve' } },
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
    const { output } = await build.generate({ format: 'cjs', codeSplitting: false });
    const chunk = output[0];
    if (output.length !== 1 || chunk.type !== 'chunk') throw new Error('bundle-cli: the converter did not bundle into one file');
    // The bundler's own runtime helpers have ids of their own, not files.
    const modules = chunk.moduleIds.filter((id) => id.startsWith(dist + sep));
    const wrong = misplaced(dist, converter, modules);
    if (wrong.length)
      throw new Error(`bundle-cli: modules that use import.meta must be ${relative(dist, dirname(converter))}/-deep: ${wrong.join(', ')}`);
    // A default import of a module would go through the bundler's CommonJS interop, which a module
    // namespace does not satisfy: the converter's modules import names only.
    if (chunk.code.includes('__toESM')) throw new Error('bundle-cli: the bundle imports a default export');
    const required = [...new Set([...chunk.code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!))];
    const script = scriptBody(chunk.code);
    const cache = cacheName(script);
    // Earlier builds' caches go: none of them is this script's.
    for (const f of readdirSync(join(dist, 'cli'))) if (CACHE_FILE.test(f)) rmSync(join(dist, 'cli', f));
    writeFileSync(join(dist, 'cli', BUNDLE_SCRIPT), script);
    writeFileSync(converter, loaderModule(required, chunk.exports, cache));
    return { bundled: modules.length, separate: separate.size, cache };
  } finally {
    await build.close();
  }
}

/**
 * Writes the script's code cache (`cache`, from bundleConverter): a convert of `sample` in a fresh process, after
 * which the cache holds every function that convert compiled; a second process checks that V8 takes
 * it. Returns whether it did (V8 refuses a cache made under other flags: then none is kept).
 */
export function writeCodeCache(dist: string, sample: string, name: string): boolean {
  const cache = join(dist, 'cli', name);
  rmSync(cache, { force: true });
  const out = mkdtempSync(join(tmpdir(), 'a2c-code-cache-'));
  const url = (p: string) => JSON.stringify(pathToFileURL(join(dist, p)).href);
  // V8 takes a cache only under the flags it was made with: the command line sets its compiler flags
  // (cli/compiler-flags.ts) before the bundle loads, so the cache is made, and checked, under them too.
  const tune = `(await import(${url('cli/compiler-flags.js')})).tuneCompiler();`;
  try {
    const make = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `${tune}
const { runConvert } = await import(${url('cli/convert-command.js')});
await runConvert(${JSON.stringify(sample)}, { out: ${JSON.stringify(join(out, 'out'))}, quiet: true });
const { codeCache } = await import(${url('cli/converter.js')});
(await import('node:fs')).writeFileSync(${JSON.stringify(cache)}, codeCache());`,
      ],
      { encoding: 'utf8' },
    );
    if (make.status !== 0) throw new Error(`bundle-cli: the code cache run failed:\n${make.stderr}`);
    const check = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `${tune}\nprocess.exit((await import(${url('cli/converter.js')})).codeCacheUsed ? 0 : 3);`],
      { encoding: 'utf8' },
    );
    if (check.status === 0) return true;
    rmSync(cache, { force: true });
    return false;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const r = await bundleConverter(dist);
  // The cache is made by converting the bundled example (a checkout has it; a copy without it has no cache).
  const sample = resolve(dist, '../playbooks');
  const cached = existsSync(sample) && writeCodeCache(dist, sample, r.cache);
  if (process.env.A2C_BUNDLE_VERBOSE)
    process.stderr.write(`bundle-cli: ${r.bundled} modules bundled, ${r.separate} separate; code cache ${cached ? 'kept' : 'none'}\n`);
}
