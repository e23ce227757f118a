// ansible2chef as a library.
export { convert, type ConvertOptions, type ConversionResult } from './convert.js';
export type { InputTree, EntryKind } from './ansible/input.js';
export type { Diagnostic, Span, Severity } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export type { Stats } from './report/stats.js';
export { parseModuleTable, type ModuleTable } from './mapping/modules.js';
// The plugin API (versioned): what a user's `<mappings dir>/plugins/<name>.ts` imports.
export { PLUGIN_API_VERSION } from './plugins/api.js';
export type { ModulePlugin, PluginApi, PluginTask, PluginArg, PluginResult, ParamSupport, ResourceOptions, RubyExpr, ChefStmt, Gap, ArgValue } from './plugins/api.js';
