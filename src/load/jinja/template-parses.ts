// Templates parsed once per conversion, not once per reader: the audit and the translator both
// read every template of every role, and the second parse was 3% of a 1000-role run. Keyed by the
// text, not the path: the audit reads a template without its BOM, the translator with it.
import { parseTemplate, type ParsedTemplate } from './parser.js';
import type { ParseResult } from './ast.js';

/** A parse function whose results are shared: callers must not change them. */
export type TemplateParser = ((text: string) => ParseResult<ParsedTemplate>) & {
  /**
   * The parse without taking it: a reader in between (the use-contracts scan reads every template
   * after the audit and before the translator) leaves it for the translator's read.
   */
  peek?: (text: string) => ParseResult<ParsedTemplate>;
};

/**
 * A parser that hands each parse out twice: the audit's read parses and keeps it, the translator's
 * read takes it. Kept no longer, since the ASTs of every template (9 MB at 1000 roles) would
 * otherwise stay through the translation, when the heap is at its largest; a third read parses again.
 */
export function sharedTemplateParser(): TemplateParser {
  const kept = new Map<string, ParseResult<ParsedTemplate>>();
  const parse: TemplateParser = (text) => {
    const r = kept.get(text);
    if (r === undefined) {
      const parsed = parseTemplate(text);
      kept.set(text, parsed);
      return parsed;
    }
    kept.delete(text);
    return r;
  };
  parse.peek = (text) => {
    let r = kept.get(text);
    if (r === undefined) {
      r = parseTemplate(text);
      kept.set(text, r);
    }
    return r;
  };
  return parse;
}
