// Diagnostics are values: a stable code, a severity, a message and a source span.
// Library code never prints, exits or throws for user input; it adds to a sink. The codes and the
// severities each may have are the table of diagnostic-codes.ts: the sink takes no other.
import { allows, type CodeWith, type DiagnosticCode, type SeverityOf, severityOf } from './diagnostic-codes.js';

export type { DiagnosticCode };

export type Severity = 'error' | 'warning' | 'info';

/** A position in an input file. `file` is relative to the input root; line and col are 1-based. */
export interface Span {
  file: string;
  line: number;
  col: number;
}

export interface Diagnostic {
  /** Stable code, e.g. A2C-TODO-MODULE: one of the table in diagnostic-codes.ts (documented in the README). */
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span?: Span;
  notes?: string[];
}

/** A diagnostic with the severity the table gives its code, or the other one the table allows. */
export function diagnostic<C extends DiagnosticCode>(
  code: C,
  message: string,
  span?: Span,
  severity?: SeverityOf<C>,
  notes?: string[],
): Diagnostic {
  return {
    code,
    severity: (severity as Severity | undefined) ?? severityOf(code),
    message,
    ...(span ? { span } : {}),
    ...(notes ? { notes } : {}),
  };
}

export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  private readonly seen = new Map<string, Diagnostic>();

  /** The same finding at the same place is reported once (a task file translated twice). */
  add(d: Diagnostic): Diagnostic {
    // A severity the table does not allow for the code is a bug of the tool, never of the input.
    if (!allows(d.code, d.severity))
      throw new Error(`internal error: ${d.code} reported as ${d.severity}; diagnostic-codes.ts does not allow it`);
    const key = `${d.severity}\0${d.code}\0${formatSpan(d.span)}\0${d.message}`;
    const same = this.seen.get(key);
    if (same) return same;
    this.seen.set(key, d);
    this.items.push(d);
    return d;
  }

  error(code: CodeWith<'error'>, message: string, span?: Span, notes?: string[]): Diagnostic {
    return this.add({ code, severity: 'error', message, span, notes });
  }

  warning(code: CodeWith<'warning'>, message: string, span?: Span, notes?: string[]): Diagnostic {
    return this.add({ code, severity: 'warning', message, span, notes });
  }

  info(code: CodeWith<'info'>, message: string, span?: Span, notes?: string[]): Diagnostic {
    return this.add({ code, severity: 'info', message, span, notes });
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }

  /** Sorted by file, line, col, then code: the order never depends on traversal. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(compareDiagnostics);
  }
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const bySpan = compareSpans(a.span, b.span);
  if (bySpan !== 0) return bySpan;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** By file, line, col; no span (the whole project) first. */
export function compareSpans(a: Span | undefined, b: Span | undefined): number {
  const fa = a?.file ?? '';
  const fb = b?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a?.line ?? 0;
  const lb = b?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a?.col ?? 0;
  const cb = b?.col ?? 0;
  return ca - cb;
}

export function formatSpan(span: Span | undefined): string {
  return span ? `${span.file}:${span.line}:${span.col}` : '<project>';
}

/**
 * One line per diagnostic: `file:line:col: severity CODE message`. Messages quote input text (role
 * and host names, paths): control characters in it are escaped so they cannot break the line or
 * send escape sequences to the terminal. Line breaks too: a diagnostic is one line (a line break
 * quoted from the input would start a line that looks like another diagnostic); the tool's own
 * multi-line detail goes in notes, one indented line each.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const notes = d.notes?.length ? d.notes.map((n) => `\n    note: ${printable(n)}`).join('') : '';
  return `${printable(formatSpan(d.span))}: ${d.severity} ${d.code} ${printable(d.message)}${notes}`;
}

/** Control characters (line breaks included) escaped: text quoted from the input stays on its line. */
export function printable(s: string): string {
  return s.replace(/[\p{Cc}\u2028\u2029]/gu, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
