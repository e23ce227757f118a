// The audit's vocabulary: rules, findings, endpoints and the IR rewrites they ask for.
import type { Severity, Span } from '../diagnostics.js';
import type { Node } from '../jinja/index.js';
import type { PathKind } from './rules.js';

export const RULES = {
  'address-port-join': { code: 'A2C-IPV6-JOIN', title: 'address joined to a port without brackets' },
  'bracket-key': { code: 'A2C-IPV6-BRACKET-KEY', title: 'key that needs a bracketed address' },
  'ipv4-bind': { code: 'A2C-IPV6-IPV4-BIND', title: 'IPv4-only bind' },
  'name-bind': { code: 'A2C-IPV6-NAME-BIND', title: 'bind that depends on name resolution' },
  'plain-http': { code: 'A2C-TLS-PLAIN-HTTP', title: 'plain http:// endpoint beside TLS endpoints' },
  'cert-from-address': { code: 'A2C-TLS-CERT-NAME', title: 'certificate file named after an address' },
  'self-signed': { code: 'A2C-TLS-SELFSIGNED', title: 'self-signed or snake-oil certificate' },
} as const;

export type RuleId = keyof typeof RULES;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  span: Span;
  message: string;
  fix: string;
  /** The address was recognised by its variable name only (no value reached a literal or fact). */
  byName?: boolean;
}

export interface TlsPath {
  kind: PathKind;
  service: string;
  /** The path as written (Jinja source or literal). */
  expr: string;
  /** Attribute paths of the variables the path is read from (`node['rabbitmq']['rabbitmq_ssl_cert']`). */
  attributes: string[];
  span: Span;
}

export interface Endpoint {
  service: string;
  address: string;
  port: string;
  tls: boolean;
  scheme?: string;
  paths: TlsPath[];
  span: Span;
}

/** A change to the translated IR that a finding calls for. */
export type Rewrite =
  /** Wrap a template output in A2C::Net.ipwrap. */
  | { k: 'tpl-wrap'; file: string; out: Node }
  /** Replace IPv4 literals in a template text node (--ipv6-only). */
  | { k: 'tpl-text'; file: string; text: Node; from: string; to: string }
  /** Replace IPv4 facts / literals inside a template output (--ipv6-only). */
  | { k: 'tpl-v6'; file: string; out: Node }
  /** Wrap interpolated address variables joined to a port in a variable's value. */
  | { k: 'var-wrap'; variable: string; names: string[] }
  /** Replace IPv4 literals and facts in a variable's value (--ipv6-only). */
  | { k: 'var-v6'; variable: string; span: Span }
  /** Wrap joins (names) or a whole property of the resources made from the task at span. */
  | { k: 'task-wrap'; span: Span; names: string[]; property?: string }
  /** Replace an IPv4 literal on one whole line of the task's literal text (lineinfile line, copy content) (--ipv6-only). */
  | { k: 'task-text'; span: Span; line: string; from: string; to: string }
  /** Replace a literal option value (`option` key, `value` from) of the task's INI settings (--ipv6-only). */
  | { k: 'task-value'; span: Span; key: string; from: string; to: string };

export interface PlannedRewrite {
  rewrite: Rewrite;
  /** The finding it fixes, for the report of what changed. */
  span: Span;
  describe: string;
}
