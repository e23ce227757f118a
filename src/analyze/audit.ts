// `ansible2chef audit`: the analyze stage alone (load -> translate -> analyze, nothing printed or
// written). Unlike convert() it hands analyze the input's text, so templates are audited too.
import { DiagnosticSink, type Diagnostic } from '../diagnostics.js';
import { InputIndex, type EntryKind, type InputTree } from '../ansible/input.js';
import { LoadContext } from '../ansible/load-context.js';
import { loadProject } from '../ansible/project-loader.js';
import { builtinModuleTable } from '../mapping/builtin.js';
import { canonicalModule } from '../mapping/modules.js';
import { translateProject, type ChefProject } from '../translate/project.js';
import { SUPPORT_COOKBOOK_NAME } from '../ruby/support-cookbook.js';
import { analyze, type AnalyzeOptions, type Findings } from './index.js';

export interface AuditOptions extends Omit<AnalyzeOptions, 'text'> {
  kind?: EntryKind;
  entry?: string;
  rootName?: string;
  namespace?: string;
}

export interface AuditResult {
  findings: Findings;
  /** The analyze stage's diagnostics (the audit's findings), sorted. */
  diagnostics: Diagnostic[];
  /** The translated IR after the audit's rewrites. */
  chef: ChefProject;
}

export function auditInput(input: InputTree, options: AuditOptions = {}): AuditResult {
  const table = builtinModuleTable();
  const canon = (n: string) => canonicalModule(table, n);
  const quiet = new DiagnosticSink();
  const project = loadProject(input, quiet, {
    canonicalModule: canon,
    ...(options.kind ? { kind: options.kind } : {}),
    ...(options.entry ? { entry: options.entry } : {}),
    ...(options.rootName ? { rootName: options.rootName } : {}),
  });
  const index = new InputIndex(input);
  const texts = new LoadContext(index, new DiagnosticSink(), canon);
  const chef = translateProject(project, index, table, quiet, (f) => texts.text(f) ?? '', { namespace: options.namespace ?? 'ansible', supportCookbook: SUPPORT_COOKBOOK_NAME });
  // Only the audit's own diagnostics are reported; the translator's A2C-TLS-SELFSIGNED is one of them.
  const before = new Set(quiet.items.filter((d) => d.code !== 'A2C-TLS-SELFSIGNED'));
  const { kind: _k, entry: _e, rootName: _r, namespace: _n, ...analyzeOpts } = options;
  const findings = analyze(project, chef, quiet, { ...analyzeOpts, text: (f) => texts.text(f) });
  const diagnostics = new DiagnosticSink();
  for (const d of quiet.items) if (!before.has(d)) diagnostics.add(d);
  return { findings, diagnostics: diagnostics.sorted(), chef };
}
