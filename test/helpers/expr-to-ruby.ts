// One Jinja expression translated to Ruby text with the built-in tables and no project around it: what
// the fact tests evaluate in Ruby beside Ansible's answer. `lookupVar` binds the names a test needs.
import { translateExpr } from '../../src/jinja-to-ruby/expr.js';
import type { VarRef } from '../../src/jinja-to-ruby/scope.js';
import { parseExpression } from '../../src/load/jinja/index.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { printExpr } from '../../src/print/print-expr.js';

export function exprToRuby(src: string, lookupVar: (name: string) => VarRef | undefined = () => undefined): string {
  const scope = { tables: builtinTables(), lookupVar, locals: new Map<string, string>() };
  const p = parseExpression(src);
  if (!p.ok) throw new Error(p.error.message);
  const t = translateExpr(p.value, scope);
  if (!t.ok) throw new Error(`${src}: ${t.reason}`);
  return printExpr(t.value);
}
