// ansible2chef as a library.
export { convert, type ConvertOptions, type ConversionResult } from './convert.js';
export type { InputTree, EntryKind } from './load/ansible/input.js';
export type { Diagnostic, Span, Severity } from './base/diagnostics.js';
export { formatDiagnostic } from './base/diagnostics.js';
export type { Stats } from './report/stats.js';
export { parseModuleTable, type ModuleTable } from './mapping/modules.js';
// The plugin API (versioned): what a user's `<mappings dir>/plugins/<name>.ts` imports.
export { PLUGIN_API_VERSION } from './mapping/plugins/api.js';
export type {
  ModulePlugin,
  PluginApi,
  PluginTask,
  PluginArg,
  PluginResult,
  ParamSupport,
  ResourceOptions,
  RubyExpr,
  ChefStmt,
  Gap,
  ArgValue,
} from './mapping/plugins/api.js';
