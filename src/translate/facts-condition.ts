// A `when:` that reads only facts and constants, as Ruby. Such a condition has the same value
// from the first task to the last (facts are gathered once, before the play), and Ohai has the
// facts before the attribute files load: code that Ansible runs under it at some point of the
// play, like an include_vars, can be decided in an attribute file instead. So can `x is [not]
// defined` of a variable that only sources Chef applies before any attribute file set (inventory,
// group/host vars, play vars, role params: Policyfile and node attributes) and the very files the
// include_vars may load: nothing can define it between the play's start and the task.
import type { YNode } from '../load/ansible/yaml.js';
import type { Expr } from '../load/jinja/ast.js';
import { parseExpression } from '../load/jinja/index.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../base/failure.js';
import { isFactRoot } from '../jinja-to-ruby/facts.js';
import type { VarScope } from './jinja-bridge.js';
import { translateConditions } from './values.js';
import type { DefinitionKind } from '../resolve/symbols.js';

/** The variable names an expression reads (every `name` node: Jinja has no binding inside an expression). */
export function namesIn(e: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(e)) e.forEach((x) => namesIn(x, out));
  else if (e && typeof e === 'object') {
    const node = e as { kind?: string; name?: string };
    if (node.kind === 'name' && typeof node.name === 'string') out.add(node.name);
    for (const [k, v] of Object.entries(e)) if (k !== 'pos') namesIn(v, out);
  }
  return out;
}

/** The names an expression reads other than as the operand of a `defined`/`undefined` test. */
function namesReadBeyondDefined(e: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(e)) e.forEach((x) => namesReadBeyondDefined(x, out));
  else if (e && typeof e === 'object') {
    const node = e as { kind?: string; name?: string; node?: { kind?: string } };
    if (node.kind === 'test' && (node.name === 'defined' || node.name === 'undefined') && node.node?.kind === 'name') return out;
    if (node.kind === 'name' && typeof node.name === 'string') out.add(node.name);
    for (const [k, v] of Object.entries(e)) if (k !== 'pos') namesReadBeyondDefined(v, out);
  }
  return out;
}

/**
 * Definition kinds Chef has applied before the attribute files load: Policyfile attributes and
 * node files (precedence.ts); a vaulted one is written by an attribute file instead.
 */
const SET_BEFORE_ATTRIBUTES: ReadonlySet<DefinitionKind> = new Set([
  'inventory-group',
  'group_vars',
  'inventory-host',
  'host_vars',
  'play-vars',
  'play-vars-file',
  'role-param',
  'undeclared',
]);

/**
 * Whether `name is [not] defined` has, at the task, the value it has before the attribute files
 * load: no task registers or set_facts it, and every definition is applied by Chef before them or
 * is in one of `ownFiles` (the vars files the include_vars itself may load, whose case follows the
 * condition).
 */
function definedKnownBefore(name: string, scope: VarScope, ownFiles: ReadonlySet<string>): boolean {
  if (scope.registerNames?.has(name) || scope.magic?.(name) !== undefined) return false;
  const sym = scope.symbols.get(name);
  if (!sym) return false;
  // The files' own values do not exist before the task first loads them, templated or not: a
  // value reading what only tasks set is computed at each read (deferred.ts), where the condition
  // reads the name without them (VarScope.beforeLoad).
  return sym.definitions.every(
    (d) => (SET_BEFORE_ATTRIBUTES.has(d.kind) && !d.vaulted) || (d.kind === 'include_vars' && ownFiles.has(d.span.file)),
  );
}

/** The names a condition string reads other than facts, or undefined when it does not parse. */
function nonFactNames(text: string, scope: VarScope, ownFiles: ReadonlySet<string>): string[] | undefined {
  const bare = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text)?.[1] ?? text;
  const parsed = parseExpression(bare);
  if (!parsed.ok) return undefined;
  const beyond = namesReadBeyondDefined(parsed.value as Expr, new Set());
  // A task var or loop variable of the same name hides the fact.
  return [...namesIn(parsed.value as Expr, new Set())].filter((n) => {
    if (scope.locals.has(n) || scope.vars?.has(n)) return true;
    if (isFactRoot(n, scope.tables)) return false;
    return beyond.has(n) || !definedKnownBefore(n, scope, ownFiles);
  });
}

/**
 * The `when` (a string, a boolean or a list of them, all of which must hold) as one Ruby
 * condition, when it reads facts and constants only; otherwise why not.
 */
export function factsOnlyCondition(when: YNode, scope: VarScope, what: string, ownFiles: ReadonlySet<string> = new Set()): Result<RExpr> {
  const items = when.kind === 'seq' ? when.items : [when];
  for (const item of items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
    const others = nonFactNames(item.value, scope, ownFiles);
    if (others === undefined) continue; // the translation below reports the syntax error
    if (others.length)
      return new Untranslatable(
        'A2C-TODO-INCLUDE-VARS',
        `${what} whose condition reads ${others.map((n) => `'${n}'`).join(', ')} (not only facts) is not converted`,
        item.span,
      );
  }
  const conds = translateConditions(when, scope);
  if (failed(conds)) return conds;
  return conds.reduce((a, b) => ({ k: 'binop', op: '&&', l: a, r: b }));
}
