// `ansible2chef audit`: the stages before printing (load -> translate -> analyze), shared with
// convert(); nothing is printed or written.
import { DiagnosticSink, type Diagnostic } from '../diagnostics.js';
import type { EntryKind, InputTree } from '../ansible/input.js';
import type { ChefProject } from '../translate/project.js';
import { prepareConversion } from '../convert.js';
import type { AnalyzeOptions, Findings } from './index.js';
import type { Tables } from '../mapping/tables.js';

export interface AuditOptions extends Omit<AnalyzeOptions, 'text' | 'rules'> {
  kind?: EntryKind;
  entry?: string;
  rootName?: string;
  namespace?: string;
  groups?: 'static' | 'search';
  cookbookNames?: Record<string, string>;
  attributeKeys?: 'short' | 'ansible';
  /** User mapping tables already loaded (--mappings, the config's mapping-dirs and plugins). */
  mappings?: Tables;
}

export interface AuditResult {
  findings: Findings;
  /** The analyze stage's diagnostics (the audit's findings), sorted. */
  diagnostics: Diagnostic[];
  /** The translated IR after the audit's rewrites. */
  chef: ChefProject;
}

export function auditInput(input: InputTree, options: AuditOptions = {}): AuditResult {
  const { kind, entry, rootName, namespace, groups, cookbookNames, attributeKeys, mappings, ...analyzeOpts } = options;
  const prepared = prepareConversion(input, {
    ...(kind ? { kind } : {}),
    ...(entry ? { entry } : {}),
    ...(rootName ? { rootName } : {}),
    ...(namespace ? { namespace } : {}),
    ...(groups ? { groups } : {}),
    ...(cookbookNames ? { cookbookNames } : {}),
    ...(attributeKeys ? { attributeKeys } : {}),
    ...(mappings ? { mappings } : {}),
    ...analyzeOpts,
  });
  // The audit reports the analyze stage's diagnostics, plus the translator's self-signed finding
  // (one diagnostic per place, shared with the x509 translation).
  const own = new Set(prepared.analyzeDiagnostics);
  const diagnostics = new DiagnosticSink();
  for (const d of prepared.sink.items) if (own.has(d) || d.code === 'A2C-TLS-SELFSIGNED') diagnostics.add(d);
  return { findings: prepared.findings, diagnostics: diagnostics.sorted(), chef: prepared.chef };
}
