// A variable whose whole value Ansible reads on its controller (`lookup('env', 'OSA_VERSION')`):
// no Chef node is the controller, so the value is the operator's to give, as an attribute set in a
// Policyfile or a node file. The variable is one TODO at its definition
// (A2C-TODO-CONTROLLER, listed in CONVERSION.md with what Ansible read), and its attribute holds
// A2C::Jinja.controller_input (libraries/a2c_jinja.rb): the operator's value where one is set, at
// any precedence level, else a value that fails every use (A2C::Jinja::NotRead) naming the
// attribute to set and Ansible's expression. Its readers then convert as readers of any attribute.
//
// Only where the operator's value can stand for the whole expression: one lookup of a plugin the
// lookups table gives an `operator` (env: a controller's environment variable read is one value
// for the whole run, as an attribute is), one literal term, optionally with a literal default=
// or one `| default(<literals>)`: whatever Ansible's result (the variable's value; where it is
// unset, the lookup's default= or '', which a `default(..., true)` replaces), it is a value the
// operator can write down. A lookup inside a larger
// expression keeps today's TODO, as does a variable defined more than once (the operator's value
// would have to rank as each of those definitions does). Not pipe, url or password: a command's
// output, a fetched document or a generated secret is not a value an operator sets once in a
// Policyfile (password lookups have their own chef-vault source, password-lookup.ts).
import type { Span } from '../base/diagnostics.js';
import { lookupEntry } from '../jinja-to-ruby/lookups.js';
import { J } from '../jinja-to-ruby/rb.js';
import type { YNode } from '../load/ansible/yaml.js';
import { type Expr, parseExpression } from '../load/jinja/index.js';
import type { JinjaTables } from '../mapping/jinja-tables.js';
import type { SymbolTable } from '../resolve/symbols.js';
import { nodeRef, type RExpr, str } from '../ir/ruby-ast.js';

/** What the operator's attribute stands for. */
export interface ControllerInput {
  /** The lookups table's key (`env`). */
  plugin: string;
  /** The term the lookup reads (the environment variable's name). */
  term: string;
  /** What the term is, from the table (`environment variable`). */
  what: string;
  /** The expression as written, inside `{{ }}`, trimmed. */
  expression: string;
}

/** A variable that became an operator's attribute, for CONVERSION.md. */
export interface ControllerInputRef extends ControllerInput {
  variable: string;
  path: readonly string[];
  span: Span;
}

const constant = (e: Expr): boolean =>
  e.kind === 'const' ||
  ((e.kind === 'list' || e.kind === 'tuple') && e.items.every(constant)) ||
  (e.kind === 'dict' && e.pairs.every((p) => constant(p.key) && constant(p.value)));

/** The lookup a YAML value is, whole (see the header), or undefined. */
export function controllerInputOf(value: YNode, tables: JinjaTables): ControllerInput | undefined {
  if (value.kind !== 'scalar' || typeof value.value !== 'string' || value.unsafe) return undefined;
  // Exactly one `{{ }}` and nothing around it: any other text would be part of the value.
  const m = /^\{\{([\s\S]*)\}\}$/.exec(value.value);
  if (!m || /\{\{|\}\}|\{%|\{#/.test(m[1]!)) return undefined;
  const parsed = parseExpression(m[1]!);
  if (!parsed.ok) return undefined;
  let e: Expr = parsed.value;
  if (e.kind === 'filter' && (e.name === 'default' || e.name === 'd') && !e.dynArgs && !e.dynKwargs) {
    const literal = e.args.every(constant) && e.kwargs.every((k) => k.name === 'boolean' && constant(k.value));
    if (!literal) return undefined;
    e = e.node;
  }
  if (e.kind !== 'call' || e.node.kind !== 'name' || e.node.name !== 'lookup' || e.dynArgs || e.dynKwargs) return undefined;
  const [plugin, term, ...more] = e.args;
  if (more.length || plugin?.kind !== 'const' || typeof plugin.value !== 'string') return undefined;
  if (term?.kind !== 'const' || typeof term.value !== 'string') return undefined;
  if (!e.kwargs.every((k) => k.name === 'default' && constant(k.value))) return undefined;
  const found = lookupEntry(tables, plugin.value);
  if (found?.entry.operator === undefined) return undefined;
  // The env plugin reads the term's first word (`term.split()[0]`, ansible-core 2.14).
  const name = term.value.trim().split(/\s+/)[0];
  if (!name) return undefined;
  return { plugin: found.name, term: name, what: found.entry.operator, expression: m[1]!.trim() };
}

/**
 * The lookup `name`'s value is, where it is the variable's only definition (see the header), or
 * undefined: every definition the symbol table holds, at one position (a file read for several
 * plays is one definition).
 */
export function controllerInputFor(name: string, value: YNode, symbols: SymbolTable, tables: JinjaTables): ControllerInput | undefined {
  const input = controllerInputOf(value, tables);
  if (!input) return undefined;
  const defs = symbols.get(name)?.definitions.filter((d) => d.kind !== 'undeclared') ?? [];
  const at = new Set(defs.map((d) => `${d.span.file}:${d.span.line}:${d.span.col}`));
  return at.size === 1 ? input : undefined;
}

/** The attribute's value: the operator's, else one failing every use (A2C::Jinja.controller_input). */
export function controllerInputValue(input: ControllerInput, path: readonly string[]): RExpr {
  return J('controller_input', [nodeRef, str(input.expression), ...path.map(str)]);
}
