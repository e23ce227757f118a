// ansible2chef as a library.
export { convert, type ConvertOptions, type ConversionResult } from './convert.js';
export type { InputTree, EntryKind } from './ansible/input.js';
export type { Diagnostic, Span, Severity } from './diagnostics.js';
export { formatDiagnostic } from './diagnostics.js';
export type { Stats } from './report/stats.js';
export { parseModuleTable, type ModuleTable } from './mapping/modules.js';
