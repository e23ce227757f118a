// The function names a JMESPath expression calls, read from its text without parsing it: an
// identifier followed by `(`, outside raw strings ('...'), quoted identifiers ("...") and JSON
// literals (`...`), each of which ends at its first unescaped closing quote.

const QUOTES = new Set(["'", '"', '`']);

export function jmespathFunctions(expr: string): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] as string;
    if (QUOTES.has(c)) {
      i++;
      while (i < expr.length && expr[i] !== c) i += expr[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i));
    if (!m) {
      i++;
      continue;
    }
    i += m[0].length;
    if (/^\s*\(/.test(expr.slice(i))) names.push(m[0]);
  }
  return names;
}
