// The audit's vocabulary: rules, findings, endpoints and the fixes they ask for.
import type { Severity, Span } from '../base/diagnostics.js';
import type { FixAction } from './fixes.js';
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

/**
 * A fix a finding calls for: what to change, at which nodes (fix-plan keys, src/audit/fixes.ts).
 * A variable's fix is keyed by each of its definitions.
 */
export interface Rewrite {
  keys: string[];
  action: FixAction;
}

export interface PlannedRewrite {
  rewrite: Rewrite;
  /** The finding it fixes, for the report of what changed. */
  span: Span;
  describe: string;
}
