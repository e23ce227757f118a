// A translation that could not be made faithfully: the reason becomes a TODO and a diagnostic.
import type { Severity, Span } from './diagnostics.js';
import { type DiagnosticCode, type SeverityOf, severityOf } from './diagnostic-codes.js';

/** A 1-based position inside a Jinja text, before the caller places the text in its file. */
export interface TextPos {
  line: number;
  col: number;
}

/**
 * The one failure of translation, used two ways. The task and module translators return it (a
 * Result), knowing the code and the file span. The recursive Jinja translator throws it
 * (jinja-to-ruby/scope.ts `untranslatable`, caught at its API by `capture`), knowing the construct
 * and its position in the Jinja text, and the code only where the failure itself decides it (a
 * removed filter form, a read that follows a TODO): otherwise `C` is undefined and the bridge
 * (translate/jinja-bridge.ts) fills the code its caller stands for, and places it in the file.
 * It is an Error so that a thrown one carries a stack if it ever escapes `capture`.
 */
export class Untranslatable<C extends DiagnosticCode | undefined = DiagnosticCode> extends Error {
  /** The code's severity in the table ('error' when the input itself is broken, a missing file: the run exits 1), or the other one it allows; undefined until the code is known. */
  readonly severity: C extends DiagnosticCode ? Severity : Severity | undefined;

  constructor(
    readonly code: C,
    readonly reason: string,
    readonly span?: Span,
    severity?: C extends DiagnosticCode ? SeverityOf<C> : never,
    /** Thrown inside the Jinja translator: what was not translated (`filter:x`, `var:y`) and where in the text. */
    readonly jinja?: { construct: string; pos: TextPos },
  ) {
    super(jinja ? `${jinja.construct}: ${reason}` : reason);
    this.severity = ((severity as Severity | undefined) ?? (code === undefined ? undefined : severityOf(code))) as this['severity'];
  }
}

export type Result<T> = T | Untranslatable;

export function failed<T>(r: Result<T>): r is Untranslatable {
  return r instanceof Untranslatable;
}
