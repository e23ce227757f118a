// Small typed accessors over the positioned YAML tree.
import type { YMap, YNode, YScalar, YSeq } from './yaml.js';
import { toPlain, VaultValue } from './yaml.js';

export function isMap(n: YNode | undefined | null): n is YMap {
  return !!n && n.kind === 'map';
}
export function isSeq(n: YNode | undefined | null): n is YSeq {
  return !!n && n.kind === 'seq';
}
export function isScalar(n: YNode | undefined | null): n is YScalar {
  return !!n && n.kind === 'scalar';
}

/** The key of a mapping entry as Ansible sees it (PyYAML keys are str() of scalars). */
export function keyName(n: YNode): string {
  if (n.kind !== 'scalar') return '<complex key>';
  const v = n.value;
  if (v instanceof VaultValue) return '<vault>';
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/**
 * The value of `key` in a mapping, keys named as Ansible names them (keyName). The composer already
 * resolved duplicate keys, last wins as in PyYAML; keys that only keyName makes equal (`1` and `"1"`)
 * resolve the same way: the later one.
 */
export function mapGet(m: YMap, key: string): YNode | undefined {
  for (let i = m.entries.length - 1; i >= 0; i--) {
    const e = m.entries[i]!;
    if (keyName(e.key) === key) return e.value;
  }
  return undefined;
}

/** Scalar string value, or undefined when the node is not a string scalar. */
export function scalarString(n: YNode | undefined): string | undefined {
  if (n?.kind !== 'scalar') return undefined;
  return typeof n.value === 'string' ? n.value : undefined;
}

/** Scalar value rendered as Ansible would when it needs a string (numbers, booleans). */
export function scalarText(n: YNode | undefined): string | undefined {
  if (n?.kind !== 'scalar') return undefined;
  const v = n.value;
  if (v instanceof VaultValue) return undefined;
  if (v === null) return undefined;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

export function plain(n: YNode | undefined): unknown {
  return n ? toPlain(n) : undefined;
}

/** A scalar or a list of scalars as a list of nodes (notify, tags, ...). */
export function asList(n: YNode | undefined): YNode[] {
  if (!n) return [];
  if (n.kind === 'seq') return n.items;
  return [n];
}
