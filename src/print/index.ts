// The Ruby/ERB printer: the only code that knows Ruby and ERB syntax.
export {
  RubyPrintError,
  commentLine,
  isRubyIdentifier,
  isWellFormed,
  rubyComment,
  rubyIdentifier,
  rubyString,
  sanitizeIdentifier,
} from './quote.js';
export { printExpr, printPrimary, type PrintOptions } from './print-expr.js';
export { LINE_WIDTH, printRecipe } from './print-recipe.js';
export { printAttributes, printMetadata, printPolicyfile, printedAssignment, type MetadataInput } from './print-cookbook.js';
export { printErb } from './print-erb.js';
export { printCustomResource } from './print-resource.js';
export {
  checkRuby,
  checkRubyStatements,
  formatRubyErrors,
  loadRubyParser,
  type RubyCheckResult,
  type RubySyntaxError,
  startRubyCheck,
} from './prism.js';
