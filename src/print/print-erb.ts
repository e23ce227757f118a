// Prints the ERB template IR as an .erb file that renders, under Erubis as Chef uses it, to exactly the IR's text.
//
// Chef renders with `Erubis::Eruby.new(template)`: trim mode on. Erubis scans for
//   /<%(=+|-|#|%)?(.*?)([-=])?%>([ \t]*\r?\n)?/m
// and for a statement tag (`<% %>`), when the text before it on its line is only spaces/tabs at the beginning of a
// line ("lspace") AND the tag is followed by `[ \t]*\r?\n` ("rspace"), it drops both. Output tags never trim.
// So this printer simulates that scan while it writes, and chooses per statement tag:
//   - lspace is empty: write the tag on its own line plus a newline of our own, which the trim eats (natural layout);
//   - no lspace: write the tag inline; nothing can be trimmed;
//   - lspace is indentation that belongs to the text and an rspace would follow: print the indentation through an
//     output tag so the statement is no longer alone on its line.
// Literal `<%` in text is printed as Erubis' `<%%` when a `%>` follows in the same text, else as `<%= '<%' %>`.
// CR LF in text is printed as `<%= "\r\n" %>`: Ruby would read it back as LF (see escapeLiteralText).
// Ruby inside tags is printed with `erbSafe`, so it never contains `%>` (which would end the tag early).
import type { ErbNode } from '../ir/chef-ir.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { printExpr, printPrimary } from './print-expr.js';
import { rubyIdentifier, rubyString } from './quote.js';

/** `tag`: text Erubis reads as a `<%% ... %>` tag, which prints it back unchanged (a `<%` written as `<%%`). */
type Token = { t: 'text'; s: string } | { t: 'tag'; s: string } | { t: 'out'; code: string } | { t: 'stmt'; code: string };

export function printErb(nodes: readonly ErbNode[]): string {
  const tokens = escapeLiteralText(mergeText(flatten(nodes)));
  const w = new ErubisAwareWriter();
  tokens.forEach((tok, i) => {
    if (tok.t === 'text') w.text(tok.s);
    else if (tok.t === 'tag') w.tag(tok.s);
    else if (tok.t === 'out') w.out(tok.code);
    else w.stmt(tok.code, tokens[i + 1]);
  });
  return w.source;
}

const ruby = (e: RExpr): string => printExpr(e, { erbSafe: true });

function flatten(nodes: readonly ErbNode[]): Token[] {
  const out: Token[] = [];
  for (const n of nodes) {
    switch (n.k) {
      case 'text':
        out.push({ t: 'text', s: n.text });
        break;
      case 'out':
        out.push({ t: 'out', code: ruby(n.expr) });
        break;
      case 'assign':
        out.push({ t: 'stmt', code: `${rubyIdentifier(n.name)} = ${ruby(n.value)}` });
        break;
      case 'do':
        out.push({ t: 'stmt', code: ruby(n.expr) });
        break;
      case 'if':
        n.branches.forEach((b, i) => {
          out.push({ t: 'stmt', code: `${i === 0 ? 'if' : 'elsif'} ${ruby(b.cond)}` }, ...flatten(b.body));
        });
        if (n.otherwise !== null && n.otherwise.length > 0) out.push({ t: 'stmt', code: 'else' }, ...flatten(n.otherwise));
        out.push({ t: 'stmt', code: 'end' });
        break;
      case 'each': {
        const items = printPrimary(n.items, { erbSafe: true });
        const method = n.withIndex === true ? 'each_with_index' : 'each';
        const params = n.params.length > 0 ? ` |${n.params.map(rubyIdentifier).join(', ')}|` : '';
        out.push({ t: 'stmt', code: `${items}.${method} do${params}` }, ...flatten(n.body), { t: 'stmt', code: 'end' });
        break;
      }
    }
  }
  return out;
}

/** Adjacent texts join, so that a `<` ending one and a `%` starting the next are seen as the `<%` they print. */
function mergeText(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const tok of tokens) {
    const last = out[out.length - 1];
    if (tok.t === 'text' && last?.t === 'text') out[out.length - 1] = { t: 'text', s: last.s + tok.s };
    else if (tok.t !== 'text' || tok.s !== '') out.push(tok);
  }
  return out;
}

/** Text Erubis cannot carry literally:
 *  - `<%` would open a tag. Written `<%%`, Erubis prints `<%` and everything up to the next `%>`
 *    unchanged; so it is written that way when that `%>` is in the same text (an output or statement
 *    tag after it would be swallowed), else as an output tag of the string `'<%'`;
 *  - CR LF: Erubis copies text into a Ruby string literal, and Ruby's lexer turns CR LF inside source
 *    into LF, so it is an output tag of `"\r\n"`. */
function escapeLiteralText(tokens: Token[]): Token[] {
  return tokens.flatMap((tok): Token[] => {
    if (tok.t !== 'text') return [tok];
    const out: Token[] = [];
    let rest = tok.s;
    for (;;) {
      const open = rest.indexOf('<%');
      const close = open < 0 ? -1 : rest.indexOf('%>', open + 2);
      if (open < 0) {
        out.push(...crlf(rest));
        return out;
      }
      out.push(...crlf(rest.slice(0, open)));
      if (close < 0) {
        out.push({ t: 'out', code: rubyString('<%', { erbSafe: true }) });
        rest = rest.slice(open + 2);
        continue;
      }
      const tagged = rest.slice(open + 2, close + 2);
      // A CR LF inside a `<%%` tag is copied into the same Ruby literal: it cannot be carried there.
      if (tagged.includes('\r\n')) {
        out.push({ t: 'out', code: rubyString('<%', { erbSafe: true }) });
        rest = rest.slice(open + 2);
        continue;
      }
      out.push({ t: 'tag', s: `<%%${tagged}` });
      rest = rest.slice(close + 2);
    }
  });
}

function crlf(s: string): Token[] {
  return s
    .split(/(\r\n)/)
    .filter((piece) => piece !== '')
    .map((piece): Token => (piece === '\r\n' ? { t: 'out', code: rubyString(piece, { erbSafe: true }) } : { t: 'text', s: piece }));
}

/** Writes ERB source while tracking what Erubis' scanner will see at each tag. */
class ErubisAwareWriter {
  source = '';
  /** Offset just after the `%>` of the last tag written; null before the first tag. */
  private lastTagEnd: number | null = null;

  text(s: string): void {
    this.source += s;
  }

  /** A `<%% ... %>`: a tag to Erubis' scanner (its trimming looks at the text after it). */
  tag(s: string): void {
    this.source += s;
    this.lastTagEnd = this.source.length;
  }

  out(code: string): void {
    this.source += `<%= ${code} %>`;
    this.lastTagEnd = this.source.length;
  }

  stmt(code: string, next: Token | undefined): void {
    const lspace = this.lspaceHere();
    if (lspace === '') {
      this.source += `<% ${code} %>`;
      this.lastTagEnd = this.source.length;
      this.source += '\n';
      return;
    }
    if (lspace !== null && next?.t === 'text' && RSPACE.test(next.s)) {
      // The indentation is text to keep, and a trim would drop it with the following newline.
      this.source = this.source.slice(0, this.source.length - lspace.length);
      this.out(rubyString(lspace, { erbSafe: true }));
    }
    this.source += `<% ${code} %>`;
    this.lastTagEnd = this.source.length;
  }

  /** Erubis' `detect_spaces_at_bol` for a tag written now: null, or the whitespace it would trim. */
  private lspaceHere(): string | null {
    let isBol = true;
    let textStart = 0;
    if (this.lastTagEnd !== null) {
      const rspace = RSPACE.exec(this.source.slice(this.lastTagEnd));
      isBol = rspace !== null;
      textStart = this.lastTagEnd + (rspace?.[0].length ?? 0);
    }
    const text = this.source.slice(textStart);
    if (text === '') return isBol ? '' : null;
    if (text.endsWith('\n')) return '';
    const nl = text.lastIndexOf('\n');
    const lastLine = nl >= 0 ? text.slice(nl + 1) : text;
    if (nl < 0 && !isBol) return null;
    return /^[ \t]*$/.test(lastLine) ? lastLine : null;
  }
}

/** What Erubis takes as trailing space after a tag. */
const RSPACE = /^[ \t]*\r?\n/;
