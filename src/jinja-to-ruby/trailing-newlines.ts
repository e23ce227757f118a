// Ansible's template action restores the trailing newlines Jinja's lexer drops: when the source
// ends with N newlines and the rendered text with fewer, it appends the difference
// (Templar.do_template with preserve_trailing_newlines). The ERB reproduces that without touching
// Erubis' output buffer: the count the rendered text ends with is worked out per path of the
// template, and the missing newlines are written as text where every path agrees, inside each
// branch of a final if, after a final loop split on whether it ran, or, when the text ends with a
// value, by `A2C::Jinja.end_with_newlines(value, n)` around that value.
//
// What none of these decide keeps the run-time fix-up of Erubis' buffer (`_buf`).
//
// Counts are capped at N (more newlines than N change nothing); a set of counts is what a run can
// end with, given the count before.
import { call, int, rvar, str, type RExpr } from '../ir/ruby-ast.js';
import type { ErbNode } from '../ir/chef-ir.js';
import { J, type SType } from './rb.js';

type Counts = ReadonlySet<number>;

/**
 * What an output tag prints, as far as its ending is concerned; 'str-read': a Ruby String that Ruby
 * prints as Python does, read by an expression cheap and safe to evaluate twice (its ending is
 * then tested where the template ends with it); 'text-read': the same of a String or an Integer
 * (text or integer, SType 'strint'), whose ending is tested on its text.
 */
export type OutputKind = 'empty' | 'no-newline-end' | 'str-read' | 'text-read' | 'any';

/** The ending of Python str() of a value of this static type, as Ansible prints it (None as ''), and of the Ruby that prints it. */
export function outputKind(t: SType, printed?: RExpr): OutputKind {
  if (t === 'none') return 'empty';
  // str() of a number or a boolean is never empty and has no newline; a list or dict ends with ] or }.
  if (t === 'int' || t === 'float' || t === 'bool' || t === 'list' || t === 'dict') return 'no-newline-end';
  // A choice between texts (`b | lower` of a boolean: 'true' or 'false'): what every choice ends with.
  if (printed && endsWithText(printed)) return 'no-newline-end';
  if (t === 'str' && printed && isPlainRead(printed)) return 'str-read';
  if (t === 'strint' && printed && isPlainRead(printed)) return 'text-read';
  return 'any';
}

/** A non-empty literal text, or a choice between such, that does not end with a newline. */
function endsWithText(e: RExpr): boolean {
  if (e.k === 'str') return e.v !== '' && !e.v.endsWith('\n');
  return e.k === 'ternary' && endsWithText(e.t) && endsWithText(e.f);
}

/** A local or a node attribute read (`node['cb']['k']`, `node.read!('cb', 'k')`): no side effect, the same value twice. */
function isPlainRead(e: RExpr): boolean {
  if (e.k === 'var') return e.name !== '_buf';
  if (e.k === 'index') return (e.key.k === 'str' || e.key.k === 'int') && (isNodeRef(e.recv) || isPlainRead(e.recv));
  return e.k === 'call' && e.name === 'read!' && e.recv !== undefined && isNodeRef(e.recv) && e.args.every((a) => a.k === 'str');
}

const isNodeRef = (e: RExpr): boolean => e.k === 'call' && e.name === 'node' && e.recv === undefined && e.args.length === 0;

/**
 * Appends to `body` what makes it end with at least `wanted` newlines, as Ansible's template action
 * does. `kindOf` says what an output node prints (absent: anything).
 */
export function restoreTrailingNewlines(body: ErbNode[], wanted: number, kindOf: (n: ErbNode) => OutputKind | undefined): void {
  if (wanted === 0) return;
  const a = new Analysis(wanted, kindOf);
  const padded = a.pad(body, wanted, new Set([0]));
  // Not decided by the shapes above (a loop or a run of values whose last one may be only
  // newlines): the rendered text is fixed up in Erubis' output buffer, the one place left that does.
  if (padded === null) body.push({ k: 'assign', name: '_buf', value: J('pad_newlines', [rvar('_buf'), int(wanted)]) });
  else body.splice(0, body.length, ...padded);
}

class Analysis {
  /**
   * The one-count sets, by count, and the set of every count: made once per analysis and shared,
   * since Counts are never changed (a text node made a set of its own, and most nodes are text).
   */
  private readonly singles: Counts[];
  private readonly any: Counts;

  constructor(
    private readonly cap: number,
    private readonly kindOf: (n: ErbNode) => OutputKind | undefined,
  ) {
    this.singles = Array.from({ length: cap + 1 }, (_, i) => new Set([i]));
    this.any = new Set(Array.from({ length: cap + 1 }, (_, i) => i));
  }

  /** The counts a run of `nodes` can end with, starting from any of `before`. */
  after(nodes: readonly ErbNode[], before: Counts): Counts {
    return nodes.reduce((s, n) => this.node(n, s), before);
  }

  private node(n: ErbNode, s: Counts): Counts {
    switch (n.k) {
      case 'text': {
        const nl = trailing(n.text);
        if (nl < n.text.length) return this.singles[Math.min(nl, this.cap)]!;
        return new Set([...s].map((c) => Math.min(c + nl, this.cap)));
      }
      case 'out': {
        const kind = this.kindOf(n) ?? 'any';
        if (kind === 'empty') return s;
        if (kind === 'no-newline-end') return this.singles[0]!;
        return this.any;
      }
      case 'assign':
      case 'do':
        return s;
      case 'if': {
        const out = new Set<number>(n.otherwise === null ? s : this.after(n.otherwise, s));
        for (const b of n.branches) for (const c of this.after(b.body, s)) out.add(c);
        return out;
      }
      case 'each': {
        if (rendersElsewhere(n)) return s;
        const out = new Set<number>(s);
        for (const c of this.iterations(n, s)) out.add(c);
        return out;
      }
    }
  }

  /** The counts after one or more iterations of a loop body. */
  private iterations(n: Extract<ErbNode, { k: 'each' }>, before: Counts): Set<number> {
    const seen = new Set<number>();
    let frontier: Counts = before;
    for (;;) {
      const next = [...this.after(n.body, frontier)].filter((c) => !seen.has(c));
      if (next.length === 0) return seen;
      for (const c of next) seen.add(c);
      frontier = new Set(next);
    }
  }

  /** `nodes` with what makes them end with `wanted` newlines, starting from `before`; null when that cannot be written. */
  pad(nodes: readonly ErbNode[], wanted: number, before: Counts): ErbNode[] | null {
    if (wanted <= 0) return [...nodes];
    const end = this.after(nodes, before);
    const only = single(end);
    if (only !== undefined) return only >= wanted ? [...nodes] : [...nodes, newlines(wanted - only)];
    const last = nodes[nodes.length - 1];
    if (last === undefined) return null;
    const prefix = nodes.slice(0, -1);
    const then = (rest: ErbNode[] | null, ...tail: ErbNode[]) => (rest === null ? null : [...rest, ...tail]);
    switch (last.k) {
      case 'text':
        // Only newlines (other text would have fixed the count): the prefix owes that many fewer.
        return then(this.pad(prefix, wanted - last.text.length, before), last);
      case 'assign':
      case 'do':
        return then(this.pad(prefix, wanted, before), last);
      case 'if': {
        const start = this.after(prefix, before);
        const branches = last.branches.map((b) => ({ cond: b.cond, body: this.pad(b.body, wanted, start) }));
        const otherwise = this.pad(last.otherwise ?? [], wanted, start);
        if (otherwise === null || branches.some((b) => b.body === null)) return null;
        const padded: ErbNode = {
          k: 'if',
          branches: branches as Array<{ cond: RExpr; body: ErbNode[] }>,
          otherwise: otherwise.length ? otherwise : null,
        };
        return [...prefix, padded];
      }
      case 'out': {
        if (this.kindOf(last) === 'empty') return then(this.pad(prefix, wanted, before), last);
        const start = single(this.after(prefix, before));
        if (start === undefined) return null;
        // One newline owed after a text read that nothing before it ends in a newline: the text's own
        // ending decides, written as plain Ruby (an empty text leaves it owed too).
        const kind = this.kindOf(last);
        if (wanted === 1 && start === 0 && (kind === 'str-read' || kind === 'text-read')) {
          const text = kind === 'text-read' ? call(last.expr, 'to_s') : last.expr;
          const owed: RExpr = { k: 'ternary', c: call(text, 'end_with?', [str('\n')]), t: str(''), f: str('\n') };
          return [...nodes, { k: 'out', expr: owed }];
        }
        return [...prefix, { k: 'out', expr: J('end_with_newlines', [last.expr, int(wanted), ...(start > 0 ? [int(start)] : [])]) }];
      }
      case 'each': {
        if (rendersElsewhere(last)) return then(this.pad(prefix, wanted, before), last);
        // Ends with the text before the loop when it ran zero times, else with its last iteration.
        const start = this.after(prefix, before);
        const ran = single(this.iterations(last, start));
        const skipped = single(start);
        if (ran === undefined || skipped === undefined || last.items.k !== 'var') return null;
        const empty = call(rvar(last.items.name), 'empty?');
        const fix: ErbNode =
          skipped >= wanted
            ? { k: 'if', branches: [{ cond: { k: 'not', e: empty }, body: [newlines(wanted - ran)] }], otherwise: null }
            : {
                k: 'if',
                branches: [{ cond: empty, body: [newlines(wanted - skipped)] }],
                otherwise: ran < wanted ? [newlines(wanted - ran)] : null,
              };
        return [...prefix, last, fix];
      }
    }
  }
}

/** A loop over a Capture, Macro or RecursiveLoop object: its body renders into a string of its own. */
function rendersElsewhere(n: Extract<ErbNode, { k: 'each' }>): boolean {
  return n.params[0] === '_buf';
}

function single(s: Counts): number | undefined {
  return s.size === 1 ? [...s][0] : undefined;
}

/** How many newlines `s` ends with (counted in place: a copy of `s` without them is not needed). */
function trailing(s: string): number {
  let i = s.length;
  while (i > 0 && s.charCodeAt(i - 1) === 10) i--;
  return s.length - i;
}

function newlines(n: number): ErbNode {
  return { k: 'text', text: '\n'.repeat(n) };
}
