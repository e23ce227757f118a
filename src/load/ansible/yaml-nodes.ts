// The nodes the YAML composer makes. A run keeps every node of every file to the end of its
// translation, and a {file, line, col} object per node was a tenth of the live heap on a large
// defaults file; a composed node holds its file name (one string shared by all the nodes of its
// file) and its line and column packed into one small integer, and makes its span when asked.
// Nodes made elsewhere (synthesised, copied) are plain objects with a span of their own.
import type { Span } from '../../base/diagnostics.js';
import type { ScalarType } from './yaml-resolve.js';
import type { VaultValue, YMap, YMapEntry, YNode, YScalar, YSeq } from './yaml.js';

/** Columns below 2^12 and lines below 2^19 pack into a small integer (V8 keeps it in the field). */
const COL_BITS = 12;
const COL_MASK = (1 << COL_BITS) - 1;
const LINE_LIMIT = 2 ** (31 - COL_BITS);

abstract class Positioned {
  readonly spanFile: string;
  /** Line and column packed, or the span itself when they do not fit. */
  readonly spanAt: number | Span;
  constructor(span: Span) {
    this.spanFile = span.file;
    this.spanAt = span.col <= COL_MASK && span.line < LINE_LIMIT ? (span.line << COL_BITS) | span.col : span;
  }
  get span(): Span {
    const at = this.spanAt;
    return typeof at === 'number' ? { file: this.spanFile, line: at >>> COL_BITS, col: at & COL_MASK } : at;
  }
}

export class ComposedScalar extends Positioned implements YScalar {
  readonly kind = 'scalar';
  declare tag?: string;
  declare unsafe?: true;
  constructor(
    span: Span,
    public value: string | number | boolean | null | VaultValue,
    public type: ScalarType | 'vault',
    public style: YScalar['style'],
  ) {
    super(span);
  }
}

export class ComposedSeq extends Positioned implements YSeq {
  readonly kind = 'seq';
  declare tag?: string;
  constructor(
    span: Span,
    public items: YNode[],
  ) {
    super(span);
  }
}

export class ComposedMap extends Positioned implements YMap {
  readonly kind = 'map';
  declare tag?: string;
  constructor(
    span: Span,
    public entries: YMapEntry[],
  ) {
    super(span);
  }
}

/**
 * A node with some fields changed, as a plain object with its own span. The copy to use instead of
 * `{ ...node }`, which would leave a composed node's span behind (it is not an own field);
 * test/architecture/no-node-spread.test.ts finds such spreads with the type checker.
 */
export function copyNode<T extends YNode>(node: T, changes: Partial<T>): T {
  const { spanFile: _file, spanAt: _at, ...own } = node as T & Partial<Positioned>;
  return { ...own, span: node.span, ...changes } as T;
}
