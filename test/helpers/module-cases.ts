// The module cases: realistic tasks for every module of mappings/modules.toml, and task keywords on a
// resource, each with the exact Ruby its role's default recipe must hold. Each case is a file set
// under test/module-cases/<module>/ (task keywords under task-keywords/):
//   <case>.yml           the role's tasks/main.yml, the task under test
//   <case>.files/        other files of the role, when it needs any (defaults, handlers, templates...)
//   <case>.rb            the expected default recipe, without its generated header and handlers include,
//                        after a header: `# <title>`, notes, `# diagnostics: <codes>|none`, a blank line
//   <case>.handlers.rb   the expected handlers recipe, for a case whose role has handlers/main.yml
// The diagnostics line lists the codes of every warning and error the conversion reports, in order.
// Shared by test/mapping/modules.test.ts (printed output) and test/pipeline/chef-schema.test.ts (every resource,
// property and action they produce exists in Chef 18).
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { TextTree } from './convert-helpers.js';

export const MODULE_CASES_DIR = resolve(import.meta.dirname, '../module-cases');
/** The folder of the task-keyword cases; every other folder is named after a module. */
export const KEYWORDS_GROUP = 'task-keywords';

export interface ModuleCase {
  /** The module, or KEYWORDS_GROUP. */
  group: string;
  /** The file name without extension. */
  name: string;
  /** From the expected file's first line; the file name when there is no expected file yet. */
  title: string;
  /** The role's files; tasks/main.yml holds the task under test. */
  files: TextTree;
  /** The expected default recipe: <case>.rb. */
  expectedFile: string;
  /** The expected handlers recipe (<case>.handlers.rb), when the role has handlers. */
  handlersFile?: string;
}

/** An expected .rb file: its header and the recipe statements it expects. */
export interface Expected {
  title: string;
  /** Comment lines of the header between title and diagnostics (why the case is as it is). */
  notes: string[];
  /** Codes of the warning and error diagnostics, in order. */
  codes: string[];
  body: string;
}

const DIAGNOSTICS = '# diagnostics: ';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

function readCase(group: string, name: string): ModuleCase {
  const base = join(MODULE_CASES_DIR, group, name);
  const files: TextTree = { 'tasks/main.yml': readFileSync(`${base}.yml`, 'utf8') };
  if (existsSync(`${base}.files`)) {
    for (const f of filesUnder(`${base}.files`)) files[relative(`${base}.files`, f).split(sep).join('/')] = readFileSync(f, 'utf8');
  }
  const expectedFile = `${base}.rb`;
  const title = existsSync(expectedFile) ? parseExpected(readFileSync(expectedFile, 'utf8'), expectedFile).title : name;
  return {
    group,
    name,
    title,
    files,
    expectedFile,
    ...(files['handlers/main.yml'] !== undefined ? { handlersFile: `${base}.handlers.rb` } : {}),
  };
}

/** Every case of a group (a module or KEYWORDS_GROUP), one per .yml file, sorted by file name. */
function casesOf(group: string): ModuleCase[] {
  return readdirSync(join(MODULE_CASES_DIR, group))
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => readCase(group, f.slice(0, -'.yml'.length)));
}

const groups = readdirSync(MODULE_CASES_DIR)
  .filter((g) => statSync(join(MODULE_CASES_DIR, g)).isDirectory())
  .sort();

export const MODULE_CASES: Record<string, ModuleCase[]> = Object.fromEntries(
  groups.filter((g) => g !== KEYWORDS_GROUP).map((g) => [g, casesOf(g)]),
);
export const KEYWORD_CASES: ModuleCase[] = casesOf(KEYWORDS_GROUP);

/** One case by its group and file name, or a failure naming it. */
export function moduleCase(group: string, name: string): ModuleCase {
  const c = (group === KEYWORDS_GROUP ? KEYWORD_CASES : (MODULE_CASES[group] ?? [])).find((x) => x.name === name);
  if (!c) throw new Error(`no module case ${group}/${name}`);
  return c;
}

export function parseExpected(text: string, file: string): Expected {
  const blank = text.indexOf('\n\n');
  if (!text.startsWith('# ') || blank < 0) throw new Error(`${file}: expected a '# <title>' header ended by a blank line`);
  const header = text.slice(0, blank).split('\n');
  const codesLine = header.findIndex((l) => l.startsWith(DIAGNOSTICS));
  if (codesLine < 1) throw new Error(`${file}: the header has no '${DIAGNOSTICS}' line after the title`);
  const codes = header[codesLine]!.slice(DIAGNOSTICS.length);
  return {
    title: header[0]!.slice(2),
    notes: header.slice(1, codesLine),
    codes: codes === 'none' ? [] : codes.split(', '),
    body: text.slice(blank + 2).replace(/\n$/, ''),
  };
}

export function formatExpected(e: Expected): string {
  const header = [`# ${e.title}`, ...e.notes, `${DIAGNOSTICS}${e.codes.length ? e.codes.join(', ') : 'none'}`];
  return `${header.join('\n')}\n\n${e.body ? `${e.body}\n` : ''}`;
}

/** UPDATE_GOLDEN: rewrite an expected file from what the conversion gave, keeping its title and notes. */
export function writeExpected(file: string, title: string, codes: string[], body: string): void {
  const old = existsSync(file) ? parseExpected(readFileSync(file, 'utf8'), file) : undefined;
  writeFileSync(file, formatExpected({ title: old?.title ?? title, notes: old?.notes ?? [], codes, body }));
}

/** A handlers recipe file: comment lines saying what it is, a blank line, the statements. */
export function parseHandlers(text: string, file: string): string {
  const blank = text.indexOf('\n\n');
  if (!text.startsWith('# ') || blank < 0) throw new Error(`${file}: expected a comment line and a blank line before the recipe`);
  return text.slice(blank + 2).replace(/\n$/, '');
}

/** UPDATE_GOLDEN: rewrite a handlers recipe file, keeping its header. */
export function writeHandlers(c: ModuleCase, body: string): void {
  const file = c.handlersFile!;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const header = old.startsWith('# ') && old.includes('\n\n') ? old.slice(0, old.indexOf('\n\n')) : `# ${c.title}: the handlers recipe`;
  writeFileSync(file, `${header}\n\n${body ? `${body}\n` : ''}`);
}
