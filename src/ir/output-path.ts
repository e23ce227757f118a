// Which relative paths the output may hold. Names from the input (hosts, roles, template and file
// names) become output paths; the writer refuses the others, and the translator asks the same
// question so that a task never refers to a template or file that will not be written.

/**
 * A relative path that stays inside the output directory: no `..`, `.` or empty segment, not
 * absolute, no backslash (a separator on Windows) and no control character (NUL truncates a path in
 * C; a line break makes one path look like two in every listing).
 */
export function isSafeOutputPath(rel: string): boolean {
  // One pass over the UTF-16 units, no regular expression and no split: each output file is asked
  // several times (translator, convert, change set, writer): tens of thousands of calls at 1000 roles (issue 17).
  // Control characters (Unicode's Cc) are U+0000-U+001F and U+007F-U+009F, all single units.
  let start = 0;
  for (let i = 0; i <= rel.length; i++) {
    const c = i < rel.length ? rel.charCodeAt(i) : SLASH;
    if (c === SLASH) {
      // An empty segment is also a leading `/` (absolute) or a trailing one; `.` and `..` climb or stay.
      const n = i - start;
      if (n === 0 || (rel.charCodeAt(start) === DOT && (n === 1 || (n === 2 && rel.charCodeAt(start + 1) === DOT)))) return false;
      start = i + 1;
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === BACKSLASH) return false;
  }
  return true;
}

const SLASH = 0x2f;
const DOT = 0x2e;
const BACKSLASH = 0x5c;
