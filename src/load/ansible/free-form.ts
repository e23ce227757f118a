// Free-form `k=v` module arguments, read the way Ansible reads them (ansible.parsing.splitter:
// split_args, parse_kv, join_args). The text is cut at single spaces and line breaks, except inside
// quotes and Jinja `{{ }}` / `{% %}` / `{# #}` blocks, and every token keeps the whitespace that
// followed it: a multi-line `shell: |` script is rejoined with its line breaks, so it runs line by
// line as in Ansible instead of as one long line.
import { PYTHON_SIMPLE_ESCAPES } from '../python-escapes.js';

export interface FreeFormParse {
  params: Array<{ key: string; value: string }>;
  /** What is left after k=v extraction (the command line for command/shell), whitespace kept. */
  raw: string;
  /** Set when Ansible refuses the text (unbalanced quotes or Jinja blocks). */
  error?: string;
}

type Split = { ok: true; tokens: string[] } | { ok: false; error: string };

/** The quote still open after `token`, starting from `open` (a quote after a backslash does not count). */
function openQuote(token: string, open: string | null): string | null {
  let q = open;
  for (let i = 0; i < token.length; i++) {
    const c = token[i]!;
    if ((c === '"' || c === "'") && (i === 0 || token[i - 1] !== '\\')) {
      if (q === null) q = c;
      else if (c === q) q = null;
    }
  }
  return q;
}

/** Occurrences of `s` in `text`, not overlapping (Python's str.count). */
function count(text: string, s: string): number {
  return text.split(s).length - 1;
}

/**
 * Tokens as Ansible's splitter makes them. A run of spaces adds the extra spaces to the token
 * before it; a line break is kept at the end of the token it follows (unless the line ended in a
 * lone `\`); quoted parts and Jinja blocks stay inside one token.
 */
export function splitArgs(text: string): Split {
  const out: string[] = [];
  const lines = text.split('\n');
  let quote: string | null = null;
  const depth = { print: 0, block: 0, comment: 0 };
  const pairs = [
    ['print', '{{', '}}'],
    ['block', '{%', '%}'],
    ['comment', '{#', '#}'],
  ] as const;
  const nested = () => depth.print > 0 || depth.block > 0 || depth.comment > 0;
  const appendToLast = (s: string): boolean => {
    // Ansible fails here with an IndexError ("Unable to parse argument string").
    if (out.length === 0) return false;
    out[out.length - 1] += s;
    return true;
  };
  for (let li = 0; li < lines.length; li++) {
    const words = lines[li]!.split(' ');
    let continued = false;
    for (let wi = 0; wi < words.length; wi++) {
      const word = words[wi]!;
      if (word === '' && wi !== 0) {
        if (!appendToLast(' ')) return { ok: false, error: 'unable to parse the argument string (it starts with spaces)' };
        continue;
      }
      if (word === '\\' && quote === null) {
        continued = true;
        continue;
      }
      const wasQuoted = quote !== null;
      quote = openQuote(word, quote);
      const quoted = quote !== null;
      let added = false;
      if (quoted && !wasQuoted && !nested()) {
        out.push(word);
        added = true;
      } else if (nested() || quoted || wasQuoted) {
        const joiner = wi === 0 && wasQuoted ? '' : words.length > 1 ? (wi > 0 ? ' ' : '') : '\n';
        if (!appendToLast(joiner + word)) return { ok: false, error: 'unable to parse the argument string' };
        added = true;
      }
      for (const [kind, open, close] of pairs) {
        const before = depth[kind];
        const opened = count(word, open);
        const closed = count(word, close);
        if (opened !== closed) depth[kind] = Math.max(0, before + opened - closed);
        if (depth[kind] !== before && !added) {
          out.push(word);
          added = true;
        }
      }
      if (!nested() && quote === null && !added && word !== '') out.push(word);
    }
    if (lines.length > 1 && li !== lines.length - 1 && !continued) {
      if (!appendToLast('\n')) return { ok: false, error: 'unable to parse the argument string (it starts with a line break)' };
    }
  }
  if (nested() || quote !== null) return { ok: false, error: 'failed at splitting arguments, either an unbalanced jinja2 block or quotes' };
  return { ok: true, tokens: out };
}

/** Tokens put back together with the whitespace they kept (Ansible's join_args). */
export function joinArgs(tokens: string[]): string {
  let s = '';
  for (const t of tokens) s += s === '' || s.endsWith('\n') ? t : ' ' + t;
  return s;
}

/** `"x"` / `'x'` without the quotes (ansible.parsing.quoting.unquote). */
function unquote(s: string): string {
  const quoted = s.length > 1 && s[0] === s[s.length - 1] && (s[0] === '"' || s[0] === "'") && s[s.length - 2] !== '\\';
  return quoted ? s.slice(1, -1) : s;
}

/** Backslash escapes in a token, decoded as Ansible decodes them before looking for `=`. */
function decodeEscapes(s: string): string {
  return s.replace(/\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\\'"abfnrtv])/g, (_m, e: string) => {
    if (e.length === 1) return PYTHON_SIMPLE_ESCAPES[e]!;
    const cp = parseInt(e.slice(1), 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : _m;
  });
}

/** Position of the `=` that ends the key: the first one after the first character not preceded by `\`. */
function keyEnd(x: string): number {
  for (let pos = x.indexOf('=', 1); pos !== -1; pos = x.indexOf('=', pos + 1)) if (x[pos - 1] !== '\\') return pos;
  return -1;
}

/**
 * Parse free-form arguments (Ansible's parse_kv). With `rawKeys` (command-like modules) only those
 * keys are extracted and everything else stays in `raw`, in order, with its whitespace.
 */
export function parseFreeForm(text: string, rawKeys: ReadonlySet<string> | null): FreeFormParse {
  const split = splitArgs(text);
  if (!split.ok) return { params: [], raw: '', error: split.error };
  const params: Array<{ key: string; value: string }> = [];
  const rest: string[] = [];
  for (const tok of split.tokens) {
    const x = decodeEscapes(tok);
    if (!x.includes('=')) {
      rest.push(tok);
      continue;
    }
    const pos = keyEnd(x);
    if (pos === -1) {
      rest.push(x.replaceAll('\\=', '='));
      continue;
    }
    const key = x.slice(0, pos);
    if (rawKeys !== null && !rawKeys.has(key)) rest.push(tok);
    else params.push({ key: key.trim(), value: unquote(x.slice(pos + 1).trim()) });
  }
  return { params, raw: joinArgs(rest) };
}

/** `action: shell echo hi` -> module `shell`, arguments `echo hi` (Ansible's _split_module_string). */
export function splitModuleString(text: string): { module: string; args: string } | { error: string } {
  const split = splitArgs(text);
  if (!split.ok) return { error: split.error };
  if (split.tokens.length === 0) return { module: '', args: '' };
  return { module: split.tokens[0]!.trim(), args: split.tokens.slice(1).join(' ') };
}
