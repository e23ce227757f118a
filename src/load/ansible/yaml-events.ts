// Tokenising with js-yaml's parseEvents, made as lenient as libyaml (which Ansible uses) where
// js-yaml is stricter than libyaml, and mapping offsets back to source lines and columns.

import { YAMLException, parseEvents, type Event } from 'js-yaml';
import type { Span } from '../../base/diagnostics.js';
import { lastAtMost } from '../../base/sorted-search.js';

/** Offsets to 1-based line/col. Columns count UTF-16 units and discount padding we inserted. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(
    source: string,
    private readonly pads: ReadonlyMap<number, number> = new Map(),
  ) {
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  private lineOf(offset: number): number {
    // The first line starts at 0: some line's start is at most any offset.
    return Math.max(0, lastAtMost(this.starts, offset));
  }
  span(file: string, offset: number): Span {
    const line = this.lineOf(offset);
    const col = offset - (this.starts[line] ?? 0) + 1 - (this.pads.get(line) ?? 0);
    return { file, line: line + 1, col: Math.max(1, col) };
  }
  startOfLine(offset: number): number {
    return this.starts[this.lineOf(offset)] ?? 0;
  }
}

export type Tokenised = { ok: true; events: Event[]; source: string; lines: LineIndex } | { ok: false; error: YAMLException };

/** Bounds the re-parses below, so hostile input cannot make them quadratic without limit. */
const MAX_REINDENTS = 200;

/**
 * js-yaml insists that continuation lines of flow collections and multi-line quoted scalars are
 * indented deeper than the enclosing block; libyaml does not check, and real roles rely on that
 * (`- {` ... `}` with the brace under the dash). Leading spaces on such lines carry no content, so
 * on a "deficient indentation" error the line is indented further and the text parsed again;
 * the LineIndex takes the padding back out of columns.
 */
export function tokenise(text: string, maxDepth: number): Tokenised {
  let source = text;
  const pads = new Map<number, number>();
  for (let attempt = 0; ; attempt++) {
    try {
      const events = parseEvents(source, { maxDepth });
      return { ok: true, events, source, lines: new LineIndex(source, pads) };
    } catch (e) {
      if (!(e instanceof YAMLException)) throw e;
      const mark = e.mark;
      if (e.reason !== 'deficient indentation' || !mark || attempt >= MAX_REINDENTS) return { ok: false, error: e };
      const lineStart = mark.position - mark.column;
      const current = /^ */.exec(source.slice(lineStart))?.[0].length ?? 0;
      const previous = previousIndent(source, lineStart);
      // Deeper than the previous line reaches past any enclosing block; step further on repeats.
      const add = Math.max(1, previous + 1 - current) + (pads.get(mark.line) ?? 0);
      source = source.slice(0, lineStart) + ' '.repeat(add) + source.slice(lineStart);
      pads.set(mark.line, (pads.get(mark.line) ?? 0) + add);
    }
  }
}

/** Indentation of the closest non-blank line before the line starting at `lineStart`. */
function previousIndent(source: string, lineStart: number): number {
  let end = lineStart - 1;
  while (end > 0) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const line = source.slice(start, end);
    if (line.trim() !== '') return /^ */.exec(line)?.[0].length ?? 0;
    end = start - 1;
  }
  return 0;
}
