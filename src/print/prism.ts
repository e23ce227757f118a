// Syntax check of generated Ruby with @ruby/prism (Ruby's own parser compiled to WebAssembly).
// Loading compiles a WASM module (tens of milliseconds), so it happens on first use only and is cached.
import type { loadPrism } from '@ruby/prism';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

interface PrismExports {
  memory: { buffer: ArrayBuffer };
  calloc(n: number, size: number): number;
  free(ptr: number): void;
  pm_parse_success_p(source: number, size: number, options: number): number;
}

/** The WebAssembly global (its types are not part of the ES library this project compiles against). */
const WASM = (
  globalThis as unknown as {
    WebAssembly: {
      compile(bytes: Uint8Array): Promise<object>;
      instantiate(module: object, imports: object): Promise<{ exports: object }>;
    };
  }
).WebAssembly;

let quickPromise: Promise<PrismExports> | undefined;

/**
 * The same Prism WASM module, instantiated for `pm_parse_success_p`: it answers "does this parse?"
 * without serialising and deserialising the tree, which is most of a full parse's cost. Only a
 * file that fails is parsed again in full for its messages.
 */
function loadQuickCheck(): Promise<PrismExports> {
  quickPromise ??= instantiateQuickCheck(compilePrism());
  return quickPromise;
}

/** The module's compile, started now: the file is read synchronously, and V8 compiles off the main thread. */
function compilePrism(): Promise<object> {
  try {
    return WASM.compile(readFileSync(fileURLToPath(new URL('prism.wasm', import.meta.resolve('@ruby/prism')))));
  } catch (e) {
    return Promise.reject(e);
  }
}

async function instantiateQuickCheck(compiling: Promise<object>): Promise<PrismExports> {
  const module = await compiling;
  // node:wasi is imported here, on first use: importing it prints Node's experimental warning.
  const { WASI } = await import('node:wasi');
  const wasi = new WASI({ version: 'preview1' });
  const instance = await WASM.instantiate(module, wasi.getImportObject());
  wasi.initialize(instance as Parameters<typeof wasi.initialize>[0]);
  return instance.exports as unknown as PrismExports;
}

/**
 * Starts loading the syntax check (issue 17: Prism's WASM compile is a fixed cost of every run), so
 * that it compiles while the caller translates; its first use awaits it. A failure to load is
 * reported there, by that use.
 */
export function startRubyCheck(): void {
  loadQuickCheck().catch(() => undefined);
}

async function parsesCleanly(source: string): Promise<boolean> {
  const prism = await loadQuickCheck();
  const bytes = new TextEncoder().encode(source);
  const ptr = prism.calloc(1, Math.max(1, bytes.length));
  try {
    new Uint8Array(prism.memory.buffer, ptr, bytes.length).set(bytes);
    return prism.pm_parse_success_p(ptr, bytes.length, 0) !== 0;
  } finally {
    prism.free(ptr);
  }
}

/** Parse source with Prism and report its syntax errors with line and column. */
export async function checkRuby(source: string, fileLabel: string): Promise<RubyCheckResult> {
  if (await parsesCleanly(source)) return { ok: true };
  const parse = await loadRubyParser();
  const result = parse(source, { filepath: fileLabel });
  if (result.errors.length === 0) return { ok: true };
  // Prism locations are UTF-8 byte offsets.
  const bytes = Buffer.from(source, 'utf8');
  const errors = result.errors.map((e) => ({ message: e.message, ...byteOffsetToLineCol(bytes, e.location.startOffset) }));
  return { ok: false, errors };
}

/**
 * Pieces of this many UTF-16 units at least: Prism's tree of a piece, built inside the WebAssembly
 * memory, costs some ten times the piece, and that memory never shrinks again. A whole multi-megabyte
 * attributes file made it grow by about 25 MB per MB of the input, at the run's peak.
 */
const PIECE = 256 * 1024;

/**
 * checkRuby for a file of independent top-level statements separated by blank lines that assigns no
 * local variable (a printed attributes file, isAttributesFile): checked a piece at a time, each piece
 * ending at a blank line. A piece that parses alone ends outside any string, bracket, heredoc or
 * `if`/`case` (else it would not parse), and with no local variable a statement parses alike after any
 * other; so when every piece parses, so does the file. When a piece does not, the whole file is
 * checked as checkRuby does, and its answer (messages, lines) is the whole file's.
 */
export async function checkRubyStatements(source: string, fileLabel: string): Promise<RubyCheckResult> {
  if (source.length <= PIECE) return checkRuby(source, fileLabel);
  for (let start = 0; start < source.length; ) {
    const blank = source.indexOf('\n\n', start + PIECE);
    const end = blank < 0 ? source.length : blank + 1;
    if (!(await parsesCleanly(source.slice(start, end)))) return checkRuby(source, fileLabel);
    start = end;
  }
  return { ok: true };
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
