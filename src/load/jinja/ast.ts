// Jinja2 AST as Ansible content uses it. Every node carries the 1-based line and
// column of its first character, relative to the start of the parsed text; the
// caller adds the offset of the text inside its file.

export interface Pos {
  line: number;
  col: number;
}

export type Expr =
  /** float: the literal was a Python float (`1.0`, `1e3`): a JS number cannot tell 1.0 from 1, Jinja can. */
  | { kind: 'const'; value: string | number | boolean | null; float?: true; pos: Pos }
  | { kind: 'name'; name: string; pos: Pos }
  | { kind: 'list'; items: Expr[]; pos: Pos }
  | { kind: 'tuple'; items: Expr[]; pos: Pos }
  | { kind: 'dict'; pairs: Array<{ key: Expr; value: Expr }>; pos: Pos }
  /** `a.b` (attr is the identifier or the digits of `a.0`). */
  | { kind: 'getattr'; node: Expr; attr: string; pos: Pos }
  /** `a[b]` */
  | { kind: 'getitem'; node: Expr; arg: Expr; pos: Pos }
  /** `a[start:stop:step]`, each part optional. */
  | { kind: 'slice'; node: Expr; start: Expr | null; stop: Expr | null; step: Expr | null; pos: Pos }
  | {
      kind: 'call';
      node: Expr;
      args: Expr[];
      kwargs: Array<{ name: string; value: Expr }>;
      dynArgs: Expr | null;
      dynKwargs: Expr | null;
      pos: Pos;
    }
  /** `node | name(args)`; name may be dotted (`ansible.utils.ipaddr`). dynArgs/dynKwargs: `*x`/`**y` arguments (set by the parser). */
  | {
      kind: 'filter';
      node: Expr;
      name: string;
      args: Expr[];
      kwargs: Array<{ name: string; value: Expr }>;
      dynArgs?: Expr | null;
      dynKwargs?: Expr | null;
      pos: Pos;
    }
  /** `node is [not] name(args)`; a bare argument (`is divisibleby 3`, `is sameas false`) lands in args. */
  | {
      kind: 'test';
      node: Expr;
      name: string;
      args: Expr[];
      kwargs: Array<{ name: string; value: Expr }>;
      dynArgs?: Expr | null;
      dynKwargs?: Expr | null;
      negated: boolean;
      pos: Pos;
    }
  /** Binary operators: + - * / // % ** ~ and or, comparison ops == != < <= > >= in "not in". */
  | { kind: 'binop'; op: BinOp; left: Expr; right: Expr; pos: Pos }
  /** Chained comparisons (`a < b < c`) become nested `and` of binops, as Jinja evaluates them. */
  | { kind: 'unary'; op: 'not' | '-' | '+'; node: Expr; pos: Pos }
  /** `a if cond else b`; otherwise is null when `else` is omitted (renders as undefined). */
  | { kind: 'condexpr'; test: Expr; then: Expr; otherwise: Expr | null; pos: Pos };

export type BinOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '//'
  | '%'
  | '**'
  | '~'
  | 'and'
  | 'or'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'not in';

/** Whitespace control on one side of a tag: '-' strips, '+' keeps (disables lstrip), '' default. */
export type Strip = '' | '-' | '+';

export type Node =
  /** Literal template text, exactly as in the source (whitespace control is applied by the consumer). */
  | { kind: 'text'; text: string; pos: Pos }
  | { kind: 'output'; expr: Expr; stripBefore: Strip; stripAfter: Strip; pos: Pos }
  | {
      kind: 'if';
      branches: Array<{ test: Expr; body: Node[]; tag: TagWs }>;
      else: Node[] | null;
      elseTag: TagWs | null;
      endTag: TagWs;
      pos: Pos;
    }
  | {
      kind: 'for';
      target: Expr;
      iter: Expr;
      filter: Expr | null;
      recursive: boolean;
      body: Node[];
      else: Node[] | null;
      tag: TagWs;
      elseTag: TagWs | null;
      endTag: TagWs;
      pos: Pos;
    }
  | { kind: 'set'; target: Expr; value: Expr; tag: TagWs; pos: Pos }
  | { kind: 'setblock'; target: Expr; filters: Array<Extract<Expr, { kind: 'filter' }>>; body: Node[]; tag: TagWs; endTag: TagWs; pos: Pos }
  | {
      kind: 'macro';
      name: string;
      params: Array<{ name: string; default: Expr | null }>;
      body: Node[];
      tag: TagWs;
      endTag: TagWs;
      pos: Pos;
    }
  | {
      kind: 'callblock';
      call: Expr;
      params: Array<{ name: string; default: Expr | null }>;
      body: Node[];
      tag: TagWs;
      endTag: TagWs;
      pos: Pos;
    }
  | { kind: 'filterblock'; filters: Array<Extract<Expr, { kind: 'filter' }>>; body: Node[]; tag: TagWs; endTag: TagWs; pos: Pos }
  | { kind: 'with'; targets: Array<{ target: Expr; value: Expr }>; body: Node[]; tag: TagWs; endTag: TagWs; pos: Pos }
  | { kind: 'include'; template: Expr; ignoreMissing: boolean; withContext: boolean; tag: TagWs; pos: Pos }
  | { kind: 'import'; template: Expr; alias: string | null; names: Array<{ name: string; alias: string | null }>; tag: TagWs; pos: Pos }
  | { kind: 'raw'; text: string; tag: TagWs; endTag: TagWs; pos: Pos }
  | { kind: 'comment'; text: string; tag: TagWs; pos: Pos }
  /** do, extends, block, autoescape and other tags Ansible content rarely uses: kept so the translator can TODO them. */
  | { kind: 'other'; tagName: string; source: string; body: Node[] | null; tag: TagWs; endTag: TagWs | null; pos: Pos };

/** Whitespace-control marks of one `{% ... %}` tag. */
export interface TagWs {
  before: Strip;
  after: Strip;
}

/** Jinja environment settings that change parsing/whitespace (Ansible defaults: trim_blocks true, others false). */
export interface JinjaSettings {
  trimBlocks: boolean;
  lstripBlocks: boolean;
  keepTrailingNewline: boolean;
  variableStart: string;
  variableEnd: string;
  blockStart: string;
  blockEnd: string;
  commentStart: string;
  commentEnd: string;
}

export const ANSIBLE_JINJA_SETTINGS: JinjaSettings = {
  trimBlocks: true,
  lstripBlocks: false,
  keepTrailingNewline: false,
  variableStart: '{{',
  variableEnd: '}}',
  blockStart: '{%',
  blockEnd: '%}',
  commentStart: '{#',
  commentEnd: '#}',
};

export interface JinjaError {
  message: string;
  pos: Pos;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: JinjaError };
