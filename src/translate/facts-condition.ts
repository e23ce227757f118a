// A `when:` that reads only facts and constants, as Ruby. Such a condition has the same value
// from the first task to the last (facts are gathered once, before the play), and Ohai has the
// facts before the attribute files load: code that Ansible runs under it at some point of the
// play, like an include_vars, can be decided in an attribute file instead.
import type { YNode } from '../load/ansible/yaml.js';
import type { Expr } from '../load/jinja/ast.js';
import { parseExpression } from '../load/jinja/index.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../base/failure.js';
import { isFactRoot } from '../jinja-to-ruby/facts.js';
import type { VarScope } from './jinja-bridge.js';
import { translateConditions } from './values.js';

/** The variable names an expression reads (every `name` node: Jinja has no binding inside an expression). */
function namesIn(e: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(e)) e.forEach((x) => namesIn(x, out));
  else if (e && typeof e === 'object') {
    const node = e as { kind?: string; name?: string };
    if (node.kind === 'name' && typeof node.name === 'string') out.add(node.name);
    for (const [k, v] of Object.entries(e)) if (k !== 'pos') namesIn(v, out);
  }
  return out;
}

/** The names a condition string reads other than facts, or undefined when it does not parse. */
function nonFactNames(text: string, scope: VarScope): string[] | undefined {
  const bare = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text)?.[1] ?? text;
  const parsed = parseExpression(bare);
  if (!parsed.ok) return undefined;
  // A task var or loop variable of the same name hides the fact.
  return [...namesIn(parsed.value as Expr, new Set())].filter(
    (n) => !isFactRoot(n, scope.tables) || scope.locals.has(n) || scope.vars?.has(n),
  );
}

/**
 * The `when` (a string, a boolean or a list of them, all of which must hold) as one Ruby
 * condition, when it reads facts and constants only; otherwise why not.
 */
export function factsOnlyCondition(when: YNode, scope: VarScope, what: string): Result<RExpr> {
  const items = when.kind === 'seq' ? when.items : [when];
  for (const item of items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
    const others = nonFactNames(item.value, scope);
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
