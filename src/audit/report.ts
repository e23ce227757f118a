// The audit's two faces: the "IPv6 and TLS" section of CONVERSION.md (also the text form of
// `ansible2chef audit`) and the machine form for `audit --json`. Both are sorted, so deterministic.
import { compareSpans, formatSpan, type Span } from '../base/diagnostics.js';
import { RULES, type Endpoint, type Finding, type RuleId, type TlsPath } from './findings.js';

export interface AuditReport {
  endpoints: Endpoint[];
  findings: Finding[];
  /** Certificate/key/CA paths read from variables, by attribute (set PKI paths in one place). */
  pathVariables: TlsPath[];
  rewrites: Array<{ span: Span; change: string }>;
  /** Fixes that found no translated counterpart (the template or task was not converted). */
  notRewritten: Array<{ span: Span; change: string }>;
  ipv6Only: boolean;
  tlsPolicy: 'warn' | 'strict';
  /**
   * The audit ran without a conversion (`ansible2chef audit`): the rewrites are what the conversion
   * plans, and it alone knows which found no translated counterpart.
   */
  planned?: boolean;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
const at = (s: Span) => `${s.file}:${s.line}`;
const bySpan = <T extends { span: Span }>(a: T, b: T) => compareSpans(a.span, b.span);

export function sortReport(r: AuditReport): AuditReport {
  const findings = [...r.findings].sort((a, b) => bySpan(a, b) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return {
    ...r,
    findings,
    endpoints: [...r.endpoints].sort(bySpan),
    pathVariables: [...r.pathVariables].sort(bySpan),
    rewrites: [...r.rewrites].sort(bySpan),
    notRewritten: [...r.notRewritten].sort(bySpan),
  };
}

export function counts(findings: Finding[]): Record<RuleId, number> {
  const c = Object.fromEntries(Object.keys(RULES).map((k) => [k, 0])) as Record<RuleId, number>;
  for (const f of findings) c[f.rule]++;
  return c;
}

export function auditJson(r: AuditReport): unknown {
  const span = (s: Span) => ({ file: s.file, line: s.line, col: s.col });
  return {
    ipv6Only: r.ipv6Only,
    tlsPolicy: r.tlsPolicy,
    ...(r.planned ? { planned: true } : {}),
    counts: counts(r.findings),
    findings: r.findings.map((f) => ({
      rule: f.rule,
      code: RULES[f.rule].code,
      severity: f.severity,
      ...span(f.span),
      message: f.message,
      fix: f.fix,
      ...(f.byName ? { byName: true } : {}),
    })),
    endpoints: r.endpoints.map((e) => ({
      service: e.service,
      address: e.address,
      port: e.port,
      tls: e.tls,
      ...(e.scheme ? { scheme: e.scheme } : {}),
      paths: e.paths.map((p) => ({ kind: p.kind, path: p.expr, attributes: p.attributes })),
      ...span(e.span),
    })),
    pathVariables: r.pathVariables.map((p) => ({ kind: p.kind, path: p.expr, attributes: p.attributes, ...span(p.span) })),
    rewrites: r.rewrites.map((x) => ({ ...span(x.span), change: x.change })),
    notRewritten: r.notRewritten.map((x) => ({ ...span(x.span), change: x.change })),
  };
}

export function auditMarkdown(r: AuditReport): string {
  const L: string[] = ['## IPv6 and TLS', ''];
  L.push(`Policy: TLS ${r.tlsPolicy}${r.ipv6Only ? ', --ipv6-only' : ''}.`, '', '### Endpoints', '');
  if (!r.endpoints.length) L.push('None found.');
  else {
    L.push('| service | address | port | TLS | cert / key / CA | source |', '|---|---|---|---|---|---|');
    for (const e of r.endpoints) {
      const paths = e.paths
        .map((p) => `${p.kind}: \`${p.expr}\`${p.attributes.length ? ` (${p.attributes.map((a) => `\`${a}\``).join(', ')})` : ''}`)
        .join('<br>');
      L.push(
        `| ${cell(e.service)} | \`${cell(e.address)}\` | ${cell(e.port) || '—'} | ${e.tls ? `yes${e.scheme ? ` (${e.scheme})` : ''}` : e.scheme ? `no (${e.scheme})` : 'no'} | ${cell(paths) || '—'} | ${at(e.span)} |`,
      );
    }
  }
  L.push('', '### Certificate, key and CA paths set by variables', '');
  if (!r.pathVariables.length) L.push('None.');
  for (const p of r.pathVariables)
    L.push(`- ${p.kind} \`${cell(p.expr)}\` -> ${p.attributes.map((a) => `\`${a}\``).join(', ') || '(no attribute)'} (${at(p.span)})`);
  L.push('', '### Findings by rule', '', '| rule | code | count |', '|---|---|---|');
  const c = counts(r.findings);
  for (const id of Object.keys(RULES) as RuleId[]) L.push(`| ${RULES[id].title} | ${RULES[id].code} | ${c[id]} |`);
  for (const id of Object.keys(RULES) as RuleId[]) {
    const list = r.findings.filter((f) => f.rule === id);
    if (!list.length) continue;
    L.push('', `#### ${RULES[id].code}: ${RULES[id].title}`, '');
    for (const f of list)
      L.push(`- ${formatSpan(f.span)} ${f.severity}${f.byName ? ' (by name)' : ''}: ${cell(f.message)}. Fix: ${cell(f.fix)}`);
  }
  if (r.planned) {
    L.push(
      '',
      '### What the conversion changes',
      '',
      'Planned: a fix whose template or task is not converted is listed as not rewritten in CONVERSION.md.',
      '',
    );
  } else L.push('', '### What the conversion changed', '');
  if (!r.rewrites.length) L.push('Nothing.');
  for (const x of r.rewrites) L.push(`- ${at(x.span)}: ${cell(x.change)}`);
  if (r.notRewritten.length) {
    L.push('', 'Not rewritten (no translated counterpart; fix by hand):', '');
    for (const x of r.notRewritten) L.push(`- ${at(x.span)}: ${cell(x.change)}`);
  }
  if (!r.ipv6Only) L.push('', 'IPv4-only binds were reported, not rewritten: `--ipv6-only` rewrites them.');
  return L.join('\n') + '\n';
}
