// The one door between the task translator and the Jinja stage (src/jinja parser,
// src/translate/jinja translator). Every Jinja expression in task arguments, guards and loops
// becomes Ruby through here.
import type { Span } from '../diagnostics.js';
import type { RExpr } from '../ruby/ast.js';
import type { ErbNode } from '../chef/ir.js';
import type { SymbolTable } from './symbols.js';
import { type Result, Untranslatable } from './failure.js';

export interface Scope {
  symbols: SymbolTable;
  /** Jinja names bound to Ruby locals here (loop variables, `item`). */
  locals: ReadonlyMap<string, string>;
}

const JINJA_MARK = /\{\{|\{%|\{#/;

export function hasJinja(text: string): boolean {
  return JINJA_MARK.test(text);
}

export function jinjaValue(text: string, _scope: Scope, span: Span): Result<RExpr> {
  return new Untranslatable('A2C-TODO-JINJA', `Jinja expression not translated yet: ${text}`, span);
}

export function jinjaCondition(text: string, _scope: Scope, span: Span): Result<RExpr> {
  return new Untranslatable('A2C-TODO-JINJA', `condition not translated yet: ${text}`, span);
}

/** A whole `.j2` file -> ERB IR, or the first construct that cannot be translated faithfully. */
export function jinjaTemplate(text: string, _scope: Scope, file: string): Result<ErbNode[]> {
  if (!hasJinja(text)) return [{ k: 'text', text: text.endsWith('\n') ? text.slice(0, -1) : text }];
  return new Untranslatable('A2C-TODO-TEMPLATE', 'template not translated yet', { file, line: 1, col: 1 });
}
