// Templates parsed once per conversion. The audit and the translator both read every template of
// every role; each parsing it again was a twentieth of a 1000-role run. Keyed by the text, not the
// path: the audit reads a template without its BOM, the translator with it, and those parse apart.
import { parseTemplate, type ParsedTemplate } from './parser.js';
import type { ParseResult } from './ast.js';

/** A parse function whose results are shared: callers must not change them. */
export type TemplateParser = (text: string) => ParseResult<ParsedTemplate>;

/** A parser that parses each distinct text once for as long as it is reachable (one conversion). */
export function sharedTemplateParser(): TemplateParser {
  const parsed = new Map<string, ParseResult<ParsedTemplate>>();
  return (text) => {
    let r = parsed.get(text);
    if (r === undefined) {
      r = parseTemplate(text);
      parsed.set(text, r);
    }
    return r;
  };
}
