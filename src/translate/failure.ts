// A translation that could not be made faithfully: the reason becomes a TODO and a diagnostic.
import type { Span } from '../diagnostics.js';

export class Untranslatable {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly span?: Span,
  ) {}
}

export type Result<T> = T | Untranslatable;

export function failed<T>(r: Result<T>): r is Untranslatable {
  return r instanceof Untranslatable;
}
