// The rule tables of the IPv6/TLS audit: loaded and checked with every other mapping table
// (src/mapping/rule-tables.ts, src/mapping/tables.ts); the analyze stage receives them compiled.
export type { PathKind, PathRule, Rules } from '../mapping/rule-tables.js';
