// The IPv6/TLS audit: runs on the loaded project, before translation, and yields findings plus
// a fix plan keyed by source position (src/audit/fixes.ts) that the translator applies where it
// emits each node. After translation, auditFindings() reports what was planned, what the
// translation applied, and what found no translated counterpart; findings become diagnostics and
// a section of CONVERSION.md.
//
// Decision: the bracket fix (A2C::Net.ipwrap around an address joined to a port or written under a
// bracket-required key) is always applied. ipwrap leaves IPv4 addresses and host names unchanged,
// so today's rendering stays the same and an IPv6 value renders correctly. Rewriting IPv4-only
// binds changes what a service listens on, so it happens only with --ipv6-only.
import { formatSpan, type DiagnosticSink } from '../base/diagnostics.js';
import type { Project, VarEntry } from '../load/ansible/model.js';
import { FixPlan } from './fixes.js';
import type { TemplateParser } from '../load/jinja/template-parses.js';
import type { Rules } from './rules.js';
import { ValueFlow } from './values.js';
import { Collector, resolveAttributes, type UrlEndpoint } from './scan.js';
import { scanTasks, scanTemplates, scanVariables } from './sources.js';
import { RULES, type Finding, type PlannedRewrite, type TlsPath } from './findings.js';
import { auditJson, auditMarkdown, sortReport, type AuditReport } from './report.js';

export type { AuditReport } from './report.js';
export type { Finding, Endpoint, TlsPath, RuleId } from './findings.js';

export interface AnalyzeOptions {
  /** Rewrite IPv4-only binds to their IPv6 equivalents (and report every rewrite). */
  ipv6Only?: boolean;
  /** 'strict' turns self-signed/snake-oil findings into errors. */
  tlsPolicy?: 'warn' | 'strict';
  /** Text of an input file (templates are read through it); without it templates are not audited. */
  text?: (file: string) => string | undefined;
  /** Parses a template's text (shared with the translator, which reads the same templates). */
  parseTemplate?: TemplateParser;
  /** Rule tables (mappings/ipv6.toml and mappings/tls.toml, with user tables merged). */
  rules: Rules;
}

/** What the analyze stage found; printed in CONVERSION.md and by `ansible2chef audit`. */
export interface Findings {
  /** Markdown section for CONVERSION.md (empty when there is nothing to say). */
  markdown: string;
  /** Machine form for `audit --json`. */
  json: unknown;
  /** The audit itself, for tools and tests. */
  report?: AuditReport;
  /** Findings of error severity (self-signed material under the strict policy). */
  violations?: number;
}

/** The audit of a loaded project: findings, and the fixes planned for the translation. */
export interface Audit {
  /** The fixes by source position, for translateProject (TranslateOptions.fixes). */
  plan: FixPlan;
  /** What the report reads of the scan: the value flow it asked is not kept past the audit (it is megabytes on large vars files). */
  collector: Pick<Collector, 'findings' | 'endpoints' | 'pathVariables' | 'rewrites' | 'ipv6Only'>;
  tlsPolicy: 'warn' | 'strict';
}

export function audit(project: Project, opts: AnalyzeOptions): Audit {
  const { rules } = opts;
  const flow = new ValueFlow(project, rules);
  const plan = new FixPlan(rules.bindRewrite, rules.ipv6FactAttribute);
  const c = new Collector(flow, rules, !!opts.ipv6Only, plan);
  if (opts.text) scanTemplates(project, opts.text, c, opts.parseTemplate);
  scanVariables(serviceOf(project), c);
  scanTasks(project, c);
  tieTlsPaths(c);
  plainHttp(c);
  const { findings, endpoints, pathVariables, rewrites, ipv6Only } = c;
  return { plan, collector: { findings, endpoints, pathVariables, rewrites, ipv6Only }, tlsPolicy: opts.tlsPolicy ?? 'warn' };
}

/** What the report needs to know of the translation. */
export interface AfterTranslation {
  /**
   * true: the plan went through the translation, and a fix none of whose nodes reached the
   * translated project is reported as not rewritten. false (the `audit` command, which translates
   * nothing): every planned fix is listed as what the conversion makes.
   */
  translated: boolean;
  /** A variable's attribute path (`['demo', 'vip']`), or undefined when it has none. */
  attributePath: (variable: string) => string[] | undefined;
}

/** The audit's findings as diagnostics and report. */
export function auditFindings(a: Audit, sink: DiagnosticSink, { translated, attributePath }: AfterTranslation): Findings {
  const c = a.collector;
  const withAttributes = <T extends TlsPath>(p: T): T => ({ ...p, attributes: resolveAttributes(p.attributes, attributePath) });
  const missed = new Set<PlannedRewrite>(translated ? c.rewrites.filter((p) => !p.rewrite.keys.some((k) => a.plan.applied(k))) : []);
  const findings = c.findings.map((f) => ({ ...f }));
  for (const m of missed) {
    const f = findings.find(
      (x) => formatSpan(x.span) === formatSpan(m.span) && (x.fix.startsWith('emitted') || x.fix.startsWith('rewritten')),
    );
    if (f)
      f.fix = `${f.fix.replace(/^(emitted|rewritten)/, 'would be $1')} — not rewritten: the template or task has no translated counterpart`;
  }
  for (const f of findings) if (f.rule === 'self-signed' && a.tlsPolicy === 'strict') f.severity = 'error';
  report(findings, sink);

  const r = sortReport({
    endpoints: c.endpoints.map(({ hostIsOutput: _, ...e }) => ({ ...e, paths: e.paths.map(withAttributes) })),
    findings,
    pathVariables: c.pathVariables.map(withAttributes),
    rewrites: c.rewrites.filter((p) => !missed.has(p)).map((p) => ({ span: p.span, change: p.describe })),
    notRewritten: [...missed].map((p) => ({ span: p.span, change: p.describe })),
    ipv6Only: c.ipv6Only,
    tlsPolicy: a.tlsPolicy,
    ...(translated ? {} : { planned: true }),
  });
  const empty = !r.endpoints.length && !r.findings.length && !r.pathVariables.length;
  return {
    markdown: empty ? '' : auditMarkdown(r),
    json: auditJson(r),
    report: r,
    violations: r.findings.filter((f) => f.severity === 'error').length,
  };
}

/** A variable's service: the role whose files define it, else none. */
function serviceOf(project: Project): (e: Pick<VarEntry, 'span'>) => string {
  // The innermost role directory holding the file, found by looking up the file's parent directories
  // (innermost first) rather than testing every role per variable; the first role with a dir wins.
  const byDir = new Map<string, string>();
  for (const r of project.roles.values()) if (r.dir && !byDir.has(r.dir)) byDir.set(r.dir, r.name);
  return (e) => {
    const file = e.span.file;
    for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) {
      const name = byDir.get(file.slice(0, end));
      if (name !== undefined) return name;
    }
    return '';
  };
}

/** Each certificate path belongs to the endpoint on its line, else the nearest one above (or below) in its file. */
function tieTlsPaths(c: Collector): void {
  for (const p of c.paths) {
    const same = c.endpoints.filter((e) => e.span.file === p.span.file);
    const onLine = same.find((e) => e.span.line === p.span.line);
    const above = same.filter((e) => e.span.line < p.span.line).sort((a, b) => b.span.line - a.span.line)[0];
    const below = same.filter((e) => e.span.line > p.span.line).sort((a, b) => a.span.line - b.span.line)[0];
    const target = onLine ?? above ?? below;
    if (target) {
      target.paths.push(p);
      target.tls = true;
    } else {
      const e: UrlEndpoint = {
        service: p.service,
        address: '(not found)',
        port: '',
        tls: true,
        paths: [p],
        span: p.span,
        hostIsOutput: false,
      };
      c.endpoints.push(e);
    }
  }
}

function plainHttp(c: Collector): void {
  if (!c.endpoints.some((e) => e.tls)) return;
  for (const e of c.endpoints) {
    if (!e.scheme || !c.rules.plainSchemes.includes(e.scheme) || !e.hostIsOutput) continue;
    c.add({
      rule: 'plain-http',
      severity: 'warning',
      span: e.span,
      message: `plain ${e.scheme}:// endpoint {{ ${e.address} }}${e.port ? `:${e.port}` : ''} beside TLS endpoints`,
      fix: 'use https:// with a certificate from the company PKI',
    });
  }
}

/** Findings as diagnostics; the translator's A2C-TLS-SELFSIGNED at the same place is the same diagnostic. */
function report(findings: Finding[], sink: DiagnosticSink): void {
  for (const f of findings) {
    const code = RULES[f.rule].code;
    const existing = sink.items.find((d) => d.code === code && d.span && d.span.file === f.span.file && d.span.line === f.span.line);
    if (existing) {
      existing.severity = f.severity;
      continue;
    }
    sink.add({ code, severity: f.severity, message: f.message, span: f.span, notes: [`fix: ${f.fix}`] });
  }
}
