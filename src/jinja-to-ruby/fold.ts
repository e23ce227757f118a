// Filters computed at conversion time on a string literal, with constant arguments (filters.toml
// `fold`): `{{ 'Ansible managed' | comment('xml') }}` is known text, printed as such rather than as a
// helper call. Each function gives Python's answer, or undefined where it is not sure to (the
// helper call stays then); typed-reads-differential.test.ts compares every one with Ansible.

import type { PyConst } from './const-eval.js';

/** ASCII only: Python's and JavaScript's case mappings of other characters are not the same tables. */
const ascii = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) < 0x80);

/** Ansible's comment filter: its predefined styles, each a mapping of its parameters. */
const COMMENT_STYLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};
const COMMENT_TEXT = new Set(['newline', 'beginning', 'prefix', 'decoration', 'postfix', 'end']);
const COMMENT_COUNTS = new Set(['prefix_count', 'postfix_count']);

/** Python's str.replace with a non-empty needle (split/join: no `$` patterns as String#replaceAll has). */
const replace = (s: string, a: string, b: string): string => s.split(a).join(b);
/** Python's `str * n`. */
const times = (s: string, n: number): string => (n > 0 ? s.repeat(n) : '');
/** Python's str.rstrip(): undefined where it ends in a character Python may count as whitespace and JavaScript not (or the reverse). */
function rstrip(s: string): string | undefined {
  const r = s.replace(/[ \t\n\r\f\v]+$/, '');
  const last = r.charCodeAt(r.length - 1);
  return r && (last < 0x20 || last >= 0x7f) ? undefined : r;
}

/**
 * Ansible's comment filter (plugins/filter/core.py), step by step: a style by name (positional or
 * `style=`), parameters as keywords, each a str (the counts ints). Anything else (an unknown style
 * or keyword, an empty newline, a count that is not an int) is left to the helper, which fails or
 * answers as Ansible does.
 */
function comment(text: string, args: readonly PyConst[], kwargs: ReadonlyMap<string, PyConst>): string | undefined {
  const kw = new Map(kwargs);
  const styleArg = args.length ? args[0] : kw.get('style');
  if (args.length > 1 || (args.length && kw.has('style'))) return undefined;
  kw.delete('style');
  const style = styleArg === undefined ? 'plain' : styleArg;
  if (typeof style !== 'string' || !Object.hasOwn(COMMENT_STYLES, style)) return undefined;
  const styleParams = COMMENT_STYLES[style]!;
  for (const [k, v] of kw) {
    // Counts up to 100: `prefix_count=10**9` is text no template holds as a literal.
    if (COMMENT_TEXT.has(k) ? typeof v !== 'string' : !COMMENT_COUNTS.has(k) || typeof v !== 'number' || !Number.isInteger(v) || v > 100)
      return undefined;
  }
  const prepostfix = (kw.has('decoration') ? kw.get('decoration') : styleParams['decoration']) as string;
  const edge = rstrip(prepostfix);
  if (edge === undefined) return undefined;
  const p: Record<string, string | number> = {
    newline: '\n',
    beginning: '',
    prefix: edge,
    prefix_count: 1,
    decoration: '',
    postfix: edge,
    postfix_count: 1,
    end: '',
    ...styleParams,
    ...Object.fromEntries(kw as Map<string, string | number>),
  };
  const [nl, beginning, prefix, decoration, postfix, end] = ['newline', 'beginning', 'prefix', 'decoration', 'postfix', 'end'].map(
    (k) => p[k] as string,
  );
  const [prefixCount, postfixCount] = [p['prefix_count'] as number, p['postfix_count'] as number];
  const decoStripped = rstrip(decoration!);
  if (!nl || decoStripped === undefined) return undefined;
  const strBeginning = beginning ? `${beginning}${nl}` : '';
  const strPrefix = prefix ? times(prefix !== nl ? `${prefix}${nl}` : nl, prefixCount) : '';
  const strText = replace(`${decoration}${replace(text, nl, `${nl}${decoration}`)}`, `${decoration}${nl}`, `${decoStripped}${nl}`);
  const strPostfix = ['', ...Array.from({ length: Math.max(postfixCount, 0) }, () => postfix)].join(nl);
  const strEnd = end ? `${nl}${end}` : '';
  return `${strBeginning}${strPrefix}${strText}${strPostfix}${strEnd}`;
}

/** A fold that takes no argument: Python's filter with arguments it does not take fails, which the helper does too. */
const noArgs =
  (fn: (s: string) => string | undefined) =>
  (s: string, args: readonly PyConst[], kwargs: ReadonlyMap<string, PyConst>): string | undefined =>
    args.length || kwargs.size ? undefined : fn(s);

/** A fold: the filter's value for a str operand and constant arguments, or undefined where not sure. */
export type Fold = (s: string, args: readonly PyConst[], kwargs: ReadonlyMap<string, PyConst>) => string | undefined;

export const FOLDS: Readonly<Record<string, Fold>> = {
  upper: noArgs((s) => (ascii(s) ? s.toUpperCase() : undefined)),
  lower: noArgs((s) => (ascii(s) ? s.toLowerCase() : undefined)),
  capitalize: noArgs((s) => (ascii(s) ? s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase() : undefined)),
  comment,
};
