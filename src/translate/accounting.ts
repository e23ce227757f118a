// Every task ends converted, TODO or ignored with a diagnostic. This ledger proves it at the end
// of every run: a task that vanished is an internal error, never a silent drop.
import type { DiagnosticCode, Span } from '../base/diagnostics.js';
import type { TaskItem } from '../load/ansible/model.js';

export type Outcome = 'converted' | 'todo' | 'ignored';

export interface Entry {
  span: Span;
  module: string;
  outcome: Outcome;
  /** Diagnostic code explaining a todo or ignored outcome. */
  code?: DiagnosticCode;
  /** The diagnostic's message for a TODO (why it could not be converted). */
  reason?: string;
  /**
   * For a read that follows a TODO (A2C-TODO-UNSET-READ): the code of the TODO task registering the
   * result where every such task of the cookbook is kept by design or beyond reach (follows-kept.ts).
   */
  follows?: DiagnosticCode;
  /** The task's keywords as written (when, register, loop, with_items, ...), sorted: for the per-keyword split. */
  keywords: string[];
}

export class Accounting {
  private readonly entries = new Map<string, Entry>();

  private key(span: Span): string {
    return `${span.file}:${span.line}:${span.col}`;
  }

  record(item: TaskItem, outcome: Outcome, code?: DiagnosticCode, reason?: string, follows?: DiagnosticCode): void {
    const module = item.kind === 'task' ? item.module : 'block';
    const k = this.key(item.span);
    const prev = this.entries.get(k);
    // A task file included twice is translated twice; its worst outcome counts.
    if (prev && rank(prev.outcome) >= rank(outcome)) return;
    this.entries.set(k, {
      span: item.span,
      module,
      outcome,
      ...(code ? { code } : {}),
      ...(reason ? { reason } : {}),
      ...(follows ? { follows } : {}),
      keywords: [...item.keywords.keys()].sort(),
    });
  }

  outcomeOf(item: TaskItem): Entry | undefined {
    return this.entries.get(this.key(item.span));
  }

  all(): Entry[] {
    return [...this.entries.values()];
  }

  /** Tasks (not blocks) that were loaded but never accounted for. */
  missing(loaded: Iterable<TaskItem>): TaskItem[] {
    const out: TaskItem[] = [];
    const walk = (item: TaskItem) => {
      if (item.kind === 'block') {
        for (const c of [...item.block, ...item.rescue, ...item.always]) walk(c);
        return;
      }
      if (!this.entries.has(this.key(item.span))) out.push(item);
    };
    for (const i of loaded) walk(i);
    return out;
  }
}

function rank(o: Outcome): number {
  return o === 'todo' ? 2 : o === 'ignored' ? 1 : 0;
}
