// The nodes the YAML composer makes. A run keeps every node of every file to the end of its
// translation, and a {file, line, col} object per node was a tenth of the live heap on a large
// defaults file; a composed node holds its file name (one string shared by all the nodes of its
// file) and its line and column packed into one small integer, and makes its span when asked.
// Nodes made elsewhere (synthesised, copied) are plain objects with a span of their own.
import type { Span } from '../../base/diagnostics.js';
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

/** A scalar's type and style as small integers, packed into one field (see ComposedScalar). */
const TYPES: ReadonlyArray<YScalar['type']> = ['str', 'int', 'float', 'bool', 'null', 'timestamp', 'merge', 'value', 'vault'];
const STYLES: ReadonlyArray<YScalar['style']> = ['plain', 'single', 'double', 'literal', 'folded'];
const STYLE_BITS = 3;
const STYLE_MASK = (1 << STYLE_BITS) - 1;

function typeCode(type: YScalar['type']): number {
  const code = TYPES.indexOf(type);
  if (code < 0) throw new Error(`unknown scalar type ${String(type)}`);
  return code << STYLE_BITS;
}

function styleCode(style: YScalar['style']): number {
  const code = STYLES.indexOf(style);
  if (code < 0) throw new Error(`unknown scalar style ${String(style)}`);
  return code;
}

/**
 * Scalars are most of a vars file's nodes, and every field of one costs a pointer for each of them
 * to the end of the run: `kind` lives on the prototype (as for the collections below), and type
 * and style share one small integer.
 */
export class ComposedScalar extends Positioned implements YScalar {
  declare readonly kind: 'scalar';
  declare tag?: string;
  declare unsafe?: true;
  /** Type code shifted left by STYLE_BITS, or'ed with the style code. */
  typeStyle: number;
  constructor(
    span: Span,
    public value: string | number | boolean | null | VaultValue,
    type: YScalar['type'],
    style: YScalar['style'],
  ) {
    super(span);
    this.typeStyle = typeCode(type) | styleCode(style);
  }
  get type(): YScalar['type'] {
    return TYPES[this.typeStyle >>> STYLE_BITS] as YScalar['type'];
  }
  set type(type: YScalar['type']) {
    this.typeStyle = typeCode(type) | (this.typeStyle & STYLE_MASK);
  }
  get style(): YScalar['style'] {
    return STYLES[this.typeStyle & STYLE_MASK] as YScalar['style'];
  }
  set style(style: YScalar['style']) {
    this.typeStyle = (this.typeStyle & ~STYLE_MASK) | styleCode(style);
  }
}

export class ComposedSeq extends Positioned implements YSeq {
  declare readonly kind: 'seq';
  declare tag?: string;
  constructor(
    span: Span,
    public items: YNode[],
  ) {
    super(span);
  }
}

export class ComposedMap extends Positioned implements YMap {
  declare readonly kind: 'map';
  declare tag?: string;
  constructor(
    span: Span,
    public entries: YMapEntry[],
  ) {
    super(span);
  }
}

// On the prototypes, not enumerable: a node's own fields are its data (copyNode adds `kind` back).
Object.defineProperty(ComposedScalar.prototype, 'kind', { value: 'scalar' });
Object.defineProperty(ComposedSeq.prototype, 'kind', { value: 'seq' });
Object.defineProperty(ComposedMap.prototype, 'kind', { value: 'map' });

/**
 * A node with some fields changed, as a plain object with its own span. The copy to use instead of
 * `{ ...node }`, which would leave a composed node's span behind (it is not an own field);
 * test/architecture/no-node-spread.test.ts finds such spreads with the type checker.
 */
export function copyNode<T extends YNode>(node: T, changes: Partial<T>): T {
  const { spanFile: _file, spanAt: _at, typeStyle: _ts, ...own } = node as T & Partial<Positioned> & { typeStyle?: number };
  // Fields a composed node keeps on its prototype or packed, first as in a node written by hand.
  const derived = node.kind === 'scalar' ? { kind: node.kind, value: node.value, type: node.type, style: node.style } : { kind: node.kind };
  return { ...derived, ...own, span: node.span, ...changes } as T;
}
