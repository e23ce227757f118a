// Data flows one way through the pipeline: a file may import its own stage and earlier stages, never
// a later one. The stages are the folders of src/, in the order below (the README's Architecture
// section describes each); a back edge is reported file -> file, so the fix is plain to see.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/** src/ folders in pipeline order; '.' is the files at the top of src/ (convert.ts, the package entry). */
const STAGES = [
  'base',
  'config',
  'support-cookbook',
  'load',
  'mapping',
  'resolve',
  'ir',
  'audit',
  'jinja-to-ruby',
  'translate',
  'print',
  'report',
  'workspace',
  '.',
  'plan',
  'cli',
  'scripts',
];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const rel = (file: string) => relative(SRC, file).split(sep).join('/');
const stageOf = (file: string) => (rel(file).includes('/') ? rel(file).split('/')[0]! : '.');

/** Relative module specifiers of static imports, re-exports and import() calls (comments removed first). */
function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of code.matchAll(
    /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm,
  )) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (spec.startsWith('.')) out.push(spec);
  }
  return out;
}

const files = tsFiles(SRC);
const edges = files.flatMap((file) =>
  specifiers(readFileSync(file, 'utf8')).map((spec) => ({ from: file, to: resolve(dirname(file), spec.replace(/\.js$/, '.ts')) })),
);

describe('the import graph of src/', () => {
  it('finds the imports it checks', () => {
    // A regex that stopped matching would pass every check below.
    expect(files.length).toBeGreaterThan(200);
    expect(edges.length).toBeGreaterThan(1000);
    expect(
      specifiers(
        "import type { A } from './a.js';\nexport { b } from '../b.js';\nconst c = await import('./c.js');\n// import { d } from './d.js';",
      ),
    ).toEqual(['./a.js', '../b.js', './c.js']);
  });

  it('has a stage for every folder and a folder for every stage', () => {
    const folders = new Set(files.map(stageOf));
    expect([...folders].filter((f) => !STAGES.includes(f)).sort()).toEqual([]);
    expect(STAGES.filter((s) => !folders.has(s))).toEqual([]);
  });

  it('imports only files that exist', () => {
    const known = new Set(files);
    expect(edges.filter((e) => !known.has(e.to)).map((e) => `${rel(e.from)} -> ${rel(e.to)}`)).toEqual([]);
  });

  it('has no import from a stage to a later stage', () => {
    const rank = (file: string) => STAGES.indexOf(stageOf(file));
    const back = edges
      .filter((e) => rank(e.to) > rank(e.from))
      .map((e) => `${rel(e.from)} (${stageOf(e.from)}) -> ${rel(e.to)} (${stageOf(e.to)})`);
    expect([...new Set(back)].sort()).toEqual([]);
  });

  it("is described stage by stage, in order, by the README's Architecture section", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Architecture'), readme.indexOf('\n## ', readme.indexOf('\n## Architecture') + 1));
    expect(section.length).toBeGreaterThan(100);
    const named = STAGES.map((s) => section.indexOf(s === '.' ? '`src/convert.ts`' : `\`src/${s}/\``));
    expect(named.filter((i) => i < 0)).toEqual([]);
    expect(named).toEqual([...named].sort((a, b) => a - b));
  });
});
