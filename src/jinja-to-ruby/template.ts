// Jinja template (.j2) -> ERB template IR.
//
// translateTemplate(nodes, settings, scope, options?) applies whitespace control
// exactly as Jinja does (src/load/jinja/whitespace.ts), then maps statements:
// output -> `A2C::Jinja.out(x)` (Python str(), None printed as '' by Ansible's
// finalize hook), if/elif/else, for (loop.*, else, inline filter, recursive),
// set, raw, comments; macro, call, filter blocks, block sets, with and include
// are in template-blocks.ts, with `{% from ... import macro %}` of macros that read only their
// parameters; other imports are untranslatable.
// With options.sourceText, Ansible's template action is reproduced: it appends
// the trailing newlines the source had and the rendered text lost (trailing-newlines.ts).
// An output of a literal value is plain text.
import { ANY, joinTypes, type VarType } from '../resolve/types.js';
import type { Expr, JinjaSettings, Node, Pos } from '../load/jinja/ast.js';
import { applyWhitespace } from '../load/jinja/whitespace.js';
import { call, int, rvar, str, type RExpr } from '../ir/ruby-ast.js';
import { RubyLocals } from '../ir/ruby-names.js';
import type { ErbNode } from '../ir/chef-ir.js';
import { translateTyped } from './expr.js';
import { J, printable, pyTruthy, tryBlock, type Typed } from './rb.js';
import { Untranslatable } from '../base/failure.js';
import { capture, untranslatable, withLocals, withLocalTypes, type JinjaScope, type Translation } from './scope.js';
import { appendedNames, bindTemplateCalls, boundNames, readNames, undefinedTolerantNames, type Callable } from './template-calls.js';
import { once } from '../base/once.js';
import { BlockStatements, type IncludeResolver } from './template-blocks.js';
import { outputKind, restoreTrailingNewlines, type OutputKind } from './trailing-newlines.js';
import { lazyArg, missingKeysUndefined, plainAttribute } from './undef.js';
import { branchNarrowing } from './narrowing.js';

/** Item types `{{ v }}` prints without A2C::Jinja.out (rb.ts printable). */
const PRINTED_AS_RUBY: ReadonlySet<string> = new Set(['str', 'int', 'none', 'bool']);

export type { IncludeResolver, IncludedTemplate } from './template-blocks.js';

export interface TemplateOptions {
  /** The template source: enables Ansible's trailing-newline preservation. */
  sourceText?: string;
  /** Finds another template of the same role for `{% include %}`; without it includes are untranslatable. */
  include?: IncludeResolver;
  /** The template's own file (an include of it is a cycle). */
  file?: string;
}

export function translateTemplate(
  nodes: Node[],
  settings: JinjaSettings,
  scope: JinjaScope,
  options: TemplateOptions = {},
): Translation<ErbNode[]> {
  return capture(() => {
    const t = new TemplateTranslator(settings, nodes, options);
    // A fact read is placed in the file being translated (an included template's inside its include).
    const told = scope.factRead;
    const inFile: JinjaScope = told
      ? { ...scope, factRead: (fact, at) => told(fact, { pos: at.pos, ...(t.file !== undefined ? { file: t.file } : {}) }) }
      : scope;
    const body = t.block(applyWhitespace(nodes, settings), inFile);
    if (options.sourceText !== undefined) restoreTrailingNewlines(body, trailingNewlines(options.sourceText), (n) => t.outputKinds.get(n));
    return body;
  });
}

function trailingNewlines(s: string): number {
  return s.length - s.replace(/\n+$/, '').length;
}

/**
 * The text Ansible prints for a literal value (Python str(), None as ''), when Ruby's literal says
 * it exactly: such an output is plain template text. Floats are left out (Python's repr differs).
 */
function literalText(e: RExpr): string | undefined {
  if (e.k === 'str') return e.v;
  if (e.k === 'int' && Number.isSafeInteger(e.v)) return String(e.v);
  if (e.k === 'bool') return e.v ? 'True' : 'False';
  if (e.k === 'nil') return '';
  return undefined;
}

export class TemplateTranslator {
  /** The template's Ruby locals; `node`, `loop` and ERB's `_buf` are renamed like keywords. */
  private readonly locals = new RubyLocals({ renamed: ['node', 'loop', '_buf'] });
  private loopDepth = 0;
  /** Ruby locals created inside the current loop body (a set may re-assign them). */
  private levelLocals = new Set<string>();
  /** Macros and callers by the Ruby local that holds them. */
  readonly callables = new Map<string, Callable>();
  /** Per enclosing for loop, innermost last: what `loop(...)` calls (null: not a recursive loop). */
  private loopCalls: Array<Callable | null> = [];
  private readonly blocks: BlockStatements;
  /** The file whose nodes are being translated (an included template's inside its include). */
  get file(): string | undefined {
    return this.blocks.file;
  }
  /**
   * What each output node of a Jinja `{{ }}` prints, for the trailing-newline rule. A Map, not a
   * WeakMap: it lives only as long as this one template's translation, and a WeakMap's set is slower.
   */
  readonly outputKinds = new Map<ErbNode, OutputKind>();
  // The walks below are asked only by a `set` (or a macro's, an if's sets): each is made on its
  // first use, not for every template (a walk of the whole template each, 3% of a 1000-role translation).
  /** Names whose undefined value some expression of the template looks at (`default`, `is defined`). */
  private readonly undefinedTolerant: () => ReadonlySet<string>;
  /** Names the template reads (not only sets), and whether it includes another template. */
  private readonly reads: () => { names: ReadonlySet<string>; includes: boolean };
  /** Names whose `.append()` the template calls: a list set to one holds more than its literal's items. */
  private readonly appended: () => ReadonlySet<string>;
  /** Ruby locals whose last set (in template order) was a list literal: a new Python list, never a node attribute. */
  private readonly literalLists = new Set<string>();

  constructor(
    readonly settings: JinjaSettings,
    nodes: Node[],
    readonly options: TemplateOptions,
  ) {
    this.blocks = new BlockStatements(
      this,
      once(() => boundNames(nodes)),
    );
    this.undefinedTolerant = once(() => undefinedTolerantNames(nodes));
    this.reads = once(() => readNames(nodes));
    this.appended = once(() => appendedNames(nodes));
  }

  /** A Ruby local for a Jinja name, distinct from every local already used in this template. */
  local(name: string, pos: Pos): string {
    if (!/^[a-z_][A-Za-z0-9_]*$/.test(name)) untranslatable('name', `'${name}' cannot be a Ruby local variable`, pos);
    return this.locals.fresh(name);
  }

  /**
   * A set's value. Jinja stores an undefined value (`{% set p = u.shell %}` of an item without
   * shell) without failing; only a use that is not `default`/`is defined` fails on it. Where the
   * template looks at the local's undefinedness, the value is read as such a use reads it (an
   * A2C::Jinja::Undefined, through A2C::Jinja.try) and the local's type is unknown, so every other
   * use goes through the helpers, which fail on it as Ansible does.
   */
  private setValue(target: string, e: Expr, scope: JinjaScope): Typed {
    const value = this.expr(e, scope);
    if (!this.undefinedTolerant().has(target) || this.callables.size > 0) return value;
    const lazy = lazyArg(e, scope);
    return lazy.e === value.e || JSON.stringify(lazy.e) === JSON.stringify(value.e) ? value : { e: lazy.e, t: 'any' };
  }

  /** A Jinja expression of this template (calls of its macros and recursive loops included). */
  expr(e: Expr, scope: JinjaScope): Typed {
    if (this.callables.size === 0 && !this.loopCalls.some((c) => c !== null)) return translateTyped(e, scope);
    const bound = bindTemplateCalls(
      e,
      scope,
      (name) => this.callableOf(name, scope),
      (a, s) => this.argument(a, s),
    );
    return translateTyped(bound.expr, bound.scope);
  }

  /**
   * Python's truth of a test, as expr.ts testOf: `and`, `or` and `not` as Ruby's &&, || and ! on each
   * operand's truth (same value, same short-circuit), each operand bound to the template's macros.
   */
  private truth(e: Expr, scope: JinjaScope): RExpr {
    if (e.kind === 'binop' && (e.op === 'and' || e.op === 'or')) {
      const l = this.truth(e.left, scope);
      if (l.k === 'bool') return l.v === (e.op === 'and') ? this.truth(e.right, scope) : l;
      return { k: 'binop', op: e.op === 'and' ? '&&' : '||', l, r: this.truth(e.right, scope) };
    }
    if (e.kind === 'unary' && e.op === 'not') return { k: 'not', e: this.truth(e.node, scope) };
    return pyTruthy(this.expr(e, scope));
  }

  private callableOf(name: string, scope: JinjaScope): Callable | undefined {
    if (name === 'loop') {
      const recursive = this.loopCalls[this.loopCalls.length - 1];
      if (recursive) return recursive;
    }
    const local = scope.locals.get(name);
    return local === undefined ? undefined : this.callables.get(local);
  }

  /**
   * `{{ l | first }}` / `{{ l | last }}` printed, of a list whose items print as Ruby prints them:
   * `l.fetch(0)` / `l.fetch(-1)`. Jinja gives an undefined value for an empty list, which fails
   * where it is printed; fetch raises there too. (Elsewhere the undefined value may be tested, so
   * the helper stays.)
   */
  private firstOrLast(e: Expr, scope: JinjaScope): Typed | undefined {
    if (e.kind !== 'filter' || (e.name !== 'first' && e.name !== 'last') || e.args.length || e.kwargs.length || e.dynArgs || e.dynKwargs)
      return undefined;
    // An operand only its filter translates (`d.keys() | first`) is refused alone: the filter takes it.
    let list: Typed;
    try {
      list = this.expr(e.node, scope);
    } catch (err) {
      if (err instanceof Untranslatable && err.jinja) return undefined;
      throw err;
    }
    const item = list.t === 'list' ? list.vt?.item : undefined;
    if (!item || !PRINTED_AS_RUBY.has(item.t)) return undefined;
    return {
      e: call(list.e, 'fetch', [int(e.name === 'first' ? 0 : -1)], { vt: item }),
      t: item.t,
      vt: item,
      ...(item.plain ? { plain: true } : {}),
    };
  }

  /**
   * How `a ~ b ~ c` printed ends: as str() of its last operand does, where that is never empty
   * (a literal text, or a value of a type outputKind knows ends without a newline: an int's digits,
   * True, a list's `]`). Anything else is 'any'.
   */
  private concatEnding(e: Expr, scope: JinjaScope): OutputKind {
    if (e.kind !== 'binop' || e.op !== '~') return 'any';
    const last = e.right;
    if (last.kind === 'const' && typeof last.value === 'string')
      return last.value !== '' && !last.value.endsWith('\n') ? 'no-newline-end' : 'any';
    try {
      return outputKind(this.expr(last, scope).t) === 'no-newline-end' ? 'no-newline-end' : 'any';
    } catch (err) {
      if (err instanceof Untranslatable && err.jinja) return 'any';
      throw err;
    }
  }

  /**
   * A call argument: an undefined value is passed on as Undefined (Jinja fails only where it is
   * used). A variable the cookbook always sets (`node['cb']['k']`) is never undefined.
   */
  argument(a: Expr, scope: JinjaScope): RExpr {
    const v = this.expr(a, scope).e;
    const alwaysSet = plainAttribute(a, scope)?.defined.k === 'bool';
    return alwaysSet || a.kind === 'const' || (a.kind === 'name' && scope.locals.has(a.name)) ? v : tryBlock(missingKeysUndefined(v));
  }

  block(nodes: Node[], scope: JinjaScope): ErbNode[] {
    const out: ErbNode[] = [];
    for (const n of nodes) scope = this.node(n, scope, out);
    return out;
  }

  /** Appends the ERB for one node; returns the scope for the following nodes (set adds locals). */
  private node(n: Node, scope: JinjaScope, out: ErbNode[]): JinjaScope {
    switch (n.kind) {
      case 'text':
      case 'raw': {
        // The audit's fixes are keyed by the node's source position (macros and included
        // templates included): see src/audit/fixes.ts.
        const file = this.blocks.file;
        const node: ErbNode & { k: 'text' } = { k: 'text', text: n.text };
        if (file !== undefined) scope.fixText?.({ file, pos: n.pos }, node);
        if (node.text) out.push(node);
        return scope;
      }
      case 'comment':
        return scope;
      case 'output': {
        const v = this.firstOrLast(n.expr, scope) ?? this.expr(n.expr, scope);
        const e = printable(v);
        const file = this.blocks.file;
        const fixed = file !== undefined && scope.fixOutput ? scope.fixOutput({ file, pos: n.pos }, e) : e;
        // A literal the audit's fix did not change prints as it is written.
        const text = fixed === e ? literalText(v.e) : undefined;
        if (text !== undefined) {
          if (text) out.push({ k: 'text', text });
          return scope;
        }
        const node: ErbNode = { k: 'out', expr: fixed };
        const kind = outputKind(v.t, fixed === e ? fixed : undefined);
        this.outputKinds.set(node, kind === 'any' && fixed === e ? this.concatEnding(n.expr, scope) : kind);
        out.push(node);
        return scope;
      }
      case 'if': {
        // `{% if l.append(x) %}{% endif %}`: the append runs, gives None, and the body never renders.
        const pushed = n.branches.length === 1 && !n.else ? this.listPush(n.branches[0]!.test, scope) : undefined;
        if (pushed) {
          out.push({ k: 'do', expr: pushed });
          return scope;
        }
        // An if is no scope in Jinja: a name set in a branch is seen after the if.
        const bodies = [...n.branches.map((b) => b.body), ...(n.else ? [n.else] : [])];
        const inner = this.declareSets(bodies.flat(), scope, n.pos, out);
        // A local a branch's test proves is text is one there (narrowing.ts). Only a name the test
        // reads as a local: the branch's local of it (declareSets) holds the same value where the branch starts.
        const proved = branchNarrowing(n.branches.map((b) => b.test));
        const narrow = (facts: Array<[string, VarType]>) => {
          const local = facts.filter(([name]) => scope.locals.has(name) && inner.locals.has(name));
          return local.length ? withLocalTypes(inner, [], local) : inner;
        };
        const { value: branches, log } = this.logSets(() => ({
          branches: n.branches.map((b, i) => ({
            cond: this.truth(b.test, scope),
            body: this.block(b.body, narrow(proved.branches[i]!)),
          })),
          otherwise: n.else ? this.block(n.else, narrow(proved.otherwise)) : null,
        }));
        out.push({ k: 'if', ...branches });
        // A local a branch sets may hold, after the if, what another branch or the code before gave.
        for (const local of log.keys()) this.literalLists.delete(local);
        return this.afterIf(bodies, n.else !== null && n.else !== undefined, scope, inner, log);
      }
      case 'for':
        this.forLoop(n, scope, out);
        return scope;
      case 'set': {
        if (n.target.kind !== 'name') return untranslatable('set', 'only `{% set name = value %}` is translated', n.pos);
        // The audit's fixes of a set's value (an address glued to a port) are keyed by the statement.
        const file = this.blocks.file;
        const fix = (e: RExpr): RExpr => (file !== undefined && scope.fixOutput ? scope.fixOutput({ file, pos: n.pos }, e) : e);
        const listPushed = this.listPush(n.value, scope);
        const pushed = listPushed && fix(listPushed);
        if (pushed) {
          out.push({ k: 'do', expr: pushed });
          // Jinja's `_` holds the None append gives: set so only where something may read it, and
          // not again where it holds None already.
          if (!this.reads().includes && !this.reads().names.has(n.target.name)) return scope;
          if (scope.locals.has(n.target.name) && scope.localTypes?.get(n.target.name)?.t === 'none') return scope;
          const name = this.setTarget(n.target.name, scope, n.pos);
          out.push({ k: 'assign', name, value: { k: 'nil' } });
          this.literalLists.delete(name);
          this.noteSet(name, { t: 'none' });
          return withLocals(scope, [[n.target.name, name]], [[n.target.name, { t: 'none' }]]);
        }
        const value = this.setValue(n.target.name, n.value, scope);
        const name = this.setTarget(n.target.name, scope, n.pos);
        out.push({ k: 'assign', name, value: fix(value.e) });
        // The local holds the value's type until it is set again. A list some `.append()` of the
        // template grows holds items of any type: an append in a loop or a branch is not seen where
        // the local is read after it (`{% set l = ['a'] %}` then `l.append(true)` joins as 'a,True').
        let t: VarType = value.vt ?? { t: value.t, ...(value.plain ? { plain: true as const } : {}) };
        if (t.t === 'list' && this.appended().has(n.target.name)) t = { t: 'list' };
        if (n.value.kind === 'list') this.literalLists.add(name);
        else this.literalLists.delete(name);
        this.noteSet(name, t);
        return withLocals(scope, [[n.target.name, name]], t.t === 'any' ? [] : [[n.target.name, t]]);
      }
      case 'setblock': {
        if (n.target.kind !== 'name') return untranslatable('set', 'only `{% set name %}...{% endset %}` is translated', n.pos);
        const value = this.blocks.captured(n.body, n.filters, scope, out);
        const name = this.setTarget(n.target.name, scope, n.pos);
        this.literalLists.delete(name);
        out.push({ k: 'assign', name, value: value.e });
        this.noteSet(name, ANY);
        return withLocals(scope, [[n.target.name, name]]);
      }
      case 'macro':
        return this.blocks.macro(n, scope, out);
      case 'callblock':
        this.blocks.callBlock(n, scope, out);
        return scope;
      case 'filterblock':
        this.blocks.filterBlock(n, scope, out);
        return scope;
      case 'with':
        this.blocks.withBlock(n, scope, out);
        return scope;
      case 'include':
        this.blocks.include(n, scope, out);
        return scope;
      case 'import':
        return this.blocks.importFrom(n, scope, out);
      case 'other':
        if (n.tagName === 'block' && n.body) {
          this.inlineBlock(n, n.body, scope, out);
          return scope;
        }
        return untranslatable(constructOf(n), `{% ${constructOf(n)} %} is not translated to ERB`, n.pos);
      default:
        return unknownNode(n);
    }
  }

  /**
   * `{% set _ = l.append(x) %}` of a list the template set to a list literal: `l.push(x)`, run for
   * its effect as Python's list.append is (it mutates the list and gives None). Elsewhere the
   * helper's call_method stays: a list from a node attribute is frozen in Chef, a tuple has no append.
   */
  private listPush(v: Expr, scope: JinjaScope): RExpr | undefined {
    if (v.kind !== 'call' || v.node.kind !== 'getattr' || v.node.attr !== 'append' || v.node.node.kind !== 'name') return undefined;
    if (v.args.length !== 1 || v.kwargs.length > 0 || v.dynArgs || v.dynKwargs) return undefined;
    const list = v.node.node.name;
    const local = scope.locals.get(list);
    if (local === undefined || !this.literalLists.has(local) || scope.localTypes?.get(list)?.t !== 'list') return undefined;
    return call(rvar(local), 'push', [this.expr(v.args[0]!, scope).e]);
  }

  /**
   * The Ruby local a `set` of `name` assigns. Re-assigning a local of this loop level is
   * safe; a name from outside the current loop gets a new local, keeping Jinja's rule that
   * loop-body sets do not leak out.
   */
  private setTarget(name: string, scope: JinjaScope, pos: Pos): string {
    const ruby = scope.locals.get(name);
    // A name that held a macro gets a new local: the macro's local keeps its Macro.
    if (ruby !== undefined && !this.callables.has(ruby) && (this.loopDepth === 0 || this.levelLocals.has(ruby))) return ruby;
    const fresh = this.local(name, pos);
    this.levelLocals.add(fresh);
    return fresh;
  }

  /** The types each Ruby local is set to while `f` runs (an if's branches), added to the enclosing log too. */
  private setLog?: Map<string, VarType[]>;

  private noteSet(local: string, t: VarType): void {
    this.setLog?.set(local, [...(this.setLog.get(local) ?? []), t]);
  }

  private logSets<T>(f: () => T): { value: T; log: Map<string, VarType[]> } {
    const outer = this.setLog;
    const log = new Map<string, VarType[]>();
    this.setLog = log;
    try {
      return { value: f(), log };
    } finally {
      this.setLog = outer;
      if (outer) for (const [k, ts] of log) outer.set(k, [...(outer.get(k) ?? []), ...ts]);
    }
  }

  /**
   * The scope after an if: a name a branch sets holds whichever value ran. Where every branch (an
   * else included) sets it at its top level, it holds one of the values set in the branches, and its
   * type is theirs joined; otherwise it may also hold the value it had before the if, so a name of
   * a known type before it (docker's `{% set v = version %}{% if c %}{% set v = '5:' + v %}{% endif %}`)
   * has that type joined with theirs, and any other name's known type is dropped.
   */
  private afterIf(bodies: Node[][], hasElse: boolean, before: JinjaScope, inner: JinjaScope, log: Map<string, VarType[]>): JinjaScope {
    const names = [...new Set(setNames(bodies.flat()))];
    const types = names.flatMap((name): Array<[string, VarType]> => {
      const local = inner.locals.get(name);
      const set = local === undefined ? undefined : log.get(local);
      if (!set) return [];
      const everyBranch =
        hasElse &&
        bodies.every((b) =>
          b.some((x) => (x.kind === 'set' || x.kind === 'setblock') && x.target.kind === 'name' && x.target.name === name),
        );
      const kept = before.locals.has(name) ? before.localTypes?.get(name) : undefined;
      if (!everyBranch && kept === undefined) return [];
      const t = [...set, ...(everyBranch ? [] : [kept!])].reduce<VarType | undefined>((acc, x) => joinTypes(acc, x), undefined);
      return t && t.t !== 'any' ? [[name, t]] : [];
    });
    return withLocalTypes(inner, names, types);
  }

  /**
   * Binds, before an if, the locals its branches set: to the current value, or to an
   * undefined value (reading it fails, as in Jinja) when the name had none.
   */
  private declareSets(body: Node[], scope: JinjaScope, pos: Pos, out: ErbNode[]): JinjaScope {
    const names = [...new Set(setNames(body))].filter((name) => {
      // A name nothing reads after the if needs no local before it (`_` of `{% set _ = l.append(x) %}`).
      if (!this.reads().includes && !this.reads().names.has(name)) return false;
      const ruby = scope.locals.get(name);
      return ruby === undefined || !(this.loopDepth === 0 || this.levelLocals.has(ruby));
    });
    const bound: Array<[string, string]> = names.map((name) => {
      const before = scope.locals.get(name);
      const target = this.setTarget(name, scope, pos);
      out.push({ k: 'assign', name: target, value: before !== undefined ? rvar(before) : J('unset', [str(name)]) });
      return [name, target];
    });
    return bound.length ? withLocals(scope, bound) : scope;
  }

  /**
   * `{% block %}` in a template that extends nothing renders in place. Its body sees the
   * template's top-level names but not an enclosing loop's (unless `scoped`), and its `set`s
   * stay inside: so it is translated only at the top level, as a nested Ruby scope.
   */
  private inlineBlock(n: Extract<Node, { kind: 'other' }>, body: Node[], scope: JinjaScope, out: ErbNode[]): void {
    if (this.loopDepth > 0)
      untranslatable('block', 'a block inside a loop does not see the loop variables in Jinja; not translated', n.pos);
    if (/\brequired\b/.test(n.source)) untranslatable('block', 'required blocks are not translated', n.pos);
    this.nested(() => out.push(...this.block(body, scope)));
  }

  /** Runs `f` one scope level down (a block, macro, with or included body: its sets stay inside). */
  nested<T>(f: () => T): T {
    const outerLevel = this.levelLocals;
    const outerLoops = this.loopCalls;
    this.levelLocals = new Set();
    this.loopCalls = [];
    this.loopDepth++;
    try {
      return f();
    } finally {
      this.loopDepth--;
      this.levelLocals = outerLevel;
      this.loopCalls = outerLoops;
    }
  }

  private forLoop(n: Extract<Node, { kind: 'for' }>, scope: JinjaScope, out: ErbNode[]): void {
    const { items, types } = this.sequence(n.iter, targetNames(n.target), scope);
    if (!n.recursive) {
      this.loopCalls.push(null);
      try {
        this.loop(n, items, scope, out, types);
      } finally {
        this.loopCalls.pop();
      }
      return;
    }
    // A recursive loop is a function of its sequence; `loop(seq)` in the body calls it again.
    if (n.else) untranslatable('for:recursive', 'a recursive loop with an else branch is not translated', n.pos);
    const fn = this.local('recurse', n.pos);
    const seq = this.local('seq', n.pos);
    out.push({ k: 'assign', name: fn, value: call({ k: 'const', path: ['A2C', 'Jinja', 'RecursiveLoop'] }, 'new') });
    const body: ErbNode[] = [];
    this.loopCalls.push({
      isValue: true,
      call: (args, kwargs, pos) => {
        if (args.length !== 1 || kwargs.length > 0) untranslatable('for:recursive', '`loop(...)` takes exactly one sequence', pos);
        return call(rvar(fn), 'call', [J('iter', args)]);
      },
    });
    try {
      this.loop(n, rvar(seq), scope, body);
    } finally {
      this.loopCalls.pop();
    }
    out.push({ k: 'each', items: rvar(fn), params: ['_buf', seq], body }, { k: 'out', expr: call(rvar(fn), 'call', [items]) });
  }

  /** The loop over `source` (already an iterable Ruby array): targets, inline filter, loop.*, else. */
  private loop(
    n: Extract<Node, { kind: 'for' }>,
    source: RExpr,
    scope: JinjaScope,
    out: ErbNode[],
    targetTypes: ReadonlyArray<[string, VarType]> = [],
  ): void {
    const targets = targetNames(n.target);
    const params = targets.map((t) => this.local(t, n.pos));
    const bodyScope = withLocals(
      scope,
      targets.map((t, i) => [t, params[i] as string]),
      targetTypes,
    );
    let items = source;
    if (n.filter) {
      const cond = this.truth(n.filter, bodyScope);
      items = J('select', [items], { block: { params, body: cond } });
    }
    const usesLoop = mentionsLoop(n.body);
    const itemsVar = this.local(`items${this.loopDepth + 1}`, n.pos);
    out.push({ k: 'assign', name: itemsVar, value: items });
    const outerLevel = this.levelLocals;
    this.levelLocals = new Set();
    this.loopDepth++;
    let body: ErbNode[];
    let withIndex = false;
    let eachParams = params;
    if (usesLoop) {
      const loopVar = this.local(`loop${this.loopDepth}`, n.pos);
      const index = this.local(`index${this.loopDepth}`, n.pos);
      const inner = withLocals(bodyScope, [['loop', loopVar]]);
      // each_with_index yields (element, index): a tuple target is unpacked from the element.
      const element = params.length > 1 ? this.local(`element${this.loopDepth}`, n.pos) : (params[0] as string);
      const unpack: ErbNode[] =
        params.length > 1
          ? params.map((p, i) => ({ k: 'assign', name: p, value: J('unpack', [rvar(element), int(params.length), int(i)]) }))
          : [];
      body = [
        { k: 'assign', name: loopVar, value: J('loop_info', [rvar(index), call(rvar(itemsVar), 'length')]) },
        ...unpack,
        ...this.block(n.body, inner),
      ];
      withIndex = true;
      eachParams = [element, index];
    } else {
      body = this.block(n.body, bodyScope);
    }
    this.loopDepth--;
    this.levelLocals = outerLevel;
    const each: ErbNode = { k: 'each', items: rvar(itemsVar), params: eachParams, ...(withIndex ? { withIndex } : {}), body };
    if (n.else) {
      // The else branch is a scope of its own in Jinja: its sets do not change the names outside.
      const otherwise = n.else;
      out.push({
        k: 'if',
        branches: [{ cond: call(rvar(itemsVar), 'empty?'), body: this.nested(() => this.block(otherwise, scope)) }],
        otherwise: [each],
      });
    } else {
      out.push(each);
    }
  }

  /**
   * What a for loop iterates (a dict yields its keys; `d.items()` its pairs), translated once, and
   * what the targets hold where the sequence's static type says so: a list's items; a dict's keys
   * (str where every key is one), its values, or both from `.items()` or `| dictsort`.
   */
  private sequence(e: Expr, targets: string[], scope: JinjaScope): { items: RExpr; types: Array<[string, VarType]> } {
    const known = (name: string | undefined, t: VarType | undefined): Array<[string, VarType]> =>
      name !== undefined && t && t.t !== 'any' ? [[name, t]] : [];
    const [first, second] = targets;
    const view = dictView(e);
    if (view) {
      const d = this.expr(view.dict, scope);
      const items = J(`dict_${view.method}`, [d.e]);
      if (d.t !== 'dict' || !d.vt) return { items, types: [] };
      const key: VarType | undefined = d.vt.strKeys ? { t: 'str' } : undefined;
      if (view.method === 'items')
        return { items, types: targets.length === 2 ? [...known(first, key), ...known(second, d.vt.values)] : [] };
      return { items, types: targets.length === 1 ? known(first, view.method === 'keys' ? key : d.vt.values) : [] };
    }
    // `d | dictsort(...)`: the pairs of d, sorted; the pairs hold what `.items()` gives.
    if (e.kind === 'filter' && e.name === 'dictsort' && targets.length === 2 && !e.dynArgs && !e.dynKwargs) {
      const items = this.expr(e, scope).e;
      const d = this.expr(e.node, scope);
      if (d.t !== 'dict' || !d.vt) return { items, types: [] };
      return { items, types: [...known(first, d.vt.strKeys ? { t: 'str' } : undefined), ...known(second, d.vt.values)] };
    }
    const v = this.expr(e, scope);
    // A list is iterated as it is (iter only turns dicts into keys and strings into characters).
    if (v.t === 'list') return { items: v.e, types: targets.length === 1 ? known(first, v.vt?.item) : [] };
    // Iterating a dict gives its keys.
    return { items: J('iter', [v.e]), types: targets.length === 1 && v.t === 'dict' && v.vt?.strKeys ? known(first, { t: 'str' }) : [] };
  }
}

function isEmptyLiteral(e: Expr): boolean {
  return (e.kind === 'dict' && e.pairs.length === 0) || (e.kind === 'list' && e.items.length === 0);
}

/** `d.items()`, `d.keys()`, `d.values()` called without arguments: the dict and the method. */
function dictView(e: Expr): { dict: Expr; method: 'items' | 'keys' | 'values' } | undefined {
  // `d.items() | default({})`: the call gives a view or fails, never an undefined value, so
  // default (without its boolean argument, and a literal fallback nothing is evaluated for) gives the view back.
  if (e.kind === 'filter' && (e.name === 'default' || e.name === 'd') && e.args.length === 1 && e.kwargs.length === 0) {
    const fallback = e.args[0]!;
    const literal = fallback.kind === 'const' || ((fallback.kind === 'dict' || fallback.kind === 'list') && isEmptyLiteral(fallback));
    return literal && !e.dynArgs && !e.dynKwargs ? dictView(e.node) : undefined;
  }
  if (e.kind !== 'call' || e.node.kind !== 'getattr' || e.args.length || e.kwargs.length || e.dynArgs || e.dynKwargs) return undefined;
  const m = e.node.attr;
  return m === 'items' || m === 'keys' || m === 'values' ? { dict: e.node.node, method: m } : undefined;
}

function targetNames(t: Expr): string[] {
  if (t.kind === 'name') return [t.name];
  if (t.kind === 'tuple' && t.items.every((i) => i.kind === 'name')) return t.items.map((i) => (i as { name: string }).name);
  return untranslatable('for', 'nested loop targets are not translated', t.pos);
}

/** Names a `set` assigns in these nodes at this scope level (if branches included, loops and blocks not). */
function setNames(nodes: Node[]): string[] {
  return nodes.flatMap((n) => {
    if ((n.kind === 'set' || n.kind === 'setblock') && n.target.kind === 'name') return [n.target.name];
    if (n.kind === 'if') return setNames([...n.branches.flatMap((b) => b.body), ...(n.else ?? [])]);
    return [];
  });
}

function mentionsLoop(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v['kind'] === 'name' && v['name'] === 'loop') return true;
  // A nested for has its own `loop`.
  if (v['kind'] === 'for') return mentionsLoop(v['iter']) || mentionsLoop(v['filter']) || mentionsLoop(v['else']);
  // for-in over the node's own keys (AST nodes are plain objects), not Object.values: an array per
  // node of every loop body, and positions, which name nothing, were walked too.
  for (const k in v) if (k !== 'pos' && mentionsLoop(v[k])) return true;
  return false;
}

/** A node kind the translator does not know (a newer parser's): untranslatable, never dropped. */
function unknownNode(n: never): never {
  const node = n as Node;
  return untranslatable(constructOf(node), `{% ${constructOf(node)} %} is not translated to ERB`, node.pos);
}

function constructOf(n: Node): string {
  return n.kind === 'other' ? n.tagName : n.kind;
}
