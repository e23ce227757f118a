// Syntax check of generated Ruby with @ruby/prism (Ruby's own parser compiled to WebAssembly).
// Loading compiles a WASM module (tens of milliseconds), so it happens on first use only and is cached.
import type { loadPrism } from '@ruby/prism';

export type RubyParse = Awaited<ReturnType<typeof loadPrism>>;

let parserPromise: Promise<RubyParse> | undefined;

/** The Prism parse function, loaded on first call. */
export function loadRubyParser(): Promise<RubyParse> {
  parserPromise ??= import('@ruby/prism').then((m) => m.loadPrism());
  return parserPromise;
}

export interface RubySyntaxError {
  message: string;
  /** 1-based line and column (column in characters) within the checked source. */
  line: number;
  col: number;
}

export type RubyCheckResult = { ok: true } | { ok: false; errors: RubySyntaxError[] };

/** Parse source with Prism and report its syntax errors with line and column. */
export async function checkRuby(source: string, fileLabel: string): Promise<RubyCheckResult> {
  const parse = await loadRubyParser();
  const result = parse(source, { filepath: fileLabel });
  if (result.errors.length === 0) return { ok: true };
  // Prism locations are UTF-8 byte offsets.
  const bytes = Buffer.from(source, 'utf8');
  const errors = result.errors.map((e) => ({ message: e.message, ...byteOffsetToLineCol(bytes, e.location.startOffset) }));
  return { ok: false, errors };
}

/** `file:line:col: message` lines, for the internal error the writer raises when a generated file does not parse. */
export function formatRubyErrors(fileLabel: string, errors: readonly RubySyntaxError[]): string {
  return errors.map((e) => `${fileLabel}:${e.line}:${e.col}: ${e.message}`).join('\n');
}

function byteOffsetToLineCol(bytes: Buffer, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, bytes.length);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const col = [...bytes.subarray(lineStart, end).toString('utf8')].length + 1;
  return { line, col };
}
