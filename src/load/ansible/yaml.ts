// The YAML layer of the loader: YAML read exactly as Ansible reads it (PyYAML's YAML 1.1 resolver,
// Ansible's `!vault` and `!unsafe` tags), as a tree where every node knows its source position.
// js-yaml only tokenises (parseEvents gives offsets); composing and resolving are ours.

import type { DiagnosticSink, Span } from '../../base/diagnostics.js';
import { composeDocuments } from './yaml-compose.js';
import { tokenise } from './yaml-events.js';
import type { ScalarType } from './yaml-resolve.js';

export type { ScalarType } from './yaml-resolve.js';
export { copyNode } from './yaml-nodes.js';

/** A `!vault` value. Kept as ciphertext: the converter never decrypts. */
export class VaultValue {
  constructor(readonly ciphertext: string) {}
}

interface YBase {
  span: Span;
  /** The explicit tag as written, e.g. `!vault`, `!unsafe`, `!!str`. */
  tag?: string;
}

export interface YScalar extends YBase {
  kind: 'scalar';
  value: string | number | boolean | null | VaultValue;
  /**
   * What the value is in Python terms. Needed because JS numbers cannot tell `1.0` from `1`, and
   * timestamps are kept as the string Ansible templates them to (`str(date)`).
   */
  type: ScalarType | 'vault';
  style: 'plain' | 'single' | 'double' | 'literal' | 'folded';
  /** Set by `!unsafe` (on the scalar or an enclosing collection): never template this string. */
  unsafe?: true;
}

export interface YSeq extends YBase {
  kind: 'seq';
  items: YNode[];
}

export interface YMapEntry {
  key: YNode;
  value: YNode;
}

/** Entries after `<<` merges and duplicate keys are resolved, in Python dict order. */
export interface YMap extends YBase {
  kind: 'map';
  entries: YMapEntry[];
}

export type YNode = YScalar | YSeq | YMap;

export interface YDoc {
  root: YNode | null;
  /** Where the document begins: its `---` marker, else its content. */
  start: Span;
}

export interface YamlOptions {
  /** Most alias (`*name`) uses per document. Default 10,000. */
  maxAliases?: number;
  /** Deepest nesting of collections, aliases expanded. Default 100 (js-yaml's default). */
  maxDepth?: number;
  /** Most nodes a document may hold once every alias is expanded. Default 1,000,000. */
  maxNodes?: number;
  /**
   * Longest text (UTF-16 units) parsed. Default 16 MiB, over 400 times the largest file of the corpus:
   * the whole pipeline costs a few seconds and some 30 MB of memory per MB of YAML (`npm run bench`
   * measures up to 8 MB), so a generated 100 MB file fails at once instead of taking minutes and gigabytes.
   */
  maxLength?: number;
}

const DEFAULTS: Required<YamlOptions> = { maxAliases: 10_000, maxDepth: 100, maxNodes: 1_000_000, maxLength: 16 * 1024 * 1024 };

/**
 * Parses every document of a YAML stream. Never throws for bad input: syntax errors, unknown
 * tags, alias bombs and the like become diagnostics, and the documents read so far are returned.
 */
export function parseYaml(text: string, file: string, sink: DiagnosticSink, opts: YamlOptions = {}): YDoc[] {
  const { maxLength, ...limits }: Required<YamlOptions> = { ...DEFAULTS, ...opts };
  if (text.length > maxLength) {
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
    sink.error('A2C-YAML-LIMIT', `file is ${mb(text.length)}, more than the ${mb(maxLength)} a YAML file may have; not read`, {
      file,
      line: 1,
      col: 1,
    });
    return [];
  }
  // CRLF and lone CR are line breaks in YAML; normalising keeps values and line numbers identical.
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const tokens = tokenise(source, limits.maxDepth);
  if (!tokens.ok) {
    const { reason, mark } = tokens.error;
    const span: Span = mark ? positionAt(source, mark.position, file) : { file, line: 1, col: 1 };
    const code = /depth/i.test(reason) ? 'A2C-YAML-LIMIT' : 'A2C-YAML-SYNTAX';
    sink.error(code, `YAML syntax error: ${reason}`, span);
    return [];
  }
  return composeDocuments(tokens.source, tokens.events, tokens.lines, file, sink, limits);
}

/** Line and column of an offset, clamped to the text (js-yaml's own mark can run past the last line). */
function positionAt(source: string, position: number, file: string): Span {
  const before = source.slice(0, Math.max(0, Math.min(position, source.length)));
  const lines = before.split('\n');
  return { file, line: lines.length, col: lines[lines.length - 1]!.length + 1 };
}

/** Keys of a mapping as strings (how toPlain names them). */
export function mapKeys(map: YMap): string[] {
  return map.entries.map((e) => (e.key.kind === 'scalar' ? scalarKey(e.key) : ''));
}

export function isMap(node: YNode | null | undefined): node is YMap {
  return node?.kind === 'map';
}

export function isSeq(node: YNode | null | undefined): node is YSeq {
  return node?.kind === 'seq';
}

export function isScalar(node: YNode | null | undefined): node is YScalar {
  return node?.kind === 'scalar';
}

/** A scalar key as a string: `String(value)`, so `1: x` is key `'1'` and `true: x` is `'true'`. */
export function scalarKey(node: YScalar): string {
  return node.value instanceof VaultValue ? node.value.ciphertext : String(node.value);
}

/**
 * The plain JS value of a node: objects with string keys in insertion order (JS puts integer-like
 * keys first; that is the one order difference from Python), arrays, and scalars. VaultValue stays
 * an instance. A node shared through an alias becomes one shared JS value, as in PyYAML.
 */
export function toPlain(node: YNode | null): unknown {
  return node === null ? null : plain(node, new Map());
}

function plain(node: YNode, seen: Map<YNode, unknown>): unknown {
  if (node.kind === 'scalar') return node.value;
  const done = seen.get(node);
  if (done !== undefined) return done;
  if (node.kind === 'seq') {
    const out: unknown[] = [];
    seen.set(node, out);
    for (const item of node.items) out.push(plain(item, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(node, out);
  for (const { key, value } of node.entries) {
    if (key.kind !== 'scalar') continue;
    const name = scalarKey(key);
    const v = plain(value, seen);
    // A YAML key `__proto__` is data, not the object's prototype.
    if (name === '__proto__') Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
    else out[name] = v;
  }
  return out;
}
