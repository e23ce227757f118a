// Composes js-yaml parser events into the positioned YNode tree, applying what PyYAML's composer
// and Ansible's constructor do: anchors/aliases, tags, `<<` merges, duplicate keys (last wins,
// with a warning as Ansible gives), and budgets that stop alias bombs before they cost memory.

import { EVENT_ID, getScalarValue, type DocumentDirective, type Event, type ScalarEvent } from 'js-yaml';
import type { DiagnosticSink, Span } from '../../base/diagnostics.js';
import type { LineIndex } from './yaml-events.js';
import { ComposedMap, ComposedScalar, ComposedSeq, copyNode } from './yaml-nodes.js';
import { constructScalar, resolvePlain, type ScalarType } from './yaml-resolve.js';
import { VaultValue, type YDoc, type YMap, type YMapEntry, type YNode, type YScalar, type YSeq } from './yaml.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface ComposeLimits {
  maxAliases: number;
  maxDepth: number;
  maxNodes: number;
}

const YAML_TAG = 'tag:yaml.org,2002:';
const SCALAR_TAGS = new Set<ScalarType>(['str', 'int', 'float', 'bool', 'null', 'timestamp']);
/** Longest scalar text DocumentComposer.shared keeps one copy of. */
const SHARED_TEXT_MAX = 32;
const STYLES = ['plain', 'plain', 'single', 'double', 'literal', 'folded'] as const;

/** Thrown inside the composer only, when a budget is exceeded; becomes one diagnostic. */
class LimitExceeded extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Extent {
  /** Nodes once aliases are expanded. */
  size: number;
  depth: number;
  /**
   * Where a scalar's source text runs (from, to), from the opening quote or block indicator to the end of the
   * content (the duplicate-key warning shows it). Kept while the document is composed, not on the node as
   * text: a run keeps every node to its end, and a copy of each scalar's source beside its value was
   * memory that grew with the input.
   */
  from?: number;
  to?: number;
}

/** The extent of a node when nothing else is known of it (a scalar's, without its text). */
const UNIT: Extent = { size: 1, depth: 1 };

export function composeDocuments(
  source: string,
  events: Array<Event | undefined>,
  lines: LineIndex,
  file: string,
  sink: DiagnosticSink,
  limits: ComposeLimits,
): YDoc[] {
  const docs: YDoc[] = [];
  let i = 0;
  // Document events carry no offset: an explicit start is the next `---` at the start of a line
  // (YAML forbids that marker inside any content), an implicit one is where its content starts.
  let markersFrom = 0;
  const marker = /^---(?=[ \t\n]|$)/gm;
  while (i < events.length) {
    const ev = events[i];
    events[i++] = undefined;
    if (ev?.type !== EVENT_ID.DOCUMENT) continue;
    let start: Span | undefined;
    if (ev.explicitStart) {
      marker.lastIndex = markersFrom;
      const m = marker.exec(source);
      if (m) {
        start = lines.span(file, m.index);
        markersFrom = m.index + 3;
      }
    }
    const composer = new DocumentComposer(source, events, i, file, sink, limits, lines, ev.directives);
    try {
      const root = events[i]?.type === EVENT_ID.POP ? null : composer.node();
      if (root) composer.rejectKeyOnly(root);
      start ??= root?.span ?? { file, line: 1, col: 1 };
      docs.push({ root, start });
    } catch (e) {
      if (!(e instanceof LimitExceeded)) throw e;
      sink.error('A2C-YAML-LIMIT', e.message, lines.span(file, e.offset));
      return docs;
    }
    i = composer.index + 1; // past the document's POP
  }
  return docs;
}

class DocumentComposer {
  private readonly anchors = new Map<string, YNode>();
  private readonly open = new Set<YNode>();
  /**
   * The extent of the node last composed: node() returns the node, and its parent reads this next.
   * An extent kept per node, in a map held until the document ended, was the largest structure of a
   * large vars file's load, larger than the tree (issue 17); only those read later are kept (below).
   */
  private last: Extent = UNIT;
  /**
   * Extents read after their node's parent is composed: an anchored node's (each alias counts it
   * again, and a key written as an alias shows its text). Maps, not WeakMaps: the collector traces a
   * WeakMap's entries at a cost per entry, and the nodes live as long as the tree anyway.
   */
  private readonly anchored = new Map<YNode, Extent>();
  /**
   * Where a mapping key's source text runs, for the keys whose text is not their value as a string
   * (quoted, escaped, folded, or not a string): the duplicate-key warning shows the text as written,
   * of this mapping's keys or of those a later `<<` merges in. Any other key's text is its value.
   */
  private readonly keyTexts = new Map<YNode, Extent>();
  private aliases = 0;
  private expanded = 0;
  /** End of the last thing read: where an empty scalar is said to be. */
  private lastEnd = 0;
  /** NaN never equals itself, so each NaN key is its own key. */
  private nanKeys = 0;
  /**
   * One string per distinct short text: a vars file repeats the same few keys (and values such as
   * modes, states, names) in thousands of small dicts, and each read of the source made a string of
   * its own that the tree kept to the end of the run. Longer texts are rarely repeated.
   */
  private readonly shortTexts = new Map<string, string>();

  constructor(
    private readonly source: string,
    private readonly events: Array<Event | undefined>,
    public index: number,
    private readonly file: string,
    private readonly sink: DiagnosticSink,
    private readonly limits: ComposeLimits,
    private readonly lines: LineIndex,
    private readonly directives: DocumentDirective[],
  ) {}

  node(): YNode {
    // Each event is read once, in order: letting go of it as it is read lets the collector reclaim
    // the events (about as large as the composed tree) while the tree is being built, instead of
    // holding both whole until the document ends.
    const ev = this.events[this.index];
    this.events[this.index++] = undefined;
    switch (ev?.type) {
      case EVENT_ID.SCALAR:
        return this.scalar(ev);
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        return this.collection(ev);
      case EVENT_ID.ALIAS:
        return this.alias(ev.anchorStart, ev.anchorEnd);
      default:
        // parseEvents always nests events properly; reaching here means a bug, not bad input.
        throw new Error(`unexpected YAML event ${String(ev?.type)}`);
    }
  }

  private span(offset: number): Span {
    return this.lines.span(this.file, offset);
  }

  private alias(start: number, end: number): YNode {
    const name = this.source.slice(start, end);
    const target = this.anchors.get(name);
    this.lastEnd = end;
    if (target === undefined || this.open.has(target)) {
      const why = target === undefined ? 'found undefined alias' : 'recursive alias (a node containing itself)';
      this.sink.error('A2C-YAML-ALIAS', `${why} '*${name}'`, this.span(start - 1));
      return this.placeholder(start - 1);
    }
    if (++this.aliases > this.limits.maxAliases) {
      throw new LimitExceeded(`more than ${this.limits.maxAliases} aliases in one document`, start - 1);
    }
    const extent = this.anchored.get(target) ?? UNIT;
    this.expanded += extent.size;
    if (this.expanded > this.limits.maxNodes) {
      throw new LimitExceeded(`aliases expand to more than ${this.limits.maxNodes} nodes (alias bomb?)`, start - 1);
    }
    this.last = extent;
    return target;
  }

  private placeholder(offset: number): YScalar {
    const node: YScalar = new ComposedScalar(this.span(offset), null, 'null', 'plain');
    this.last = UNIT;
    return node;
  }

  /** Registers an anchor; libyaml rejects a name defined twice, the later one is kept here. */
  private anchor(ev: { anchorStart: number; anchorEnd: number }, node: YNode): void {
    if (ev.anchorStart < 0) return;
    const name = this.source.slice(ev.anchorStart, ev.anchorEnd);
    if (this.anchors.has(name)) {
      this.sink.error('A2C-YAML-ALIAS', `duplicate anchor '&${name}'`, this.span(ev.anchorStart - 1));
    }
    this.anchors.set(name, node);
  }

  /** The tag written on a node, expanded to a full tag name; undefined when absent or `!`. */
  private tagOf(ev: { tagStart: number; tagEnd: number }): { text: string; full: string | undefined } | undefined {
    if (ev.tagStart < 0) return undefined;
    const text = this.source.slice(ev.tagStart, ev.tagEnd);
    if (text === '!') return { text, full: undefined };
    if (text.startsWith('!<')) return { text, full: decodeTag(text.slice(2, -1)) };
    const m = /^(!(?:[A-Za-z0-9-]*!)?)(.*)$/s.exec(text);
    const handle = m?.[1] ?? '!';
    const declared = this.directives.find((d) => d.kind === 'tag' && d.handle === handle);
    const prefix = declared?.kind === 'tag' ? declared.prefix : handle === '!!' ? YAML_TAG : handle === '!' ? '!' : undefined;
    if (prefix === undefined) {
      this.sink.error('A2C-YAML-TAG', `undeclared tag handle '${handle}'`, this.span(ev.tagStart));
      return { text, full: text };
    }
    return { text, full: prefix + decodeTag(m?.[2] ?? '') };
  }

  private start(ev: { anchorStart: number; tagStart: number }, content: number): number {
    // The earliest of the anchor's `&`, the tag and the content that are present; called per node, so no array.
    let at = content >= 0 ? content : Number.POSITIVE_INFINITY;
    if (ev.anchorStart - 1 >= 0 && ev.anchorStart - 1 < at) at = ev.anchorStart - 1;
    if (ev.tagStart >= 0 && ev.tagStart < at) at = ev.tagStart;
    return at === Number.POSITIVE_INFINITY ? this.lastEnd : at;
  }

  private scalar(ev: ScalarEvent): YScalar {
    const style = STYLES[ev.style];
    const tag = this.tagOf(ev);
    const text = this.wellFormed(getScalarValue(this.source, ev), ev);
    let contentStart = ev.valueStart;
    let contentEnd = ev.valueEnd;
    if (style === 'single' || style === 'double') {
      contentStart -= 1;
      contentEnd += 1;
    } else if (style === 'literal' || style === 'folded') {
      contentStart = this.blockIndicator(ev);
    }
    const offset = this.start(ev, contentStart);
    this.lastEnd = Math.max(this.lastEnd, contentEnd, ev.tagEnd, ev.anchorEnd);
    const node: YScalar = new ComposedScalar(this.span(offset), text, 'str', style);
    if (tag) node.tag = this.shared(tag.text);
    this.construct(node, text, tag?.full, offset);
    if (typeof node.value === 'string') node.value = this.shared(node.value);
    this.last = { size: 1, depth: 1, from: contentStart, to: contentEnd };
    if (ev.anchorStart >= 0) this.anchored.set(node, this.last);
    this.anchor(ev, node);
    return node;
  }

  /**
   * A `"\uD800"` escape makes a lone surrogate: Python accepts it, but no UTF-8 file (recipe,
   * template) can hold it, and Ansible fails where it writes one. Reported, and replaced by U+FFFD.
   */
  private wellFormed(text: string, ev: ScalarEvent): string {
    const fixed = text.replace(LONE_SURROGATE, '\uFFFD');
    if (fixed !== text)
      this.sink.error(
        'A2C-YAML-VALUE',
        'string holds a lone UTF-16 surrogate escape, which no UTF-8 file can hold; replaced by U+FFFD',
        this.span(this.start(ev, ev.valueStart - 1)),
      );
    return fixed;
  }

  /**
   * A mapping key's source text (see Extent.from) where it is not its value as a string, else empty:
   * the warning then shows the value, which is that text (see keyTexts).
   */
  private rawText(node: YScalar): string {
    const at = this.keyTexts.get(node);
    return at?.from !== undefined && at.from >= 0 ? this.source.slice(at.from, at.to) : '';
  }

  /** Keeps where a mapping key's text runs when the warning could not show it as its value (see keyTexts). */
  private keepKeyText(key: YNode, at: Extent): void {
    if (key.kind !== 'scalar' || at.from === undefined || at.from < 0 || this.keyTexts.has(key)) return;
    const shown = String(key.value);
    const to = at.to ?? this.source.length;
    if (to - at.from === shown.length && this.source.startsWith(shown, at.from)) return;
    this.keyTexts.set(key, at);
  }

  /** Offset of the `|`/`>` header of a block scalar: js-yaml's offsets start at the content. */
  private blockIndicator(ev: ScalarEvent): number {
    const from = Math.max(this.lastEnd, ev.tagEnd, ev.anchorEnd);
    const headerLine = ev.valueStart > 0 ? this.lines.startOfLine(ev.valueStart - 1) : from;
    const begin = Math.max(from, headerLine);
    const rel = this.source.slice(begin, ev.valueStart > 0 ? ev.valueStart : undefined).search(/[|>]/);
    return rel < 0 ? ev.valueStart : begin + rel;
  }

  private construct(node: YScalar, text: string, tag: string | undefined, offset: number): void {
    if (tag === undefined) {
      // The non-specific tag `!` leaves a plain scalar to implicit resolution, as libyaml does.
      const type = node.style === 'plain' ? resolvePlain(text) : 'str';
      this.setValue(node, type, text, offset);
      return;
    }
    if (tag === '!vault' || tag === '!vault-encrypted') {
      node.value = new VaultValue(detached(text));
      node.type = 'vault';
      return;
    }
    if (tag === '!unsafe') {
      node.unsafe = true;
      return;
    }
    const short = tag.startsWith(YAML_TAG) ? (tag.slice(YAML_TAG.length) as ScalarType) : undefined;
    if (short !== undefined && SCALAR_TAGS.has(short)) {
      this.setValue(node, short, text, offset);
      return;
    }
    this.sink.error('A2C-YAML-TAG', `unknown or unsupported tag '${node.tag ?? tag}' on a scalar`, this.span(offset));
  }

  private setValue(node: YScalar, type: ScalarType, text: string, offset: number): void {
    const built = constructScalar(type, text);
    if (!built.ok) {
      this.sink.error('A2C-YAML-VALUE', built.message, this.span(offset));
      return;
    }
    node.type = built.type;
    node.value = built.value;
    if (built.type === 'int' && !Number.isSafeInteger(built.value)) {
      this.sink.warning('A2C-YAML-VALUE', `integer ${text} is too large to keep exactly`, this.span(offset));
    }
  }

  private collection(ev: Extract<Event, { type: 2 | 3 }>): YNode {
    const tag = this.tagOf(ev);
    const offset = this.start(ev, ev.start);
    this.lastEnd = Math.max(this.lastEnd, ev.start);
    const isSeq = ev.type === EVENT_ID.SEQUENCE;
    const node: YSeq | YMap = isSeq ? new ComposedSeq(this.span(offset), []) : new ComposedMap(this.span(offset), []);
    if (tag) node.tag = this.shared(tag.text);
    this.anchor(ev, node);
    this.open.add(node);
    const children: YNode[] = [];
    let size = 1;
    let depth = 0;
    while (this.events[this.index]?.type !== EVENT_ID.POP) {
      const child = this.node();
      if (!isSeq && children.length % 2 === 0) this.keepKeyText(child, this.last);
      children.push(child);
      size += this.last.size;
      depth = Math.max(depth, this.last.depth);
    }
    this.index++;
    this.open.delete(node);

    if (depth + 1 > this.limits.maxDepth) {
      throw new LimitExceeded(`nesting deeper than ${this.limits.maxDepth} levels (aliases expanded)`, offset);
    }
    const extent: Extent = { size, depth: depth + 1 };
    if (ev.anchorStart >= 0) this.anchored.set(node, extent);

    // Copied at their final length: an array grown by push keeps room for up to 16 more elements,
    // and the tree keeps every collection to the end of the run.
    if (node.kind === 'seq') {
      children.forEach((c) => this.rejectKeyOnly(c));
      node.items = children.slice();
    } else {
      node.entries = this.mapping(children).slice();
    }
    const result = this.applyCollectionTag(node, tag?.full, offset);
    // An alias to an `!unsafe` collection must see the marked copy, as PyYAML shares the node.
    if (result !== node && ev.anchorStart >= 0) this.anchors.set(this.source.slice(ev.anchorStart, ev.anchorEnd), result);
    // The marked copy has no extent of its own: it counts as one node, in its parent and through aliases.
    this.last = result === node ? extent : UNIT;
    return result;
  }

  private applyCollectionTag(node: YSeq | YMap, tag: string | undefined, offset: number): YNode {
    if (tag === undefined || tag === YAML_TAG + (node.kind === 'seq' ? 'seq' : 'map')) return node;
    if (tag === '!unsafe') return markUnsafe(node);
    this.sink.error(
      'A2C-YAML-TAG',
      `unknown or unsupported tag '${node.tag ?? tag}' on a ${node.kind === 'seq' ? 'sequence' : 'mapping'}`,
      this.span(offset),
    );
    return node;
  }

  /** PyYAML's flatten_mapping then Ansible's construct_mapping, over alternating key/value nodes. */
  private mapping(children: YNode[]): YMapEntry[] {
    const merged: YMapEntry[] = [];
    const own: YMapEntry[] = [];
    for (let k = 0; k + 1 < children.length; k += 2) {
      const key = children[k] as YNode;
      const value = children[k + 1] as YNode;
      this.rejectKeyOnly(value);
      if (key.kind === 'scalar' && key.type === 'merge') merged.push(...this.mergeSource(value));
      else {
        // flatten_mapping turns a `=` key into a plain string key.
        if (key.kind === 'scalar' && key.type === 'value') key.type = 'str';
        own.push({ key, value });
      }
    }
    const out: YMapEntry[] = [];
    const index = new Map<string, number>();
    for (const entry of merged.length ? [...merged, ...own] : own) {
      const id = this.keyIdentity(entry.key);
      if (id === undefined) continue;
      const at = index.get(id);
      if (at === undefined) {
        index.set(id, out.length);
        out.push(entry);
        continue;
      }
      const first = out[at] as YMapEntry;
      const shown = first.key.kind === 'scalar' ? String(this.rawText(first.key) || first.key.value) : '?';
      this.sink.warning('A2C-YAML-DUPKEY', `duplicate key '${shown}': the last value is used`, entry.key.span, [
        `first defined at line ${first.key.span.line}, column ${first.key.span.col}`,
      ]);
      // A Python dict keeps the first key's place and takes the new value.
      out[at] = { key: first.key, value: entry.value };
    }
    return out;
  }

  /** The text kept by the tree: one string per distinct short text, each a copy of its own (detached). */
  private shared(text: string): string {
    if (text.length > SHARED_TEXT_MAX) return detached(text);
    const known = this.shortTexts.get(text);
    if (known !== undefined) return known;
    const own = detached(text);
    this.shortTexts.set(own, own);
    return own;
  }

  /** PyYAML has no constructor for a plain `<<` or `=` outside the key position. */
  rejectKeyOnly(node: YNode): void {
    if (node.kind === 'scalar' && (node.type === 'merge' || node.type === 'value')) {
      this.sink.error('A2C-YAML-TAG', `'${String(node.value)}' is only valid as a mapping key`, node.span);
      node.type = 'str';
    }
  }

  /** Entries a `<<` value contributes: a mapping, or mappings where earlier ones win. */
  private mergeSource(value: YNode): YMapEntry[] {
    if (value.kind === 'map') return value.entries;
    if (value.kind === 'seq') {
      const parts: YMapEntry[][] = [];
      for (const item of value.items) {
        if (item.kind !== 'map') {
          this.sink.error('A2C-YAML-MERGE', 'expected a mapping for merging', item.span);
          continue;
        }
        parts.push(item.entries);
      }
      return parts.reverse().flat();
    }
    this.sink.error('A2C-YAML-MERGE', 'expected a mapping or list of mappings for merging', value.span);
    return [];
  }

  /** Python's dict-key equality: 1, 1.0 and true are one key; collections cannot be keys. */
  private keyIdentity(key: YNode): string | undefined {
    if (key.kind !== 'scalar') {
      this.sink.error('A2C-YAML-KEY', `a ${key.kind === 'seq' ? 'sequence' : 'mapping'} cannot be a mapping key`, key.span);
      return undefined;
    }
    const v = key.value;
    if (v instanceof VaultValue) return `vault:${v.ciphertext}`;
    if (typeof v === 'number' || typeof v === 'boolean') return Number.isNaN(Number(v)) ? `nan:${this.nanKeys++}` : `n:${Number(v)}`;
    if (v === null) return 'null';
    return key.type === 'timestamp' ? `t:${v}` : `s:${v}`;
  }
}

/**
 * A copy of `text` that holds no part of the file's source. A scalar's text is read out of the
 * source, and V8 keeps a substring (or a concatenation of substrings, for folded and escaped text)
 * as a view of the string it came from: one such value left in the tree kept the whole source, a
 * second copy of a multi-megabyte vars file, alive to the end of the run (issue 17). Encoding and
 * decoding makes a string of its own; composed text is well-formed (see wellFormed), so the round
 * trip through UTF-8 keeps it exactly.
 */
function detached(text: string): string {
  return text.length < OWN_COPY_BELOW ? text : Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * V8 makes a view (a slice or a concatenation) only of a string at least this long (SlicedString and
 * ConsString kMinLength); a shorter substring or concatenation is copied into a string of its own, so
 * it needs no round trip: most keys and short values of a vars file are that short, and the round
 * trip, one native call each, was most of the composer's scalar cost.
 */
const OWN_COPY_BELOW = 13;

function decodeTag(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Ansible's `!unsafe` on a collection marks every string inside (wrap_var). Nodes may be shared
 * through aliases, so the marked tree is a copy.
 */
function markUnsafe(node: YNode): YNode {
  if (node.kind === 'scalar') return typeof node.value === 'string' ? copyNode(node, { unsafe: true }) : node;
  if (node.kind === 'seq') return copyNode(node, { items: node.items.map(markUnsafe) });
  return copyNode(node, { entries: node.entries.map((e) => ({ key: markUnsafe(e.key), value: markUnsafe(e.value) })) });
}
