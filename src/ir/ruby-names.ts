// Ruby names the translators create: the one list of Ruby's reserved words and the one allocator of
// fresh local names. Every place that makes a Ruby local (template and string locals, block
// parameters, loop variables, custom-resource properties) asks here, so a new keyword or naming rule
// is written once.

/** Ruby's reserved words (the lexer's keywords): never a local variable, a method called bare, or a property. */
export const RUBY_KEYWORDS: ReadonlySet<string> = new Set([
  '__ENCODING__',
  '__LINE__',
  '__FILE__',
  'BEGIN',
  'END',
  'alias',
  'and',
  'begin',
  'break',
  'case',
  'class',
  'def',
  'defined?',
  'do',
  'else',
  'elsif',
  'end',
  'ensure',
  'false',
  'for',
  'if',
  'in',
  'module',
  'next',
  'nil',
  'not',
  'or',
  'redo',
  'rescue',
  'retry',
  'return',
  'self',
  'super',
  'then',
  'true',
  'undef',
  'unless',
  'until',
  'when',
  'while',
  'yield',
]);

/** The first of `start` (by default `base`), then `base<sep><first>`, `base<sep><first + 1>`, ... that is not taken. */
export function firstFree(
  base: string,
  taken: (name: string) => boolean,
  numbering: { start?: string; sep?: string; first?: number } = {},
): string {
  const { start = base, sep = '_', first = 2 } = numbering;
  let n = start;
  for (let i = first; taken(n); i++) n = `${base}${sep}${i}`;
  return n;
}

export interface LocalsOptions {
  /** Names a Jinja name may not keep besides the keywords (`node`, `loop`, ...): they get a `j_` prefix. */
  renamed?: Iterable<string>;
  /** Names already in use: a Jinja name meeting one is numbered (`node_2`). */
  taken?: Iterable<string>;
  /**
   * Strip leading underscores first: a Ruby local starting with `_` says it is unused
   * (Lint/UnderscorePrefixedVariableName); a name of underscores only becomes `value`.
   */
  stripUnderscores?: boolean;
}

/** Fresh Ruby locals for Jinja names within one scope of generated code, each handed out once. */
export class RubyLocals {
  private readonly used: Set<string>;
  private readonly renamed: ReadonlySet<string>;

  constructor(private readonly options: LocalsOptions = {}) {
    this.used = new Set(options.taken ?? []);
    this.renamed = new Set(options.renamed ?? []);
  }

  /** The Ruby local for `base` (already checked to be a valid identifier). */
  fresh(base: string): string {
    const plain = this.options.stripUnderscores ? base.replace(/^_+/, '') || 'value' : base;
    const start = RUBY_KEYWORDS.has(plain) || this.renamed.has(plain) ? `j_${plain}` : plain;
    const n = firstFree(plain, (x) => this.used.has(x), { start });
    this.used.add(n);
    return n;
  }
}
