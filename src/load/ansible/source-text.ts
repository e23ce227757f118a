// The original text of a list item, for TODO blocks: from its first line up to the next item,
// without trailing blank lines or lines that belong to the enclosing structure.
import type { Span } from '../../base/diagnostics.js';

export function sourceLines(text: string, span: Span, lastLine: number | null): string {
  const lines = linesOf(text);
  const first = span.line - 1;
  const indent = Math.max(0, span.col - 3); // column of the `- ` that starts the item
  let end = lastLine === null ? lines.length - 1 : Math.min(lastLine - 1, lines.length - 1);
  if (lastLine === null) {
    for (let i = first + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.trim() === '' || l.trimStart().startsWith('#')) continue;
      const ind = l.length - l.trimStart().length;
      if (ind <= indent) {
        end = i - 1;
        break;
      }
    }
  }
  while (end > first && (lines[end]!.trim() === '' || lines[end]!.trimStart().startsWith('#'))) end--;
  return lines.slice(first, end + 1).join('\n');
}

/** A file's lines, split once: a task list asks for them once per task (quadratic on a large file). */
let memo: { text: string; lines: string[] } | undefined;
function linesOf(text: string): string[] {
  if (memo?.text !== text) memo = { text, lines: text.split(/\r?\n/) };
  return memo.lines;
}
