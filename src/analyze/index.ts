// The analyze stage: passes over the translated project (IPv6/TLS audit, ...), run after
// translate and before print. Findings become diagnostics and a section of CONVERSION.md.
import type { DiagnosticSink } from '../diagnostics.js';
import type { Project } from '../ansible/model.js';
import type { ChefProject } from '../translate/project.js';

export interface AnalyzeOptions {
  /** Rewrite IPv4-only binds to their IPv6 equivalents (and report every rewrite). */
  ipv6Only?: boolean;
  /** 'strict' turns self-signed/snake-oil findings into errors. */
  tlsPolicy?: 'warn' | 'strict';
}

/** What the analyze stage found; printed in CONVERSION.md and by `ansible2chef audit`. */
export interface Findings {
  /** Markdown section for CONVERSION.md (empty when there is nothing to say). */
  markdown: string;
  /** Machine form for `audit --json`. */
  json: unknown;
}

export function analyze(_project: Project, _chef: ChefProject, _sink: DiagnosticSink, _opts: AnalyzeOptions): Findings {
  return { markdown: '', json: {} };
}
