// The Jinja2 front end: parse templates, Jinja strings and conditionals into
// the AST of ast.ts, and apply Jinja's whitespace control to its text.

export * from './ast.js';
export {
  parseTemplate,
  parseString,
  withParseCache,
  lastReadsOfParses,
  parseExpression,
  containsJinja,
  escapeBackslashes,
  type ParsedTemplate,
} from './parser.js';
export { applyWhitespace } from './whitespace.js';
