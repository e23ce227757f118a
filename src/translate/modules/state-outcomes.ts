// The texts a templated argument can render to when its template only chooses between literal
// texts (`"{{ 'present' if v | length else 'latest' }}"`): an option that applies to some states
// only (apt's --allow-downgrades on installs) is then known to apply, or not, whichever branch the
// node takes. Anything else (a variable, a filter, text around the output) is unknown.
import type { Expr } from '../../load/jinja/ast.js';
import { parseString } from '../../load/jinja/index.js';

function exprTexts(e: Expr): string[] | undefined {
  if (e.kind === 'const') return typeof e.value === 'string' ? [e.value] : undefined;
  if (e.kind === 'condexpr') {
    // `a if c` without else renders '' (Jinja's undefined) when c is false: not a state word.
    if (!e.otherwise) return undefined;
    const t = exprTexts(e.then);
    const f = exprTexts(e.otherwise);
    return t && f ? [...new Set([...t, ...f])] : undefined;
  }
  return undefined;
}

/** The literal texts the string template can render to, or undefined when they are not all literal. */
export function templateTexts(text: string): string[] | undefined {
  const parsed = parseString(text);
  if (!parsed.ok || parsed.value.length !== 1) return undefined;
  const only = parsed.value[0]!;
  return only.kind === 'output' ? exprTexts(only.expr) : undefined;
}
