// Shared by the robustness suite: every text a conversion produces (files, diagnostics, report),
// and the checks every hostile input must pass.
import { expect } from 'vitest';
import type { ConversionResult } from '../../../src/convert.js';
import { formatDiagnostic } from '../../../src/base/diagnostics.js';

const decoder = new TextDecoder();

/** Every output file as text, keyed by path. */
export function outputTexts(result: ConversionResult): Map<string, string> {
  return new Map([...result.files].map(([p, c]) => [p, typeof c === 'string' ? c : decoder.decode(c)]));
}

/** Everything a user can read after a run: file contents, file names and formatted diagnostics. */
export function everyText(result: ConversionResult): string {
  const parts = [...outputTexts(result)].flat();
  return [...parts, ...result.diagnostics.map(formatDiagnostic)].join('\n');
}

export function errorsOf(result: ConversionResult): string[] {
  return result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

export function codesOf(result: ConversionResult): string[] {
  return [...new Set(result.diagnostics.map((d) => d.code))].sort();
}

/** A path the writer accepts: relative, no `..`, no control characters. */
export function expectSafePaths(result: ConversionResult): void {
  for (const p of result.files.keys()) {
    expect(p, 'output path').not.toMatch(/(^\/)|(^|\/)\.\.?(\/|$)|\/\/|[\p{Cc}\\]/u);
  }
}

/** A diagnostic with a span points inside a file of the input. */
export function expectSpansInInput(result: ConversionResult, input: Record<string, unknown>): void {
  for (const d of result.diagnostics) if (d.span) expect(Object.keys(input), formatDiagnostic(d)).toContain(d.span.file);
}
