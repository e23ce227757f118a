// `ansible2chef audit`: load -> audit, without translating or printing anything. The audit runs
// on the loaded project as convert() runs it before translation; it reports the fixes it plans.
import { DiagnosticSink, type Diagnostic } from '../base/diagnostics.js';
import { InputIndex, type EntryKind, type InputTree } from '../load/ansible/input.js';
import { loadProject } from '../load/ansible/project-loader.js';
import { LoadContext } from '../load/ansible/load-context.js';
import { withParseCache } from '../load/jinja/index.js';
import { canonicalModule } from '../mapping/modules.js';
import { builtinTables, type Tables } from '../mapping/tables.js';
import { attributePaths } from '../resolve/project-symbols.js';
import { audit, auditFindings, type AnalyzeOptions, type Findings } from './index.js';

export interface AuditOptions extends Omit<AnalyzeOptions, 'text' | 'rules'> {
  kind?: EntryKind;
  entry?: string;
  rootName?: string;
  namespace?: string;
  cookbookNames?: Record<string, string>;
  attributeKeys?: 'short' | 'ansible';
  /** User mapping tables already loaded (--mappings, the config's mapping-dirs and plugins). */
  mappings?: Tables;
}

export interface AuditResult {
  findings: Findings;
  /** The audit's diagnostics (its findings), sorted. */
  diagnostics: Diagnostic[];
}

export function auditInput(input: InputTree, options: AuditOptions = {}): AuditResult {
  return withParseCache(() => auditRun(input, options));
}

function auditRun(input: InputTree, options: AuditOptions): AuditResult {
  const { kind, entry, rootName, namespace, cookbookNames, attributeKeys, mappings, ...analyzeOpts } = options;
  const loadSink = new DiagnosticSink();
  const tables = mappings ?? builtinTables();
  const table = tables.modules;
  const canon = (n: string) => canonicalModule(table, n);
  const project = loadProject(input, loadSink, {
    canonicalModule: canon,
    ...(kind ? { kind } : {}),
    ...(entry ? { entry } : {}),
    ...(rootName ? { rootName } : {}),
  });
  const texts = new LoadContext(new InputIndex(input), new DiagnosticSink(), canon);
  const a = audit(project, { ...analyzeOpts, rules: tables.rules, text: (f) => texts.text(f) });
  const diagnostics = new DiagnosticSink();
  // Attribute paths as the translation gives them to defined variables; a name defined nowhere is
  // an attribute only where the translator reads it, which only a conversion knows.
  const attributePath = attributePaths(project, {
    namespace: namespace ?? 'ansible',
    ...(cookbookNames ? { cookbookNames } : {}),
    ...(attributeKeys ? { attributeKeys } : {}),
  });
  return { findings: auditFindings(a, diagnostics, { translated: false, attributePath }), diagnostics: diagnostics.sorted() };
}
