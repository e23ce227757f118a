// The rule tables of the IPv6/TLS audit (mappings/ipv6.toml, mappings/tls.toml): their shape as
// data, checked key by key, and compiled into the Rules the analyze stage reads. A user table is
// checked against the same shape (every key optional) before it is merged over the built-in one.
import {
  type At,
  atRoot,
  fail,
  onlyKeys,
  oneOf,
  pattern,
  required,
  string,
  strings,
  stringTable,
  sub,
  table,
} from '../config/table-schema.js';

export type PathKind = 'cert' | 'key' | 'ca' | 'chain';
const PATH_KINDS: readonly PathKind[] = ['cert', 'key', 'ca', 'chain'];

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

/** strings: a list of names; patterns: a list of regular expressions (case-insensitive); map: a table of strings; paths: [[path]] rows. */
type Leaf = 'strings' | 'patterns' | 'map' | 'paths';
interface Shape {
  [key: string]: Leaf | Shape;
}

export const RULE_SHAPES: Record<'ipv6' | 'tls', Shape> = {
  ipv6: {
    address: {
      name_patterns: 'patterns',
      ipv6_facts: 'strings',
      ipv4_facts: 'strings',
      inventory_address: 'strings',
      ipv4_filters: 'strings',
      ipaddr_filters: 'strings',
      wrap_filters: 'strings',
      passthrough_filters: 'strings',
    },
    join: { exempt_line_patterns: 'patterns' },
    bracket_keys: { keys: 'strings' },
    bind: { line_patterns: 'patterns', name_patterns: 'patterns', rewrite: 'map' },
    names: { facts: 'strings', local_names: 'strings', node_name_patterns: 'patterns' },
  },
  tls: {
    path: 'paths',
    variables: { cert: 'patterns', key: 'patterns', ca: 'patterns' },
    endpoints: { tls_line_patterns: 'patterns', tls_schemes: 'strings', plain_schemes: 'strings' },
    selfsigned: { modules: 'strings', provider_values: 'strings', command_patterns: 'patterns', path_patterns: 'patterns' },
  },
};
/** Checks doc against shape; with partial (a user table), keys may be missing. */
export function checkShape(doc: Record<string, unknown>, shape: Shape, at: At, partial: boolean): void {
  onlyKeys(doc, Object.keys(shape), at);
  for (const [k, s] of Object.entries(shape)) {
    const v = doc[k];
    const here = sub(at, k);
    if (v === undefined) {
      if (!partial) fail(here, 'missing');
      continue;
    }
    if (typeof s === 'object') checkShape(table(v, here), s, here, partial);
    else checkLeaf(v, s, here);
  }
}

function checkLeaf(v: unknown, leaf: Leaf, at: At): void {
  switch (leaf) {
    case 'strings':
      strings(v, at);
      return;
    case 'patterns':
      strings(v, at).forEach((p, i) => pattern(p, sub(at, i), 'i'));
      return;
    case 'map':
      stringTable(v, at);
      return;
    case 'paths':
      if (!Array.isArray(v)) fail(at, 'expected [[path]] rows');
      (v as unknown[]).forEach((row, i) => checkPathRow(row, sub(at, i)));
  }
}

function checkPathRow(v: unknown, at: At): PathRule {
  const row = table(v, at);
  onlyKeys(row, ['service', 'kind', 'before'], at);
  return {
    service: required(row, 'service', at, string),
    kind: required(row, 'kind', at, (x, a) => oneOf(PATH_KINDS, x, a)),
    before: required(row, 'before', at, (x, a) => pattern(x, a, 'i')),
  };
}

type Doc = Record<string, unknown>;

/** Compiles two whole rule documents (checked here against their shapes) into Rules. */
export function compileRules(v6: Doc, tls: Doc, files: { ipv6: string; tls: string }): Rules {
  checkShape(v6, RULE_SHAPES.ipv6, atRoot(files.ipv6), false);
  checkShape(tls, RULE_SHAPES.tls, atRoot(files.tls), false);
  // The shapes were checked: every value below has the kind the shape names.
  const t = (d: Doc, k: string) => d[k] as Doc;
  const s = (d: Doc, k: string) => d[k] as string[];
  const re = (d: Doc, k: string) => s(d, k).map((p) => new RegExp(p, 'i'));
  const address = t(v6, 'address');
  const bind = t(v6, 'bind');
  const rewrite = t(bind, 'rewrite') as Record<string, string>;
  if (rewrite.fact === undefined) fail(sub(sub(sub(atRoot(files.ipv6), 'bind'), 'rewrite'), 'fact'), 'missing');
  const names = t(v6, 'names');
  const vars = t(tls, 'variables');
  const endpoints = t(tls, 'endpoints');
  const self = t(tls, 'selfsigned');
  return {
    addressNames: re(address, 'name_patterns'),
    ipv6Facts: s(address, 'ipv6_facts'),
    ipv4Facts: s(address, 'ipv4_facts'),
    inventoryAddress: s(address, 'inventory_address'),
    ipv4Filters: s(address, 'ipv4_filters'),
    ipaddrFilters: s(address, 'ipaddr_filters'),
    wrapFilters: s(address, 'wrap_filters'),
    passthroughFilters: s(address, 'passthrough_filters'),
    joinExempt: re(t(v6, 'join'), 'exempt_line_patterns'),
    bracketKeys: s(t(v6, 'bracket_keys'), 'keys'),
    bindLines: re(bind, 'line_patterns'),
    bindNames: re(bind, 'name_patterns'),
    bindRewrite: new Map(Object.entries(rewrite).filter(([k]) => k !== 'fact')),
    ipv6FactAttribute: rewrite.fact,
    nameFacts: s(names, 'facts'),
    localNames: s(names, 'local_names'),
    nodeNames: re(names, 'node_name_patterns'),
    paths: (tls.path as unknown[]).map((row, i) => checkPathRow(row, sub(sub(atRoot(files.tls), 'path'), i))),
    pathVariables: (['cert', 'key', 'ca'] as const).flatMap((kind) => re(vars, kind).map((p) => ({ kind, pattern: p }))),
    tlsLines: re(endpoints, 'tls_line_patterns'),
    tlsSchemes: s(endpoints, 'tls_schemes'),
    plainSchemes: s(endpoints, 'plain_schemes'),
    selfSignedModules: s(self, 'modules'),
    selfSignedProviders: s(self, 'provider_values'),
    selfSignedCommands: re(self, 'command_patterns'),
    snakeoilPaths: re(self, 'path_patterns'),
  };
}
