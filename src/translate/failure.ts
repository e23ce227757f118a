// A translation that could not be made faithfully: the reason becomes a TODO and a diagnostic.
import type { Severity, Span } from '../diagnostics.js';

export class Untranslatable {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly span?: Span,
    /** 'error' when the input itself is broken (a missing file): the run exits 1. */
    readonly severity: Severity = 'warning',
  ) {}
}

export type Result<T> = T | Untranslatable;

export function failed<T>(r: Result<T>): r is Untranslatable {
  return r instanceof Untranslatable;
}
