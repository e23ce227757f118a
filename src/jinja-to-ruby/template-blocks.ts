// Template statements whose body is rendered somewhere other than the output, or comes from
// another file: macro and call, filter blocks, block sets, with, include.
//
// A body rendered into a string becomes a Ruby block whose first parameter, `_buf`, shadows
// Erubis' output buffer (see a2c_jinja_blocks.rb): A2C::Jinja::Macro for macros and call
// bodies, A2C::Jinja::Capture for filter blocks and block sets. Every one of these bodies is a
// Jinja scope of its own: its sets stay inside (TemplateTranslator.nested gives them new locals).
import type { Expr, JinjaSettings, Node, Pos } from '../load/jinja/ast.js';
import { ANSIBLE_JINJA_SETTINGS } from '../load/jinja/ast.js';
import { parseTemplate } from '../load/jinja/index.js';
import { applyWhitespace } from '../load/jinja/whitespace.js';
import { bool, call, rvar, str, type RExpr } from '../ir/ruby-ast.js';
import type { ErbNode } from '../ir/chef-ir.js';
import { J, pyStr, typed, type Typed } from './rb.js';
import { Untranslatable } from '../base/failure.js';
import { untranslatable, withLocals, withLocalTypes, type JinjaScope } from './scope.js';
import type { VarType } from '../resolve/types.js';
import { boundNames, mentionedNames, type Callable } from './template-calls.js';
import type { TemplateTranslator } from './template.js';
import { once } from '../base/once.js';

/** Another template's text, found by the name an `{% include %}` gives. */
export interface IncludedTemplate {
  /** Its path (a second include of the same path inside it is a cycle). */
  file: string;
  text: string;
}

/** The template an include names, or undefined when no such template exists. */
export type IncludeResolver = (name: string) => IncludedTemplate | undefined;

type NodeOf<K extends Node['kind']> = Extract<Node, { kind: K }>;
type Param = { name: string; default: Expr | null };

const JINJA_CLASS = (name: string): RExpr => ({ k: 'const', path: ['A2C', 'Jinja', name] });

/** Names Jinja gives a meaning inside a macro that are not reproduced. */
const MACRO_SPECIALS = ['varargs', 'kwargs'];

export class BlockStatements {
  /** Files being included, outermost first. */
  private readonly including: string[] = [];

  constructor(
    private readonly t: TemplateTranslator,
    /**
     * Names the current template binds anywhere (a macro must not read one before it is bound),
     * asked only by a macro: walked on first use, not for every template (most have no macro).
     */
    private boundOf: () => ReadonlySet<string>,
  ) {
    if (t.options.file !== undefined) this.including.push(t.options.file);
  }

  private templateBound(): ReadonlySet<string> {
    return this.boundOf();
  }

  /** The file whose nodes are being translated (an included template's inside its include). */
  get file(): string | undefined {
    return this.including[this.including.length - 1];
  }

  /** `{% macro name(params) %}`: binds `name` (or `as`) to an A2C::Jinja::Macro from here on. */
  macro(n: NodeOf<'macro'>, scope: JinjaScope, out: ErbNode[], as = n.name): JinjaScope {
    const reads = mentionedNames([n.body, n.params]);
    for (const special of MACRO_SPECIALS) {
      if (reads.has(special)) untranslatable(`macro:${special}`, `'${special}' inside a macro is not translated`, n.pos);
    }
    // Jinja resolves the names a macro reads when it is called; Ruby binds a local where it is
    // written. A name the template binds only later would be read from the node instead.
    const ownBound = boundNames(n.body);
    const params = new Set(n.params.map((p) => p.name));
    for (const name of reads) {
      if (!params.has(name) && !ownBound.has(name) && !scope.locals.has(name) && name !== n.name && this.templateBound().has(name)) {
        untranslatable('macro', `the macro reads '${name}', which the template sets after the macro is defined`, n.pos);
      }
    }
    const self = this.t.local(as, n.pos);
    const usesCaller = reads.has('caller');
    this.t.callables.set(self, macroCallable(self));
    out.push({
      k: 'assign',
      name: self,
      value: call(JINJA_CLASS('Macro'), 'new', [
        str(n.name),
        { k: 'array', items: n.params.map((p) => str(p.name)) },
        { k: 'array', items: n.params.filter((p) => p.default !== null).map((p) => str(p.name)) },
        bool(usesCaller),
      ]),
    });
    const inner = withLocals(scope, [[as, self]]);
    // The body sees the macro by its own name (a recursive call), as the template that defines it does.
    const own = as === n.name ? inner : withLocals(inner, [[n.name, self]]);
    // It runs when called, after sets of the template may have changed what a local holds.
    const body = withLocalTypes(own, this.templateBound(), []);
    out.push(this.macroBody(self, n.params, usesCaller, n.body, body, n.pos));
    return inner;
  }

  /** `{% call(params) m(args) %}body{% endcall %}`: m called with the body as `caller`. */
  callBlock(n: NodeOf<'callblock'>, scope: JinjaScope, out: ErbNode[]): void {
    const target = n.call.kind === 'call' && n.call.node.kind === 'name' ? scope.locals.get(n.call.node.name) : undefined;
    const macro = target === undefined ? undefined : this.t.callables.get(target);
    if (n.call.kind !== 'call' || !macro)
      return untranslatable('call', '{% call %} is translated only for a macro of the same template', n.pos);
    const reads = mentionedNames([n.body, n.params]);
    for (const special of MACRO_SPECIALS) {
      if (reads.has(special)) untranslatable(`call:${special}`, `'${special}' inside a call block is not translated`, n.pos);
    }
    const callerObj = this.t.local('caller_block', n.pos);
    out.push({
      k: 'assign',
      name: callerObj,
      value: call(JINJA_CLASS('Macro'), 'new', [
        str('caller'),
        { k: 'array', items: n.params.map((p) => str(p.name)) },
        { k: 'array', items: n.params.filter((p) => p.default !== null).map((p) => str(p.name)) },
        bool(false),
      ]),
    });
    out.push(this.macroBody(callerObj, n.params, false, n.body, scope, n.pos));
    if (n.call.dynArgs || n.call.dynKwargs) untranslatable('call', '*args/**kwargs in a call are not translated', n.pos);
    const args = n.call.args.map((a) => this.t.argument(a, scope));
    const kwargs = n.call.kwargs.map((k): [string, RExpr] => [k.name, this.t.argument(k.value, scope)]);
    out.push({ k: 'out', expr: macro.call(args, kwargs, n.pos, rvar(callerObj)) });
  }

  /** The Ruby block of a macro or caller body: `obj.each do |_buf, params..., caller|`. */
  private macroBody(obj: string, params: Param[], usesCaller: boolean, body: Node[], scope: JinjaScope, pos: Pos): ErbNode {
    return this.t.nested(() => {
      const locals = params.map((p) => this.t.local(p.name, pos));
      const callerLocal = usesCaller ? this.t.local('caller', pos) : undefined;
      if (callerLocal !== undefined) this.t.callables.set(callerLocal, macroCallable(callerLocal));
      const bound: Array<[string, string]> = params.map((p, i) => [p.name, locals[i] as string]);
      const inner = withLocals(scope, callerLocal === undefined ? bound : [...bound, ['caller', callerLocal]]);
      // A parameter with a default gets it when the call left it out (evaluated then, as in Jinja).
      const defaults: ErbNode[] = params.flatMap((p, i): ErbNode[] => {
        if (p.default === null) return [];
        const local = locals[i] as string;
        const missing = call(JINJA_CLASS('Macro'), 'missing?', [rvar(local)]);
        return [{ k: 'assign', name: local, value: { k: 'ternary', c: missing, t: this.t.expr(p.default, inner).e, f: rvar(local) } }];
      });
      const blockParams = ['_buf', ...locals, ...(callerLocal === undefined ? [] : [callerLocal])];
      return { k: 'each', items: rvar(obj), params: blockParams, body: [...defaults, ...this.t.block(body, inner)] };
    });
  }

  /** `{% filter f | g %}body{% endfilter %}`: the filtered body, printed with str(). */
  filterBlock(n: NodeOf<'filterblock'>, scope: JinjaScope, out: ErbNode[]): void {
    out.push({ k: 'out', expr: pyStr(this.captured(n.body, n.filters, scope, out)) });
  }

  /** The body rendered to a string (A2C::Jinja::Capture), with the block's filters applied. */
  captured(body: Node[], filters: Array<Extract<Expr, { kind: 'filter' }>>, scope: JinjaScope, out: ErbNode[]): Typed {
    const cap = this.t.local('captured', filters[0]?.pos ?? { line: 1, col: 1 });
    out.push({ k: 'assign', name: cap, value: call(JINJA_CLASS('Capture'), 'new') });
    out.push(this.t.nested(() => ({ k: 'each', items: rvar(cap), params: ['_buf'], body: this.t.block(body, scope) })));
    const text = call(rvar(cap), 'text');
    if (filters.length === 0) return typed(text, 'str');
    // Each filter's node is a placeholder for the value it filters: chain them over the text.
    const placeholder = '{% captured %}';
    const chain = filters.reduce<Expr>((node, f) => ({ ...f, node }), { kind: 'name', name: placeholder, pos: filters[0]?.pos as Pos });
    const base = withLocals(scope, []);
    return this.t.expr(chain, {
      ...base,
      lookupVar: (name) => (name === placeholder ? { kind: 'ruby', expr: text } : scope.lookupVar(name)),
    });
  }

  /** `{% with a = x, b = y %}`: values computed in the outer scope, then bound for the body only. */
  withBlock(n: NodeOf<'with'>, scope: JinjaScope, out: ErbNode[]): void {
    const values = n.targets.map(({ target, value }) => {
      if (target.kind !== 'name') return untranslatable('with', 'only `{% with name = value %}` targets are translated', target.pos);
      return { name: target.name, value: this.t.expr(value, scope).e };
    });
    this.t.nested(() => {
      const bound = values.map(({ name, value }): [string, string] => {
        const local = this.t.local(name, n.pos);
        out.push({ k: 'assign', name: local, value });
        return [name, local];
      });
      out.push(...this.t.block(n.body, withLocals(scope, bound)));
    });
  }

  /**
   * `{% include 'name' %}`: the other template's translation, inlined. Jinja renders it with the
   * including scope's names (with context) in a scope of its own, so its sets stay inside.
   */
  include(n: NodeOf<'include'>, scope: JinjaScope, out: ErbNode[]): void {
    if (!n.withContext) untranslatable('include', '`without context` includes are not translated', n.pos);
    const found = this.otherTemplate('include', n.template, n.pos);
    if (!found) {
      // Jinja fails when it renders the tag; `ignore missing` renders nothing.
      if (!n.ignoreMissing) out.push({ k: 'out', expr: J('template_not_found', [str(constName(n.template))]) });
      return;
    }
    this.inside(constName(n.template), found, n.pos, () => out.push(...this.t.nested(() => this.t.block(found.nodes, scope))));
  }

  /**
   * `{% from 'name' import m, n as o %}`: the other template's macros, bound here. Jinja renders an
   * imported template without the importing one's variables (unless `with context`), so only
   * macros that read nothing but their parameters and what they bind themselves are translated:
   * what they render is then the same with or without context.
   */
  importFrom(n: NodeOf<'import'>, scope: JinjaScope, out: ErbNode[]): JinjaScope {
    if (n.alias !== null)
      return untranslatable('import', '`{% import ... as name %}` is not translated (`{% from ... import name %}` is)', n.pos);
    const found = this.otherTemplate('import', n.template, n.pos);
    const name = constName(n.template);
    if (!found) return untranslatable('import', `no template '${name}' in the template search path`, n.pos);
    const macros = new Map(found.nodes.flatMap((x) => (x.kind === 'macro' ? [[x.name, x] as const] : [])));
    let inner = scope;
    this.inside(name, found, n.pos, () => {
      for (const { name: wanted, alias } of n.names) {
        const m = macros.get(wanted);
        if (!m) untranslatable('import', `'${name}' defines no macro '${wanted}' (only macros are imported)`, n.pos);
        const own = new Set([...m.params.map((p) => p.name), ...boundNames(m.body), ...loopTargets(m.body), 'caller', m.name]);
        const outside = [...mentionedNames([m.body, m.params])].filter((x) => !own.has(x)).sort();
        if (outside.length)
          untranslatable(
            'import',
            `macro '${wanted}' reads ${outside.map((x) => `'${x}'`).join(', ')}, which an imported template does not see as the importing one does`,
            m.pos,
          );
        inner = this.macro(m, inner, out, alias ?? wanted);
      }
    });
    return inner;
  }

  /** The template a `{% include %}` or `{% import %}` names, parsed and whitespace-applied; undefined when there is none. */
  private otherTemplate(what: string, template: Expr, pos: Pos): { file: string; nodes: Node[] } | undefined {
    if (template.kind !== 'const' || typeof template.value !== 'string') {
      return untranslatable(what, `an ${what} whose template name is computed is not translated`, pos);
    }
    const name = template.value;
    if (name.startsWith('/') || name.split('/').includes('..'))
      untranslatable(what, `the ${what} path '${name}' is outside the template search path`, pos);
    const resolve = this.t.options.include;
    if (!resolve) return untranslatable(what, 'the other templates of the role are not known here', pos);
    if (!sameLexing(this.t.settings)) untranslatable(what, `an ${what} from a template with changed delimiters is not translated`, pos);
    const found = resolve(name);
    if (!found) return undefined;
    if (this.including.includes(found.file))
      untranslatable(what, `'${name}' includes itself (through ${this.including.join(' -> ')})`, pos);
    if (/^#jinja2:/.test(found.text))
      untranslatable(what, `'${name}' starts with a #jinja2: header, which Jinja renders as text when it is included`, pos);
    const parsed = parseTemplate(found.text);
    if (!parsed.ok) {
      return untranslatable(
        what,
        `'${name}' has a Jinja syntax error at ${parsed.error.pos.line}:${parsed.error.pos.col}: ${parsed.error.message}`,
        pos,
      );
    }
    return { file: found.file, nodes: applyWhitespace(parsed.value.nodes, this.t.settings) };
  }

  /** Runs `f` on another template's nodes: its file for positions (and the audit's fixes), its bound names, failures placed at the tag. */
  private inside(name: string, found: { file: string; nodes: Node[] }, pos: Pos, f: () => void): void {
    const outerBound = this.boundOf;
    this.including.push(found.file);
    this.boundOf = once(() => boundNames(found.nodes));
    try {
      f();
    } catch (e) {
      if (!(e instanceof Untranslatable) || !e.jinja) throw e;
      untranslatable(e.jinja.construct, `in '${name}' at ${e.jinja.pos.line}:${e.jinja.pos.col}: ${e.reason}`, pos, undefined, e.code);
    } finally {
      this.including.pop();
      this.boundOf = outerBound;
    }
  }
}

function constName(e: Expr): string {
  return e.kind === 'const' ? String(e.value) : '';
}

/** Names `for` loops bind in these nodes (their targets and `loop`). */
function loopTargets(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) loopTargets(v, out);
  } else if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (v['kind'] === 'for') {
      mentionedNames(v['target'], out);
      out.add('loop');
    }
    for (const child of Object.values(v)) loopTargets(child, out);
  }
  return out;
}

/**
 * A macro (or caller) held in the Ruby local `obj`: `obj.call([args], {kwargs}[, caller])`. Jinja's
 * macro call gives the text its body wrote (a str, or a failure), as the Ruby Macro#call does.
 */
function macroCallable(obj: string): Callable {
  return {
    isValue: false,
    call: (args, kwargs, _pos, caller) =>
      call(
        rvar(obj),
        'call',
        [
          { k: 'array', items: args },
          { k: 'hash', pairs: kwargs.map(([k, v]): [RExpr, RExpr] => [str(k), v]) },
          ...(caller ? [caller] : []),
        ],
        { vt: MACRO_TEXT },
      ),
  };
}

const MACRO_TEXT: VarType = { t: 'str' };

/** An included template is lexed with the including one's delimiters: only Ansible's are known to match. */
function sameLexing(s: JinjaSettings): boolean {
  const keys = ['variableStart', 'variableEnd', 'blockStart', 'blockEnd', 'commentStart', 'commentEnd'] as const;
  return keys.every((k) => s[k] === ANSIBLE_JINJA_SETTINGS[k]);
}
