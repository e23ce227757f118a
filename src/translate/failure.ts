// A translation that could not be made faithfully: the reason becomes a TODO and a diagnostic.
import type { Severity, Span } from '../base/diagnostics.js';
import { type DiagnosticCode, type SeverityOf, severityOf } from '../base/diagnostic-codes.js';

/**
 * The translate stage's failure, returned (never thrown) as a Result. A Jinja translation's failure
 * (translate/jinja/scope.ts, thrown inside the Jinja translator) becomes one of these at the bridge.
 */
export class Untranslatable<C extends DiagnosticCode = DiagnosticCode> {
  /** The code's severity in the table ('error' when the input itself is broken, a missing file: the run exits 1), or the other one it allows. */
  readonly severity: Severity;

  constructor(
    readonly code: C,
    readonly reason: string,
    readonly span?: Span,
    severity?: SeverityOf<C>,
  ) {
    this.severity = (severity as Severity | undefined) ?? severityOf(code);
  }
}

export type Result<T> = T | Untranslatable;

export function failed<T>(r: Result<T>): r is Untranslatable {
  return r instanceof Untranslatable;
}
