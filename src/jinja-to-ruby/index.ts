// Jinja -> Ruby/ERB translation: the public API of this folder.
export { translateExpr, translateCondition, renderedConditionDiffers } from './expr.js';
export { translateTemplate, type TemplateOptions, type IncludeResolver, type IncludedTemplate } from './template.js';
export { translateStringValue } from './string-value.js';
export type { JinjaScope, VarRef, Translation } from './scope.js';
