// The rule tables of the IPv6/TLS audit (mappings/ipv6.toml, mappings/tls.toml), read once and
// checked: a malformed table is a programming error in shipped data, so it throws at load time.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import TOML from '@iarna/toml';
import { builtinMappingsDir } from '../mapping/builtin.js';

export type PathKind = 'cert' | 'key' | 'ca' | 'chain';

export interface PathRule {
  service: string;
  kind: PathKind;
  before: RegExp;
}

export interface Rules {
  addressNames: RegExp[];
  ipv6Facts: string[];
  ipv4Facts: string[];
  inventoryAddress: string[];
  ipv4Filters: string[];
  ipaddrFilters: string[];
  wrapFilters: string[];
  passthroughFilters: string[];
  joinExempt: RegExp[];
  bracketKeys: string[];
  bindLines: RegExp[];
  bindNames: RegExp[];
  /** IPv4 literal -> its IPv6 counterpart under --ipv6-only. */
  bindRewrite: Map<string, string>;
  /** Ohai attribute that replaces IPv4 address facts under --ipv6-only. */
  ipv6FactAttribute: string;
  nameFacts: string[];
  localNames: string[];
  nodeNames: RegExp[];
  paths: PathRule[];
  pathVariables: Array<{ kind: PathKind; pattern: RegExp }>;
  tlsLines: RegExp[];
  tlsSchemes: string[];
  plainSchemes: string[];
  selfSignedModules: string[];
  selfSignedProviders: string[];
  selfSignedCommands: RegExp[];
  snakeoilPaths: RegExp[];
}

type Table = Record<string, unknown>;

function table(t: Table, key: string, file: string): Table {
  const v = t[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${file}: [${key}] must be a table`);
  return v as Table;
}

function strings(t: Table, key: string, file: string): string[] {
  const v = t[key];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new Error(`${file}: ${key} must be a list of strings`);
  return v as string[];
}

function text(t: Table, key: string, file: string): string {
  const v = t[key];
  if (typeof v !== 'string') throw new Error(`${file}: ${key} must be a string`);
  return v;
}

const regexes = (list: string[]) => list.map((p) => new RegExp(p, 'i'));

/** Parses the two tables; exported for tests that exercise a user-extended table. */
export function parseRules(ipv6Text: string, tlsText: string): Rules {
  const v6 = TOML.parse(ipv6Text) as Table;
  const tls = TOML.parse(tlsText) as Table;
  const F6 = 'mappings/ipv6.toml';
  const FT = 'mappings/tls.toml';
  const address = table(v6, 'address', F6);
  const bind = table(v6, 'bind', F6);
  const rewrite = table(bind, 'rewrite', F6);
  const names = table(v6, 'names', F6);
  const vars = table(tls, 'variables', FT);
  const endpoints = table(tls, 'endpoints', FT);
  const self = table(tls, 'selfsigned', FT);
  const pathRows = tls['path'];
  if (!Array.isArray(pathRows)) throw new Error(`${FT}: [[path]] rows are missing`);
  const kinds: PathKind[] = ['cert', 'key', 'ca', 'chain'];
  const paths = pathRows.map((row: Table) => {
    const kind = text(row, 'kind', FT) as PathKind;
    if (!kinds.includes(kind)) throw new Error(`${FT}: path kind ${kind} is not one of ${kinds.join(', ')}`);
    return { service: text(row, 'service', FT), kind, before: new RegExp(text(row, 'before', FT), 'i') };
  });
  return {
    addressNames: regexes(strings(address, 'name_patterns', F6)),
    ipv6Facts: strings(address, 'ipv6_facts', F6),
    ipv4Facts: strings(address, 'ipv4_facts', F6),
    inventoryAddress: strings(address, 'inventory_address', F6),
    ipv4Filters: strings(address, 'ipv4_filters', F6),
    ipaddrFilters: strings(address, 'ipaddr_filters', F6),
    wrapFilters: strings(address, 'wrap_filters', F6),
    passthroughFilters: strings(address, 'passthrough_filters', F6),
    joinExempt: regexes(strings(table(v6, 'join', F6), 'exempt_line_patterns', F6)),
    bracketKeys: strings(table(v6, 'bracket_keys', F6), 'keys', F6),
    bindLines: regexes(strings(bind, 'line_patterns', F6)),
    bindNames: regexes(strings(bind, 'name_patterns', F6)),
    bindRewrite: new Map(Object.entries(rewrite).filter(([k]) => k !== 'fact').map(([k, v]) => [k, String(v)])),
    ipv6FactAttribute: text(rewrite, 'fact', F6),
    nameFacts: strings(names, 'facts', F6),
    localNames: strings(names, 'local_names', F6),
    nodeNames: regexes(strings(names, 'node_name_patterns', F6)),
    paths,
    pathVariables: (['cert', 'key', 'ca'] as const).flatMap((kind) => strings(vars, kind, FT).map((p) => ({ kind, pattern: new RegExp(p, 'i') }))),
    tlsLines: regexes(strings(endpoints, 'tls_line_patterns', FT)),
    tlsSchemes: strings(endpoints, 'tls_schemes', FT),
    plainSchemes: strings(endpoints, 'plain_schemes', FT),
    selfSignedModules: strings(self, 'modules', FT),
    selfSignedProviders: strings(self, 'provider_values', FT),
    selfSignedCommands: regexes(strings(self, 'command_patterns', FT)),
    snakeoilPaths: regexes(strings(self, 'path_patterns', FT)),
  };
}

let cached: Rules | undefined;

export function builtinRules(): Rules {
  if (!cached) {
    const dir = builtinMappingsDir();
    cached = parseRules(readFileSync(resolve(dir, 'ipv6.toml'), 'utf8'), readFileSync(resolve(dir, 'tls.toml'), 'utf8'));
  }
  return cached;
}
