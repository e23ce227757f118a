// The rules, applied to the rendered lines of one source (a template, or a Jinja string in YAML).
// Each rule is a regular expression from the tables over a line plus a value-flow question about
// the outputs it matches; what it finds becomes a finding, an endpoint, a TLS path or a rewrite.
import { formatSpan, type Span } from '../base/diagnostics.js';
import { classifyLiteral } from './ip.js';
import { dotted, NO_LOCALS, type Leaf, type ValueFlow } from './values.js';
import { exprText, MARK_RE, showLine, type Line, type Out, type Rendered } from './lines.js';
import type { Endpoint, Finding, PlannedRewrite, Rewrite, TlsPath } from './findings.js';
import type { Rules } from './rules.js';
import { parseString } from '../load/jinja/index.js';
import { REDACTED } from '../load/ansible/redact.js';
import { fixKey, type FixPlan } from './fixes.js';
import { scanListJoins } from './list-join.js';
import { joinedMembers, type MemberList } from './member-list.js';
import { attributeText } from '../base/attribute-text.js';

/** Where the rendered text came from, and which node a fix is keyed by. */
export interface Source {
  file: string;
  service: string;
  spanOf: (out: Out) => Span;
  lineSpan: (line: Line) => Span;
  /** YAML key or variable the string is the value of (bind/listen by name, bracket keys). */
  key?: string;
  /** How to fix an output: the rewrite for wrapping it, or undefined when not reachable. */
  wrap: (out: Out) => Rewrite | undefined;
  /** --ipv6-only rewrite of an output holding IPv4 facts/literals, when reachable. */
  v6?: (out: Out) => Rewrite | undefined;
  /** --ipv6-only rewrite of literal text in a template line. */
  text?: (line: Line, from: string, to: string) => Rewrite | undefined;
}

export interface UrlEndpoint extends Endpoint {
  hostIsOutput: boolean;
}

/** Everything the audit collects, shared by all sources. */
export class Collector {
  readonly findings: Finding[] = [];
  readonly endpoints: UrlEndpoint[] = [];
  /** Certificate/key/CA paths written in templates and strings, tied to endpoints later. */
  readonly paths: TlsPath[] = [];
  /** Variables that hold such paths (`rabbitmq_ssl_cert`), with their attribute paths. */
  readonly pathVariables: TlsPath[] = [];
  readonly rewrites: PlannedRewrite[] = [];
  /**
   * Bracket keys (lower case) some template writes inside literal brackets (`key = [{{ addr }}]`):
   * a variable's value under such a key is not bracketed too, or that line would render `[[addr]]`.
   */
  readonly bracketedInTemplates = new Set<string>();
  private readonly seen = new Set<string>();
  /**
   * Set while the arguments or vars of a no_log task are read: what is found there is reported by
   * rule and place, and its values (the line, the address, the port, the path) are not quoted.
   */
  hidden = false;

  constructor(
    readonly flow: ValueFlow,
    readonly rules: Rules,
    readonly ipv6Only: boolean,
    readonly plan: FixPlan,
  ) {}

  /**
   * A variable's attribute (`node['demo']['x']`), as a placeholder resolved when the report is made
   * (resolveAttributes): the translation decides which names become attributes (a name read but
   * defined nowhere becomes a required input only where the translator reads it).
   */
  attributeOf(variable: string): string {
    return `\uE002${variable}\uE003`;
  }

  /** One finding per rule and place. Returns false when it was already reported. */
  add(f: Finding): boolean {
    const key = `${f.rule} ${formatSpan(f.span)}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.findings.push(f);
    return true;
  }

  /** Text taken from the source, as findings, endpoints and rewrites quote it. */
  show(text: string): string {
    return this.hidden ? REDACTED : text;
  }

  /** A leaf's literal, as a finding quotes it: not when a no_log task set it. */
  literal(l: Leaf): string {
    return l.hidden ? REDACTED : this.show(l.literal ?? '');
  }

  /** Plans a fix: added to the fix plan the translator applies, and listed in the report. */
  rewrite(r: Rewrite | undefined, span: Span, describe: string): boolean {
    if (!r?.keys.length) return false;
    for (const k of r.keys) this.plan.add(k, r.action);
    this.rewrites.push({ rewrite: r, span, describe });
    return true;
  }
}

export interface AddressInfo {
  address: boolean;
  v6: boolean;
  byName: boolean;
  wrapped: boolean;
  leaves: Leaf[];
  evidence: string;
}

export function addressInfo(out: Out, c: Collector): AddressInfo {
  const leaves = c.flow.expr(out.expr, out.env);
  const wrapped = leaves.length > 0 && leaves.every((l) => l.cls === 'wrapped');
  const v6 = leaves.find((l) => l.cls === 'v6');
  const v4 = leaves.find((l) => l.cls === 'v4');
  const hit = v6 ?? v4;
  if (hit) return { address: true, v6: !!v6, byName: false, wrapped, leaves, evidence: describeLeaf(hit, c) };
  // `*` (any address) is a placeholder an inventory overrides with a real address: the name decides.
  const open = leaves.filter((l) => (l.cls === 'unknown' || l.cls === 'other') && (l.literal === undefined || l.literal === '*'));
  const names = [dotted(out.expr), ...open.map((l) => l.variable)].filter((n): n is string => !!n).map((n) => n.split('.').pop()!);
  const byName = !wrapped && (open.length > 0 || leaves.length === 0) && names.some((n) => c.rules.addressNames.some((r) => r.test(n)));
  return { address: byName, v6: false, byName, wrapped, leaves, evidence: byName ? 'by name' : '' };
}

function describeLeaf(l: Leaf, c: Collector): string {
  const what = l.fact ?? l.filter ?? (l.literal !== undefined ? `'${c.literal(l)}'` : (l.variable ?? '?'));
  return l.span ? `${what} at ${formatSpan(l.span)}` : what;
}

const JOIN_RE = /(\[?)\uE000(\d+)\uE001(\]?):(\d+|\uE000\d+\uE001)/g;
const URL_RE = /\b([a-z][a-z0-9+.-]*):\/\/([^\s/@]*@)?(\[?)\uE000(\d+)\uE001(\]?)(?::(\d+|\uE000\d+\uE001))?/gi;
const LITERAL_JOIN_RE = /(\[[0-9a-f:.%]+\]|\b\d{1,3}(?:\.\d{1,3}){3}\b)(?::(\d+|\uE000\d+\uE001))?/gi;

export function scanRendered(r: Rendered, src: Source, c: Collector): void {
  for (const line of r.lines) scanLine(line, r, src, c);
  for (const out of r.outs) scanListJoins(out, src, c);
  for (const set of r.sets ?? []) scanListJoins(set, src, c);
  if (src.key && c.rules.bindNames.some((re) => re.test(src.key!))) {
    for (const out of r.outs) bindValue(out, src, c, `${src.key} is a bind address`);
  }
}

const NO_MATCHES: readonly RegExpExecArray[] = [];

/** Each bracket key's pattern, compiled once rather than once per scanned line. */
const bracketPatterns = new Map<string, RegExp>();

/**
 * The matches of the global pattern `re` in `t`, as t.matchAll(re) gives them, without the copy of
 * `re` matchAll makes on every call (the scan runs a dozen patterns over every line of every value).
 * Collected before the caller's loop runs, so the loop may use `re` again.
 */
function allMatches(re: RegExp, t: string): readonly RegExpExecArray[] {
  re.lastIndex = 0;
  let m = re.exec(t);
  // Most lines match none of the patterns: no list is made for them.
  if (!m) return NO_MATCHES;
  const out: RegExpExecArray[] = [];
  for (; m; m = re.exec(t)) {
    out.push(m);
    // An empty match would stop here forever; matchAll steps over it the same way.
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

/** Group references and named groups mean something else once patterns are joined (group numbers move). */
const UNJOINABLE = /\\[1-9]|\\k<|\(\?<[^=!]/;

/**
 * One pattern matching wherever one of `sources` matches, or null where joining them could change what
 * one means (group references, named groups). With it a line most patterns miss (most lines) is tried
 * once instead of once per pattern of the tables.
 */
export function joinPatterns(sources: readonly string[], flags: string): RegExp | null {
  if (sources.length < 2 || sources.some((p) => UNJOINABLE.test(p))) return null;
  try {
    return new RegExp(sources.map((p) => `(?:${p})`).join('|'), flags);
  } catch {
    // A source that only parses as the end of a longer pattern (a path rule's, cut at its `$`).
    return null;
  }
}

const joinedLists = new WeakMap<readonly RegExp[], RegExp | null>();

/** `list.some((re) => re.test(t))` for a table's list of non-global patterns of the same flags. */
export function someMatch(list: readonly RegExp[], t: string): boolean {
  let joined = joinedLists.get(list);
  if (joined === undefined) {
    const flags = list[0]?.flags ?? '';
    const same = list.every((re) => re.flags === flags) && !/[gy]/.test(flags);
    joined = same
      ? joinPatterns(
          list.map((re) => re.source),
          flags,
        )
      : null;
    joinedLists.set(list, joined);
  }
  return joined ? joined.test(t) : list.some((re) => re.test(t));
}

function scanLine(line: Line, r: Rendered, src: Source, c: Collector): void {
  const t = line.text;
  const shown = () => c.show(showLine(t, r.outs));
  const portText = (p: string) => c.show(p.replace(MARK_RE, (_, i: string) => exprText(r.outs[Number(i)]!.expr)));
  const expr = (out: Out) => c.show(exprText(out.expr));
  // URL_RE, JOIN_RE and the bracket-key patterns each need an output's mark: a line without one (most
  // lines of most values) skips them and the exemption patterns only the join rule reads.
  const marked = t.includes('\uE000');
  let exempt: boolean | undefined;
  let urlHosts: Set<number> | undefined;

  for (const m of marked ? allMatches(URL_RE, t) : NO_MATCHES) {
    const i = Number(m[4]);
    urlHosts ??= new Set<number>();
    urlHosts.add(i);
    const out = r.outs[i]!;
    const scheme = m[1]!.toLowerCase();
    c.endpoints.push({
      service: src.service,
      address: expr(out),
      port: m[6] ? portText(m[6]) : '',
      scheme,
      tls: c.rules.tlsSchemes.includes(scheme),
      paths: [],
      span: src.spanOf(out),
      hostIsOutput: true,
    });
    // A URL's host with no port still needs brackets for IPv6 (RFC 3986); with a port the join rule below reports it.
    const after = t.slice(m.index + m[0].length);
    if (!m[6] && !m[3] && !m[5] && !/^[\w.~%:\uE000-]/.test(after)) urlHost(out, src, c, shown());
  }

  for (const m of marked ? allMatches(JOIN_RE, t) : NO_MATCHES) {
    const i = Number(m[2]);
    const out = r.outs[i]!;
    const before = t.slice(0, m.index);
    const bracketed = m[1] === '[' && m[3] === ']';
    const bind = someMatch(c.rules.bindLines, before) || isBindName(out, c);
    if (bind && !urlHosts?.has(i)) {
      c.endpoints.push({
        service: src.service,
        address: expr(out),
        port: portText(m[4]!),
        tls: c.rules.tlsLines.some((re) => re.test(t)),
        paths: [],
        span: src.spanOf(out),
        hostIsOutput: true,
      });
    }
    if (bracketed || m[1] === '[') continue;
    exempt ??= c.rules.joinExempt.some((re) => re.test(t));
    if (exempt) continue;
    const list = joinedMembers(out, c);
    if (list) {
      memberList(list, out, src, c, shown(), 'joined to a port');
      continue;
    }
    const info = addressInfo(out, c);
    if (!info.address || info.wrapped) continue;
    const span = src.spanOf(out);
    const fixed = c.rewrite(src.wrap(out), span, `{{ ${expr(out)} }} -> A2C::Net.ipwrap(...)`);
    c.add({
      rule: 'address-port-join',
      severity: info.v6 || info.byName ? 'warning' : 'info',
      span,
      message: `\`${shown()}\`: {{ ${expr(out)} }} is joined to a port without brackets and can hold ${info.v6 ? 'an IPv6 address' : info.byName ? 'an address' : 'an IPv4 address'} (${c.show(info.evidence)})`,
      fix: fixed
        ? 'emitted through A2C::Net.ipwrap: [addr]:port for IPv6, unchanged for IPv4 and host names'
        : `write [{{ ${expr(out)} | ansible.utils.ipwrap }}] (not rewritten: no translated counterpart)`,
      ...(info.byName ? { byName: true } : {}),
    });
  }

  for (const key of marked ? c.rules.bracketKeys : []) {
    let re = bracketPatterns.get(key);
    if (!re) bracketPatterns.set(key, (re = new RegExp(`(^|[\\s.])${key}\\s*[=:]\\s*(\\[?)\\uE000(\\d+)\\uE001(\\]?)`, 'gi')));
    for (const m of allMatches(re, t)) {
      if (m[2] === '[' || m[4] === ']') {
        c.bracketedInTemplates.add(key.toLowerCase());
        continue;
      }
      const out = r.outs[Number(m[3])]!;
      const info = addressInfo(out, c);
      if (info.wrapped) continue;
      bracketKey(key, src.spanOf(out), src.wrap(out), `{{ ${expr(out)} }}`, c);
    }
  }

  for (let idx = 0; idx < r.outs.length; idx++) {
    const out = r.outs[idx]!;
    const at = t.indexOf(`\uE000${idx}\uE001`);
    if (at < 0) continue;
    const before = t.slice(0, at);
    if (someMatch(c.rules.bindLines, before)) bindValue(out, src, c, `\`${shown()}\` binds to it`);
    if (c.rules.nodeNames.some((re) => re.test(before))) nodeName(out, src, c, shown());
  }

  // Literal addresses on bind lines (`bind 127.0.0.1:9000`, never `listen [::]:80`).
  if (someMatch(c.rules.bindLines, t)) {
    for (const m of allMatches(LITERAL_JOIN_RE, t)) {
      const lit = m[1]!;
      const cls = classifyLiteral(lit);
      const litShown = c.show(lit);
      if (m[2] !== undefined) {
        c.endpoints.push({
          service: src.service,
          address: litShown,
          port: portText(m[2]),
          tls: c.rules.tlsLines.some((re) => re.test(t)),
          paths: [],
          span: src.lineSpan(line),
          hostIsOutput: false,
        });
      }
      if (cls !== 'v4') continue;
      const to = c.rules.bindRewrite.get(lit);
      const span = src.lineSpan(line);
      const bracketed = to && m[2] !== undefined ? `[${to}]` : to;
      const done =
        c.ipv6Only && to && src.text ? c.rewrite(src.text(line, lit, bracketed!), span, `'${litShown}' -> '${bracketed}'`) : false;
      c.add({
        rule: 'ipv4-bind',
        severity: 'warning',
        span,
        message: `\`${shown()}\` binds to the IPv4-only address ${litShown}`,
        fix: done ? `rewritten to ${bracketed} (--ipv6-only)` : to ? `bind to ${to} (--ipv6-only rewrites it)` : 'bind to an IPv6 address',
      });
    }
  }

  tlsPaths(t, line, r, src, c);
  for (const re of c.rules.snakeoilPaths) {
    if (re.test(t))
      c.add({
        rule: 'self-signed',
        severity: 'warning',
        span: src.lineSpan(line),
        message: `\`${shown()}\` uses the distribution's snake-oil certificate`,
        fix: 'use a certificate from the company PKI',
      });
  }
  if (someMatch(c.rules.selfSignedCommands, t)) {
    c.add({
      rule: 'self-signed',
      severity: 'warning',
      span: src.lineSpan(line),
      message: `\`${shown()}\` makes a self-signed certificate`,
      fix: 'use a certificate from the company PKI',
    });
  }
}

/** `http://{{ addr }}/path`: the output is a URL's whole host, written without brackets. */
function urlHost(out: Out, src: Source, c: Collector, shown: string): void {
  const list = joinedMembers(out, c);
  if (list) return memberList(list, out, src, c, shown, "written as a URL's hosts");
  const info = addressInfo(out, c);
  if (!info.address || info.wrapped) return;
  const what = c.show(exprText(out.expr));
  const span = src.spanOf(out);
  const fixed = c.rewrite(src.wrap(out), span, `{{ ${what} }} -> A2C::Net.ipwrap(...)`);
  c.add({
    rule: 'address-port-join',
    severity: info.v6 || info.byName ? 'warning' : 'info',
    span,
    message: `\`${shown}\`: {{ ${what} }} is a URL host without brackets and can hold ${info.v6 ? 'an IPv6 address' : info.byName ? 'an address' : 'an IPv4 address'} (${c.show(info.evidence)})`,
    fix: fixed
      ? 'emitted through A2C::Net.ipwrap: http://[addr] for IPv6, unchanged for IPv4 and host names'
      : `write [{{ ${what} | ansible.utils.ipwrap }}] (not rewritten: no translated counterpart)`,
    ...(info.byName ? { byName: true } : {}),
  });
}

/**
 * A list of addresses joined into one text where one address goes (member-list.ts): each member is
 * bracketed, since A2C::Net.ipwrap (as ansible.utils.ipwrap) leaves a text holding several alone.
 */
function memberList(list: MemberList, out: Out, src: Source, c: Collector, shown: string, where: string): void {
  if (list.wrapped) return;
  const known = list.info;
  const named = known ? undefined : addressInfo(out, c);
  if (!known && !named?.address) return;
  const v6 = known ? known.v6 : named!.v6;
  const byName = known ? known.byName : named!.byName;
  const evidence = known ? known.evidence : named!.evidence;
  const what = c.show(exprText(out.expr));
  const span = src.spanOf(out);
  const keys = src.wrap(out)?.keys;
  const sep = JSON.stringify(list.sep).slice(1, -1);
  const fixed = keys
    ? c.rewrite({ keys, action: { k: 'ipwrap-members', sep: list.sep } }, span, `{{ ${what} }} -> A2C::Net.ipwrap_members(..., '${sep}')`)
    : false;
  c.add({
    rule: 'address-port-join',
    severity: v6 || byName ? 'warning' : 'info',
    span,
    message: `\`${shown}\`: {{ ${what} }} is a list of addresses joined with '${sep}' (${list.variable ? `in the value of ${list.variable} at ` : 'at '}${formatSpan(list.at)}), ${where} without brackets; its members can hold ${v6 ? 'IPv6 addresses' : byName ? 'addresses' : 'IPv4 addresses'} (${c.show(evidence)})`,
    fix: fixed
      ? `emitted through A2C::Net.ipwrap_members: each IPv6 member in brackets ([a]${sep}[b]), IPv4 members and names unchanged (ipwrap of the whole text, as ansible.utils.ipwrap, leaves a list as it is)`
      : `map the members through ansible.utils.ipwrap before the join at ${formatSpan(list.at)} (not rewritten: no translated counterpart)`,
    ...(byName && !v6 ? { byName: true } : {}),
  });
}

function isBindName(out: Out, c: Collector): boolean {
  const d = dotted(out.expr)?.split('.').pop();
  return d !== undefined && c.rules.bindNames.some((re) => re.test(d));
}

export function bracketKey(
  key: string,
  span: Span,
  rewrite: Rewrite | undefined,
  written: string,
  c: Collector,
  notRewritten = 'no translated counterpart',
): void {
  const what = c.show(written);
  const fixed = c.rewrite(rewrite, span, `${key}: ${what} -> A2C::Net.ipwrap(...)`);
  c.add({
    rule: 'bracket-key',
    severity: 'warning',
    span,
    message: `${key} needs a bracketed address, ${what} is written without brackets`,
    fix: fixed
      ? 'emitted through A2C::Net.ipwrap: [addr] for IPv6'
      : `write [${what}] or use ansible.utils.ipwrap (not rewritten: ${notRewritten})`,
  });
}

/** A bind/listen value: IPv4-only leaves and host names are findings at the place they were written. */
function bindValue(out: Out, src: Source, c: Collector, why: string): void {
  const leaves = c.flow.expr(out.expr, out.env);
  for (const l of leaves) {
    const span = l.span ?? src.spanOf(out);
    if (l.cls === 'v4') {
      const what = l.fact ?? l.filter ?? `'${c.literal(l)}'`;
      const to = l.literal !== undefined ? c.rules.bindRewrite.get(l.literal) : l.fact ? `node['${c.rules.ipv6FactAttribute}']` : undefined;
      let done = false;
      if (c.ipv6Only && to) {
        // A literal in a variable's value: every definition of the variable is rewritten.
        const target: Rewrite | undefined =
          l.variable && l.literal !== undefined
            ? { keys: c.flow.definitions(l.variable.split('.')[0]!).map((d) => fixKey.definition(d.span)), action: { k: 'ipv6' } }
            : src.v6?.(out);
        done = c.rewrite(target, span, `${what} -> ${to}`);
      }
      c.add({
        rule: 'ipv4-bind',
        severity: 'warning',
        span,
        message: `IPv4-only bind address ${what}${l.variable ? ` (${l.variable})` : ''}: ${why}`,
        fix: done
          ? `rewritten to ${to} (--ipv6-only)`
          : to
            ? `bind to ${to} (--ipv6-only rewrites it)`
            : 'bind to an IPv6 address (no automatic rewrite for a filter)',
      });
    } else if (
      l.cls === 'name' &&
      (l.literal === undefined || !c.rules.localNames.includes(l.literal.toLowerCase())) &&
      !isInventoryFallback(l, c)
    ) {
      nameBind(l, span, why, c);
    }
  }
}

/** ansible_host falls back to the inventory name only where a host has no ansible_host. */
function isInventoryFallback(l: Leaf, c: Collector): boolean {
  return l.fact === 'inventory_hostname' && !!l.variable && c.rules.inventoryAddress.includes(l.variable) && c.flow.has(l.variable);
}

function nameBind(l: Leaf, span: Span, why: string, c: Collector): void {
  const what = l.fact ?? `'${c.literal(l)}'`;
  c.add({
    rule: 'name-bind',
    severity: 'warning',
    span,
    message: `bind address ${what} is a host name, resolved when the service starts (a stale A record or a missing AAAA record breaks it): ${why}`,
    fix: `listen on an explicit IPv6 address instead (node['${c.rules.ipv6FactAttribute}'] or '::')`,
  });
}

function nodeName(out: Out, src: Source, c: Collector, shown: string): void {
  for (const l of c.flow.expr(out.expr, out.env)) {
    if (l.cls !== 'name' || (l.literal !== undefined && c.rules.localNames.includes(l.literal.toLowerCase()))) continue;
    c.add({
      rule: 'name-bind',
      severity: 'warning',
      span: l.span ?? src.spanOf(out),
      message: `Erlang node name \`${shown}\` resolves ${l.fact ?? `'${c.literal(l)}'`} through DNS (a stale A record stops the node)`,
      fix: 'use -proto_dist inet6_tcp with a node name resolved from /etc/hosts to the IPv6 address, and explicit IPv6 listeners',
    });
  }
}

/** A literal Erlang node name written in YAML (`rabbit@db1.example.com`). */
export function literalNodeName(text: string, span: Span, c: Collector): void {
  const m = /^[\w-]+@([\w.-]+)$/.exec(text.trim());
  if (!m || classifyLiteral(m[1]!, c.rules.localNames) !== 'name' || c.rules.localNames.includes(m[1]!.toLowerCase())) return;
  c.add({
    rule: 'name-bind',
    severity: 'warning',
    span,
    message: `Erlang node name '${c.show(text.trim())}' resolves ${c.show(m[1]!)} through DNS (a stale A record stops the node)`,
    fix: 'use -proto_dist inet6_tcp with a node name resolved from /etc/hosts to the IPv6 address, and explicit IPv6 listeners',
  });
}

/** Each path rule's token pattern, compiled once per rule rather than once per scanned line. */
const pathPatterns = new WeakMap<Rules['paths'][number], RegExp>();

/**
 * The path rules' `before` patterns joined: a line no one of them matches is matched by no rule (each
 * rule's pattern is its `before` followed by the token), so it is not tried rule by rule.
 */
const pathFilters = new WeakMap<Rules['paths'], RegExp | null>();

function tlsPaths(t: string, line: Line, r: Rendered, src: Source, c: Collector): void {
  let filter = pathFilters.get(c.rules.paths);
  if (filter === undefined)
    pathFilters.set(
      c.rules.paths,
      (filter = joinPatterns(
        c.rules.paths.map((rule) => rule.before.source.replace(/\$$/, '')),
        'i',
      )),
    );
  if (filter && !filter.test(t)) return;
  for (const rule of c.rules.paths) {
    let re = pathPatterns.get(rule);
    if (!re) pathPatterns.set(rule, (re = new RegExp(`${rule.before.source.replace(/\$$/, '')}([^\\s,;]+)`, 'gi')));
    for (const m of allMatches(re, t)) {
      const token = m[m.length - 1]!;
      const outs = [...token.matchAll(MARK_RE)].map((x) => r.outs[Number(x[1])]!);
      const span = outs[0] ? src.spanOf(outs[0]) : src.lineSpan(line);
      const attributes = [...new Set(outs.flatMap((o) => attributesOf(o, c)))].sort();
      c.paths.push({ kind: rule.kind, service: rule.service, expr: c.show(showLine(token, r.outs)), attributes, span });
      const derived = outs.find((o) => derivedFromAddress(o, token, c));
      if (derived) certFromAddress(showLine(token, r.outs), span, c);
    }
  }
}

/** The attribute paths in `list` with their variables resolved (those without an attribute left out), sorted. */
export function resolveAttributes(list: string[], pathOf: (variable: string) => string[] | undefined): string[] {
  const out = list.flatMap((a) => {
    let missing = false;
    const resolved = a.replace(/\uE002([^\uE003]*)\uE003/g, (_, v: string) => {
      const path = pathOf(v);
      if (!path) missing = true;
      return path ? attributeText(path) : '';
    });
    return missing ? [] : [resolved];
  });
  return [...new Set(out)].sort();
}

/** The attribute paths a path output reads (a variable, or a key of a list/dict variable). */
function attributesOf(o: Out, c: Collector): string[] {
  const root = dotted(o.expr)?.split('.');
  if (!root) return [];
  const local = o.env.locals.get(root[0]!);
  if (local) {
    return local
      .flatMap((v) => ('yaml' in v ? [v.variable] : []))
      .flatMap((v) => {
        const a = c.attributeOf(v.split('.')[0]!);
        return [
          `${a}[*]${root
            .slice(1)
            .map((k) => `['${k}']`)
            .join('')}`,
        ];
      });
  }
  const a = c.attributeOf(root[0]!);
  return [
    `${a}${root
      .slice(1)
      .map((k) => `['${k}']`)
      .join('')}`,
  ];
}

/** True when a certificate path is built from an address that can be IPv6 (colons in a file name). */
function derivedFromAddress(o: Out, token: string, c: Collector): boolean {
  const alone = token.replace(MARK_RE, '') === '';
  if (!alone) {
    const info = addressInfo(o, c);
    return info.v6 || info.byName;
  }
  // The whole path is one variable: look at the strings it is built from.
  return c.flow
    .expr(o.expr, o.env)
    .some((l) => l.cls === 'other' && l.variable !== undefined && l.literal === undefined && compositeHasAddress(l.variable, c));
}

function compositeHasAddress(variable: string, c: Collector): boolean {
  return c.flow.definitions(variable.split('.')[0]!).some((d) => {
    if (d.node.kind !== 'scalar' || typeof d.node.value !== 'string') return false;
    const parsed = parseString(d.node.value);
    if (!parsed.ok) return false;
    return parsed.value.some(
      (n) => n.kind === 'output' && c.flow.expr(n.expr, { locals: NO_LOCALS, spanOf: () => d.span }).some((l) => l.cls === 'v6'),
    );
  });
}

export function certFromAddress(path: string, span: Span, c: Collector): void {
  c.add({
    rule: 'cert-from-address',
    severity: 'warning',
    span,
    message: `certificate path ${c.show(path)} is named after an address that can be IPv6: the file name gets colons`,
    fix: 'name certificates after the service or host name, not the address',
  });
}
