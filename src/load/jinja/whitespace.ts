// Jinja2's whitespace control, applied to the raw text kept in `text` and `raw`
// nodes. Jinja does this inside its lexer (lexer.py: the `\n?` block suffix for
// trim_blocks, `-` stripping, the OptionalLStrip rule for lstrip_blocks, and the
// trailing-newline drop done before lexing); here the same rules run over one
// text segment at a time so both the lexer and `applyWhitespace` share them.

import type { JinjaSettings, Node, Strip, TagWs } from './ast.js';

/** Python's whitespace set (`str.isspace`, `re` `\s`); JS `\s` differs (adds U+FEFF, lacks U+001C-1F, U+0085). */
const PY_WS_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
export const PY_WS_RUN = new RegExp(`[${PY_WS_CLASS}]+`, 'y');
const LEADING_WS = new RegExp(`^[${PY_WS_CLASS}]*`);
const TRAILING_WS = new RegExp(`[${PY_WS_CLASS}]*$`);
const ONLY_WS = new RegExp(`^[${PY_WS_CLASS}]+$`);
const LEADING_NEWLINE = /^(?:\r\n|\r|\n)/;
const TRAILING_NEWLINE = /(?:\r\n|\r|\n)$/;

/** Which delimiter a text segment touches: only block-like tags take trim_blocks/lstrip_blocks. */
export type EdgeKind = 'block' | 'variable' | 'comment' | 'rawBegin' | 'rawEnd';

export interface Edge {
  kind: EdgeKind;
  strip: Strip;
}

/**
 * The part of `text` that Jinja keeps, as [start, end) indices into `text`.
 * `prev` is the tag that ends just before the text (null at template start),
 * `next` the tag that starts right after it (null at template end).
 */
export function keptRange(text: string, prev: Edge | null, next: Edge | null, settings: JinjaSettings): [number, number] {
  let end = text.length;
  if (next === null && !settings.keepTrailingNewline) {
    // Jinja drops one trailing newline of the whole source before lexing.
    const m = TRAILING_NEWLINE.exec(text);
    if (m) end -= m[0].length;
  }
  let start = 0;
  // Jinja's `line_starting`: did the previous tag's end match finish with a newline?
  let lineStarting = prev === null;
  if (prev !== null) {
    if (prev.strip === '-') {
      start = (LEADING_WS.exec(text.slice(0, end)) as RegExpExecArray)[0].length;
      lineStarting = start > 0 && /[\r\n]$/.test(text.slice(0, start));
    } else if (prev.strip === '' && settings.trimBlocks && (prev.kind === 'block' || prev.kind === 'comment' || prev.kind === 'rawEnd')) {
      const m = LEADING_NEWLINE.exec(text.slice(0, end));
      if (m) {
        start = m[0].length;
        lineStarting = true;
      }
    }
  }
  if (next !== null) {
    const body = text.slice(start, end);
    if (next.strip === '-') {
      end = start + body.length - (TRAILING_WS.exec(body) as RegExpExecArray)[0].length;
    } else if (next.strip === '' && settings.lstripBlocks && next.kind !== 'variable') {
      const lastNl = Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r'));
      const lineStart = lastNl + 1;
      if ((lineStart > 0 || lineStarting) && ONLY_WS.test(body.slice(lineStart))) end = start + lineStart;
    }
  }
  return [start, Math.max(start, end)];
}

/** Jinja renders every newline of template data as its newline_sequence ('\n'). */
export function normalizeNewlines(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/**
 * A text or raw node, or one edge of a tag: the kinds never overlap ('text'/'raw' against the
 * EdgeKinds), so a node is its own piece and an edge needs no wrapper. Every string and template
 * is flattened by each stage that reads its rendered text: wrappers and closures per tag were
 * over half of what flattening allocated (22 of 37 MB at 1000 roles).
 */
type TextNode = Extract<Node, { kind: 'text' | 'raw' }>;
type Piece = TextNode | Edge;

const isText = (p: Piece | undefined): p is TextNode => p !== undefined && (p.kind === 'text' || p.kind === 'raw');

/** A tag's two edges: the strip mark after its opening delimiter's side and before its closing one. */
function simpleTag(kind: EdgeKind, ws: TagWs, out: Piece[]): void {
  out.push({ kind, strip: ws.before }, { kind, strip: ws.after });
}

/** Flattens the tree into document order: texts and the tag edges around them. */
function flatten(nodes: Node[], out: Piece[]): void {
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        out.push(n);
        break;
      case 'output':
        out.push({ kind: 'variable', strip: n.stripBefore }, { kind: 'variable', strip: n.stripAfter });
        break;
      case 'comment':
        simpleTag('comment', n.tag, out);
        break;
      case 'raw':
        simpleTag('rawBegin', n.tag, out);
        out.push(n);
        simpleTag('rawEnd', n.endTag, out);
        break;
      case 'if':
        for (const b of n.branches) {
          simpleTag('block', b.tag, out);
          flatten(b.body, out);
        }
        if (n.else && n.elseTag) {
          simpleTag('block', n.elseTag, out);
          flatten(n.else, out);
        }
        simpleTag('block', n.endTag, out);
        break;
      case 'for':
        simpleTag('block', n.tag, out);
        flatten(n.body, out);
        if (n.else && n.elseTag) {
          simpleTag('block', n.elseTag, out);
          flatten(n.else, out);
        }
        simpleTag('block', n.endTag, out);
        break;
      case 'set':
      case 'include':
      case 'import':
        simpleTag('block', n.tag, out);
        break;
      case 'other':
        simpleTag('block', n.tag, out);
        if (n.body) flatten(n.body, out);
        if (n.endTag) simpleTag('block', n.endTag, out);
        break;
      default:
        simpleTag('block', n.tag, out);
        flatten(n.body, out);
        simpleTag('block', n.endTag, out);
    }
  }
}

function rebuild(nodes: Node[], kept: Map<Node, string>): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    switch (n.kind) {
      case 'text': {
        const text = kept.get(n) ?? '';
        if (text !== '') out.push({ ...n, text });
        break;
      }
      case 'raw':
        out.push({ ...n, text: kept.get(n) ?? '' });
        break;
      case 'if':
        out.push({
          ...n,
          branches: n.branches.map((b) => ({ ...b, body: rebuild(b.body, kept) })),
          else: n.else ? rebuild(n.else, kept) : null,
        });
        break;
      case 'for':
        out.push({ ...n, body: rebuild(n.body, kept), else: n.else ? rebuild(n.else, kept) : null });
        break;
      case 'other':
        out.push({ ...n, body: n.body ? rebuild(n.body, kept) : null });
        break;
      case 'setblock':
      case 'macro':
      case 'callblock':
      case 'filterblock':
      case 'with':
        out.push({ ...n, body: rebuild(n.body, kept) });
        break;
      default:
        out.push(n);
    }
  }
  return out;
}

/**
 * Returns a copy of the tree whose `text` and `raw` nodes hold the text Jinja
 * would output: trim_blocks, lstrip_blocks, `-`/`+` marks and the dropped
 * trailing newline applied, newlines normalised to '\n'. Text nodes left empty
 * are removed. `nodes` must be a whole template (the trailing-newline rule
 * looks at its last text).
 */
export function applyWhitespace(nodes: Node[], settings: JinjaSettings): Node[] {
  const pieces: Piece[] = [];
  flatten(nodes, pieces);
  const kept = new Map<Node, string>();
  pieces.forEach((p, i) => {
    if (!isText(p)) return;
    const before = pieces[i - 1];
    const after = pieces[i + 1];
    const prev = before === undefined || isText(before) ? null : before;
    const next = after === undefined || isText(after) ? null : after;
    const [s, e] = keptRange(p.text, prev, next, settings);
    kept.set(p, normalizeNewlines(p.text.slice(s, e)));
  });
  return rebuild(nodes, kept);
}
