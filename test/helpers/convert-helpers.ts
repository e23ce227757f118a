// Build an in-memory role or project from `{ path: text }` and run the library's convert() on it,
// so tests state their input inline and read back the printed recipes and diagnostics.
import { convert, type ConversionResult, type ConvertOptions } from '../../src/convert.js';
import type { InputTree } from '../../src/load/ansible/input.js';
import type { Diagnostic } from '../../src/base/diagnostics.js';
import type { Stmt, ResourceStmt } from '../../src/ir/chef-ir.js';

export type TextTree = Record<string, string | Uint8Array>;

export function inputTree(files: TextTree): InputTree {
  const enc = new TextEncoder();
  return { files: new Map(Object.entries(files).map(([p, t]) => [p, typeof t === 'string' ? enc.encode(t) : t])) };
}

/** Convert files laid out as a single role at the tree root (tasks/main.yml, templates/...). */
export function convertRole(files: TextTree, rootName = 'demo', options: ConvertOptions = {}): Promise<ConversionResult> {
  return convert(inputTree(files), { kind: 'role', rootName, ...options });
}

/** Convert files laid out as a project (site.yml, roles/<name>/...). */
export function convertProject(files: TextTree, options: ConvertOptions = {}): Promise<ConversionResult> {
  return convert(inputTree(files), options);
}

/** A generated text file, or a clear failure naming what was generated instead. */
export function outputText(result: ConversionResult, path: string): string {
  const content = result.files.get(path);
  if (content === undefined) throw new Error(`${path} was not generated; files: ${[...result.files.keys()].join(', ')}`);
  return typeof content === 'string' ? content : new TextDecoder().decode(content);
}

/**
 * The statements of a recipe as printed, without the generated header and the handlers include:
 * what a test compares against the exact expected Ruby.
 */
export function recipeBody(result: ConversionResult, cookbook: string, recipe = 'default'): string {
  const text = outputText(result, `${cookbook}/recipes/${recipe}.rb`);
  const lines = text.split('\n');
  // The header is the leading run of comment lines up to the first blank line.
  let i = 0;
  while (i < lines.length && lines[i]!.startsWith('#')) i++;
  return lines
    .slice(i)
    .join('\n')
    .replace(/^# [^\n]*handlers\/main\.yml:\d+\ninclude_recipe '[^']+::handlers'\n/m, '')
    .trim();
}

export function formatDiagnostic(d: Diagnostic): string {
  const at = d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : '';
  return `${at}${d.severity} ${d.code} ${d.message}`;
}

/** Every resource statement, looking inside `each` and `if`. */
export function allResources(stmts: Stmt[]): ResourceStmt[] {
  return stmts.flatMap((s): ResourceStmt[] => {
    switch (s.kind) {
      case 'resource':
        return [s];
      case 'each':
        return allResources(s.body);
      case 'if':
        return [...allResources(s.body), ...allResources(s.otherwise ?? [])];
      default:
        return [];
    }
  });
}
