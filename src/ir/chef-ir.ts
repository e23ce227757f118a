// Chef IR: Chef-shaped, holds no Ruby text. Built by src/translate, printed by src/ruby.
import type { VarType } from '../resolve/types.js';
import type { DiagnosticCode, Span } from '../base/diagnostics.js';
import type { RExpr } from './ruby-ast.js';

/** Where a statement came from: provenance comment `# <file>:<line> <task name>`. */
export interface Origin {
  span: Span;
  taskName?: string;
}

export interface Property {
  name: string;
  value: RExpr;
  /** Print as a block (`block { value }`), for properties that take Ruby code (ruby_block's block). */
  block?: boolean;
  /** The block's parameters (`verify do |path|`). */
  blockParams?: string[];
}

export interface Notification {
  action: string;
  /** An action chosen at compile time (a handler with a templated state); replaces `action`. */
  actionExpr?: RExpr;
  /** `service[haproxy]`: the resource type and its name expression. */
  resourceType: string;
  resourceName: RExpr;
  timing: 'delayed' | 'immediately' | 'before';
  /**
   * A looping handler has one resource per item: notify each (`items.each { |item| notifies ... }`),
   * with the resource name built from the block parameters.
   */
  forEach?: { items: RExpr; params: string[] };
  /**
   * A notification sent only where this holds (`notifies ... if cond`), decided when the recipe
   * compiles: a notify that picks its handler by a condition on attributes.
   */
  onlyIf?: RExpr;
}

/** `only_if { ruby }` or `only_if 'shell command'` (command as a string value). */
export interface Guard {
  kind: 'only_if' | 'not_if';
  ruby?: RExpr;
  command?: RExpr;
}

export interface ResourceStmt {
  kind: 'resource';
  type: string;
  name: RExpr;
  properties: Property[];
  /** Empty: the resource's default action. */
  actions: string[];
  /** An action chosen from a value at compile time (`state: "{{ x }}"`); replaces `actions`. */
  actionExpr?: RExpr;
  guards: Guard[];
  notifies: Notification[];
  subscribes: Notification[];
  origin: Origin;
  /** Extra lines for the comment above the resource (conversion notes), plain text. */
  notes?: string[];
  /**
   * A resource the translation adds before the task's own (apt_update before a package,
   * daemon-reload before a service): Ansible reports the task changed from its main effect only,
   * so notifications are not attached to it.
   */
  auxiliary?: boolean;
  /**
   * The name property and its value when the resource name is that value (`package 'x'` names
   * package_name 'x'). Not printed; the translator uses it to rename handler resources.
   */
  identity?: Property;
}

/** A gap: the original task text, kept as a comment inside a TODO block. Paired with one diagnostic. */
export interface TodoStmt {
  kind: 'todo';
  code: DiagnosticCode;
  reason: string;
  original: string;
  origin: Origin;
}

/** `items.each do |params| ... end` (or each_with_index when withIndex). */
export interface EachStmt {
  kind: 'each';
  items: RExpr;
  params: string[];
  withIndex?: boolean;
  /** What every item is, when known (resolve/types.ts): the loop variable needs no conversion. */
  itemType?: VarType;
  /**
   * `next unless skipUnless` before the body: an item this is false for is skipped before anything
   * in the body is evaluated, as Ansible evaluates a loop's per-item `when` before the arguments.
   */
  skipUnless?: RExpr;
  body: Stmt[];
  /**
   * The list exists only at converge time (it reads a registered result): the loop is written in
   * the `declare` block of an `a2c_converge_loop` resource, which runs it at the task's place in
   * the run. That resource carries the task's notifications: Chef marks it updated when a
   * resource the loop declared was, as Ansible marks a loop changed when an item was.
   */
  atConverge?: ConvergeLoop;
}

/** The `a2c_converge_loop` resource around a loop (EachStmt.atConverge). */
export interface ConvergeLoop {
  name: RExpr;
  origin: Origin;
  notes: string[];
  notifies: Notification[];
  /**
   * The task's leading conditions that do not read the item, checked before the list is read:
   * Ansible skips such a task without failing on its list (a result its skipped task registered).
   */
  onlyWhen?: RExpr;
}

export interface IfStmt {
  kind: 'if';
  cond: RExpr;
  body: Stmt[];
  otherwise?: Stmt[];
}

/** `include_recipe 'cookbook::recipe'`, or of the recipe Ruby picks when the recipe compiles (a templated include file name). */
export type IncludeRecipeStmt = {
  kind: 'include_recipe';
  origin: Origin;
  /** A role's handlers recipe, included with one of its task files: dropped if the role ends with none. */
  handlers?: true;
} & ({ recipe: string } | { recipeExpr: RExpr });

/** `target = value` where target is a local, or `node.run_state[...]` index. */
export interface AssignStmt {
  kind: 'assign';
  target: RExpr;
  value: RExpr;
  origin: Origin;
  /**
   * A value the recipe reads several times, read once (translate/read-once.ts): printed without
   * provenance, consecutive ones as one group under one comment.
   */
  once?: true;
}

/** `raise 'message'` at converge time is not what fail does; fail/assert become a ruby_block or raise at compile time. */
export interface CommentStmt {
  kind: 'comment';
  lines: string[];
}

/** A Ruby call run where the recipe compiles (`A2C::Inputs.check!(node, ...)`), after its comment lines. */
export interface CallStmt {
  kind: 'call';
  comment: string[];
  expr: RExpr;
}

export type Stmt = ResourceStmt | TodoStmt | EachStmt | IfStmt | IncludeRecipeStmt | AssignStmt | CommentStmt | CallStmt;

export interface Recipe {
  name: string;
  /** Input file this recipe was made from, relative to the input root. */
  source: string;
  stmts: Stmt[];
}

export interface Attribute {
  /**
   * force_default: above the Policyfile's defaults, below node files (vault values scoped to a group
   * or host, group_vars and play vars computed on the node). force_override: above cookbook
   * overrides (role vars) and the Policyfile's overrides (role params computed on the node).
   */
  precedence: 'default' | 'force_default' | 'override' | 'force_override';
  path: string[];
  value: RExpr;
  origin: Span;
  /** A value that could not be translated: printed as a TODO comment, never assigned. */
  todo?: { code: DiagnosticCode; reason: string; original: string };
  /**
   * A value assigned under a TODO comment: work left to the operator, whose own value the
   * assignment takes where one is set (a value only the Ansible controller has, controller-input.ts).
   */
  pending?: { code: DiagnosticCode; reason: string };
  /**
   * Set only when `on` evaluates to `value` (vars files chosen per platform). Consecutive
   * attributes with the same `on` print as one `case` statement.
   */
  when?: { on: RExpr; value: string };
  /** Set only where this holds (a vault value of one group's or host's variables). */
  onlyIf?: RExpr;
  /**
   * The assignment as the printer already wrote it, when it was settled as soon as it was
   * translated (translate/attributes.ts): a large vars file's values then stop holding their whole
   * Ruby IR until the run's end. `value` is then only what later passes read of it, its summary
   * (translate/references.ts readSummary): its attribute reads, its helper calls, a fix's output.
   */
  settled?: string;
}

/** ERB template IR. Text is exact output text; the printer keeps Erubis from trimming it. */
export type ErbNode =
  | { k: 'text'; text: string }
  | { k: 'out'; expr: RExpr }
  | { k: 'if'; branches: Array<{ cond: RExpr; body: ErbNode[] }>; otherwise: ErbNode[] | null }
  | { k: 'each'; items: RExpr; params: string[]; withIndex?: boolean; body: ErbNode[] }
  | { k: 'assign'; name: string; value: RExpr }
  /** A statement run for its effect alone (`l.push(x)` of a list the template built). */
  | { k: 'do'; expr: RExpr };

export interface Template {
  /** Path under templates/, e.g. `haproxy.cfg.erb`. */
  path: string;
  source: string;
  body: ErbNode[];
}

export interface StaticFile {
  /** Path under files/. */
  path: string;
  source: string;
  content: Uint8Array;
}

/**
 * A custom resource made from a role's task file (resources/<file>.rb): a role included with
 * `vars` runs its tasks as this resource's action, reading the passed values as properties.
 */
export interface CustomResource {
  /** File name under resources/ without `.rb`; Chef names the resource `<cookbook>_<file>`. */
  file: string;
  /** The task file it was made from, relative to the input root. */
  source: string;
  /** Properties in order; `default` is computed when the property is read and was not passed. */
  properties: Array<{ name: string; default?: RExpr }>;
  action: string;
  body: Stmt[];
}

export interface Cookbook {
  name: string;
  version: string;
  depends: string[];
  /** Where the cookbook came from (role dir relative to the input root). */
  source: string;
  attributes: Attribute[];
  recipes: Recipe[];
  templates: Template[];
  files: StaticFile[];
  /** Custom resources made from the role's task files (role-resource.ts). */
  resources?: CustomResource[];
  /** Conversion notes for the cookbook README (plain text lines). */
  notes: string[];
  /** The types of the variables set outside the input that it reads as plain Chef (translate/input-checks.ts). */
  inputContracts?: InputContracts;
}

/**
 * libraries/input_contracts.rb: a frozen table in a module named for the cookbook, which the
 * cookbook's recipes hand to `A2C::Inputs.check!`. Each entry is the variable's name and a hash
 * value (`{ type: ..., from: ... }`, built by translate/input-checks.ts contractEntry).
 */
export interface InputContracts {
  /** The module's constant name (`WebCookbook`). */
  module: string;
  /** The table's constant name inside the module. */
  constant: string;
  entries: Array<{ variable: string; value: RExpr }>;
  /** The second table's constant: lists whose items' fields are read (`{ path: [...], fields: {...} }`). */
  itemConstant: string;
  itemEntries: Array<{ variable: string; value: RExpr }>;
  /** Some item entry is a dict set only to `{}` in the input (`kind: :dict`), checked as one item. */
  dictEntries?: true;
}

export interface PolicyFile {
  name: string;
  source: string;
  runList: string[];
  cookbooks: string[];
  /** Attributes set by the play or its group_vars (default), role parameters (override). */
  attributes: Array<{ path: string[]; value: RExpr; precedence?: 'override' }>;
}

export interface NodeFile {
  name: string;
  runList: string[];
  normal: Record<string, unknown>;
}
