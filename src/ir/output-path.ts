// Which relative paths the output may hold. Names from the input (hosts, roles, template and file
// names) become output paths; the writer refuses the others, and the translator asks the same
// question so that a task never refers to a template or file that will not be written.

/**
 * A relative path that stays inside the output directory: no `..`, `.` or empty segment, not
 * absolute, no backslash (a separator on Windows) and no control character (NUL truncates a path in
 * C; a line break makes one path look like two in every listing).
 */
export function isSafeOutputPath(rel: string): boolean {
  return !(/[\p{Cc}\\]/u.test(rel) || rel.startsWith('/') || rel.split('/').some((s) => s === '..' || s === '' || s === '.'));
}
