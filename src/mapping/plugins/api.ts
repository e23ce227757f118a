// The published plugin API, version 1. A plugin teaches ansible2chef one Ansible module that a
// mapping table cannot express. It is a TypeScript file `<mappings dir>/plugins/<name>.ts` whose
// default export is a ModulePlugin; it may import only types from 'ansible2chef' (everything it
// calls comes through the `api` argument), and it builds Chef resources and Ruby expressions with
// the helpers below: a plugin never writes Ruby text. This file holds types only, so a plugin's
// type-check needs nothing else from the tool.
//
// Versioning: `apiVersion` is 1. Additions keep the version; a change that can break a plugin
// raises it, and plugins declaring another version are refused with a diagnostic.
import type { Span } from '../../base/diagnostics.js';
import type { CodeWith, DiagnosticCode } from '../../base/diagnostic-codes.js';
import type { Expr as JinjaExpr, Node as JinjaNode } from '../../load/jinja/ast.js';

export type { Span, JinjaExpr, JinjaNode, CodeWith, DiagnosticCode };

export const PLUGIN_API_VERSION = 1;

/** A Ruby expression made by the helpers. Opaque: plugins pass it on, never look inside. */
export interface RubyExpr {
  readonly __a2c: 'ruby-expr';
}

/** A recipe statement (a resource, a loop, a condition) made by the helpers. Opaque. */
export interface ChefStmt {
  readonly __a2c: 'chef-stmt';
}

/** Why a task cannot be converted faithfully: the task becomes a TODO with this reason. */
export interface Gap {
  readonly __a2c: 'gap';
}

/** One argument value as written in the task, with its position and, for strings with Jinja, its parsed template. */
export type ArgValue =
  | {
      kind: 'scalar';
      /** The YAML value (PyYAML's reading); a `!vault` value is `null` with `vault: true`. */
      value: string | number | boolean | null;
      span: Span;
      /** The parsed Jinja template when the string holds Jinja (`{{ x }}` is one `output` node). */
      jinja?: JinjaNode[];
      vault?: true;
    }
  | { kind: 'list'; items: ArgValue[]; span: Span }
  | { kind: 'map'; entries: Array<{ key: string; value: ArgValue }>; span: Span };

export interface PluginArg {
  key: string;
  value: ArgValue;
}

/** The task being converted: its module arguments. Keywords (when, loop, notify...) are applied by the tool. */
export interface PluginTask {
  /** Canonical module name (FQCN). */
  module: string;
  moduleAsWritten: string;
  name?: string;
  span: Span;
  args: PluginArg[];
  /** The last value given for any of these argument names (aliases), as Ansible reads it. */
  arg(...names: string[]): ArgValue | undefined;
}

/** How a plugin handles one argument; listed in docs/support-matrix.md and checked by `mappings lint`. */
export interface ParamSupport {
  status: 'converted' | 'partial' | 'ignored' | 'unsupported';
  /** Required for every status but 'converted'. */
  reason?: string;
}

/** `code` is one of ansible2chef's diagnostic codes (README, "Diagnostic codes"), as everywhere below. */
export type PluginResult = { stmts: ChefStmt[] } | { ignored: string; code: CodeWith<'info'> } | Gap;

export interface ModulePlugin {
  apiVersion: 1;
  /** The module's FQCN, e.g. `openstack.config_template.config_template`. */
  module: string;
  /** Other names the module is called by (short names). */
  aliases?: string[];
  /** One line for the support matrix. */
  description: string;
  /** Every argument the plugin understands; an argument not listed makes the task a TODO. */
  params: Record<string, ParamSupport>;
  translate(task: PluginTask, api: PluginApi): PluginResult;
}

export interface ResourceOptions {
  /** Actions; empty or absent: the resource's default action. */
  actions?: string[];
  /** Lines for the comment above the resource. */
  notes?: string[];
  /** Properties that take Ruby code, printed as blocks (ruby_block's `block { ... }`). */
  blocks?: Array<[string, RubyExpr]>;
}

export interface PluginApi {
  readonly apiVersion: 1;
  // Ruby values.
  str(value: string): RubyExpr;
  int(value: number): RubyExpr;
  bool(value: boolean): RubyExpr;
  nil(): RubyExpr;
  array(items: RubyExpr[]): RubyExpr;
  hash(pairs: Array<[RubyExpr, RubyExpr]>): RubyExpr;
  /** `node['a']['b']`. */
  nodeAttribute(path: string[]): RubyExpr;
  /** Plain data (from YAML) as a Ruby literal. */
  data(value: unknown): RubyExpr;
  /** `recv.method(args)`; method names are checked by the printer. */
  call(recv: RubyExpr, method: string, args?: RubyExpr[]): RubyExpr;
  /** `A2C::Jinja.<helper>(args)`: the Python/Jinja behaviour helpers of the support cookbook (str, join, bool...). */
  jinjaHelper(helper: string, args: RubyExpr[]): RubyExpr;
  /** `A2C::<module>.<helper>(args)`: another helper module of the support cookbook (`ConfigTemplate`, `Yaml`...). */
  supportHelper(module: string, helper: string, args: RubyExpr[]): RubyExpr;
  /** `recv.is_a?(Hash)` / `Array`. */
  isA(recv: RubyExpr, type: 'Hash' | 'Array' | 'String'): RubyExpr;
  /** `"text#{expr}text"`: parts are literal text or expressions. */
  interpolate(parts: Array<string | RubyExpr>): RubyExpr;
  ternary(cond: RubyExpr, then: RubyExpr, otherwise: RubyExpr): RubyExpr;

  // Task values.
  /** A task value as Ruby: plain data as literals, Jinja through the same translator the tables use. */
  value(v: ArgValue): RubyExpr | Gap;
  /** The value as plain data when it holds no Jinja and no vault value, else undefined. */
  staticData(v: ArgValue): unknown;

  // Chef statements.
  resource(type: string, name: RubyExpr, properties: Array<[string, RubyExpr]>, options?: ResourceOptions): ChefStmt;
  /** `hash.each do |key, value| ... end` around the statements `body` builds from the two block parameters. */
  eachPair(hash: RubyExpr, body: (key: RubyExpr, value: RubyExpr) => ChefStmt[]): ChefStmt;
  /** `if cond ... else ... end`, decided when the recipe compiles. */
  ifElse(cond: RubyExpr, then: ChefStmt[], otherwise?: ChefStmt[]): ChefStmt;
  /**
   * A role template (`src` as the template module reads it) translated to an ERB file of the
   * cookbook; returns the value of the template resource's `source` property.
   */
  template(src: ArgValue): RubyExpr | Gap;
  /** The text of that role template as written (found as `template` finds it, not translated). */
  templateText(src: ArgValue): string | Gap;
  /** Whether text holds Jinja syntax (`{{`, `{%`, `{#`) Ansible would template. */
  hasJinja(text: string): boolean;
  /** Python's json.loads(text) as plain data, or why it is not reproduced (load/python-json.ts). */
  pythonJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string };

  // Outcomes and reporting.
  gap(code: CodeWith<'warning'>, reason: string, span?: Span): Gap;
  isGap(x: unknown): x is Gap;
  /** A line for the cookbook README (deduplicated). */
  note(text: string): void;
  info(code: CodeWith<'info'>, message: string, span?: Span): void;
  warning(code: CodeWith<'warning'>, message: string, span?: Span): void;
}
