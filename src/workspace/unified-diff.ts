// A small line diff (Myers' O(ND) algorithm) and its unified-diff rendering, for `ansible2chef diff`.
// Written here rather than taken as a dependency: it is ~100 lines and the output format is fixed.

export type Edit = { op: ' ' | '-' | '+'; line: string };

/** The shortest edit script turning `a` into `b`, as a sequence of kept, removed and added lines. */
export function diffLines(a: string[], b: string[]): Edit[] {
  // Common prefix and suffix cost nothing and keep the search small for typical edits.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const middle = myers(A, B);
  return [
    ...a.slice(0, pre).map((line) => ({ op: ' ' as const, line })),
    ...middle,
    ...a.slice(a.length - suf).map((line) => ({ op: ' ' as const, line })),
  ];
}

function myers(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards from (n, m) to recover the path.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ op: ' ', line: a[--x]! });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) edits.push({ op: '+', line: b[--y]! });
    else edits.push({ op: '-', line: a[--x]! });
  }
  return edits.reverse();
}

export interface Hunk {
  aStart: number;
  aLen: number;
  bStart: number;
  bLen: number;
  edits: Edit[];
}

/** Group edits into hunks with `context` unchanged lines around each change. */
export function hunks(edits: Edit[], context = 3): Hunk[] {
  const out: Hunk[] = [];
  const changed = edits.map((e, i) => (e.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (!changed.length) return out;
  let i = 0;
  while (i < changed.length) {
    const start = Math.max(0, changed[i]! - context);
    let end = Math.min(edits.length, changed[i]! + context + 1);
    while (i + 1 < changed.length && changed[i + 1]! - context <= end) end = Math.min(edits.length, changed[++i]! + context + 1);
    i++;
    let aLine = 1;
    let bLine = 1;
    for (const e of edits.slice(0, start)) {
      if (e.op !== '+') aLine++;
      if (e.op !== '-') bLine++;
    }
    const slice = edits.slice(start, end);
    const aLen = slice.filter((e) => e.op !== '+').length;
    const bLen = slice.filter((e) => e.op !== '-').length;
    out.push({ aStart: aLen ? aLine : aLine - 1, aLen, bStart: bLen ? bLine : bLine - 1, bLen, edits: slice });
  }
  return out;
}

export interface DiffStyle {
  /** Wrap a line of the given kind (header, hunk, removed, added) for display; identity when plain. */
  paint: (kind: 'header' | 'hunk' | '-' | '+', text: string) => string;
}

export const PLAIN: DiffStyle = { paint: (_k, t) => t };

/** The unified diff of two texts (`undefined` is an absent file), git-style headers. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, style: DiffStyle = PLAIN): string {
  const a = splitLines(before);
  const b = splitLines(after);
  const hs = hunks(diffLines(a, b));
  if (!hs.length) return '';
  const out = [
    style.paint('header', `--- ${before === undefined ? '/dev/null' : `a/${path}`}`),
    style.paint('header', `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`),
  ];
  for (const h of hs) {
    out.push(style.paint('hunk', `@@ -${h.aStart},${h.aLen} +${h.bStart},${h.bLen} @@`));
    for (const e of h.edits) out.push(e.op === ' ' ? ` ${e.line}` : style.paint(e.op, `${e.op}${e.line}`));
  }
  return out.join('\n') + '\n';
}

/** Lines added and removed (for --stat). */
export function lineCounts(before: string | undefined, after: string | undefined): { added: number; removed: number } {
  const edits = diffLines(splitLines(before), splitLines(after));
  return { added: edits.filter((e) => e.op === '+').length, removed: edits.filter((e) => e.op === '-').length };
}

/**
 * A last line without a newline carries git's marker, so it differs from the same line with one and
 * prints as `-last` followed by `\ No newline at end of file`.
 */
function splitLines(text: string | undefined): string[] {
  if (text === undefined || text === '') return [];
  if (text.endsWith('\n')) return text.slice(0, -1).split('\n');
  const lines = text.split('\n');
  lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}
