// Python's one-character backslash escapes, as its string literals and the unicode_escape codec read
// them (a backslash before a newline joins the lines). Free-form arguments, Python literals and Jinja
// string constants all decode with this one table.
export const PYTHON_SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
