// jinja-bridge.ts keeps the reads a JinjaScope makes of one VarScope (lookupVar, resultTest, ...)
// for every string translated with that VarScope. Each reads the scope when called: a result
// registered after the first string, or a second scope object with the same content, must give
// what a scope made afresh for the string gives.
import { describe, expect, it } from 'vitest';
import { jinjaCondition, jinjaValue, type VarScope } from '../../src/translate/jinja-bridge.js';
import { SymbolTable } from '../../src/resolve/symbols.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { printExpr } from '../../src/print/print-expr.js';
import { failed } from '../../src/base/failure.js';
import type { Registered } from '../../src/translate/task/register.js';

const span = { file: 'roles/r/tasks/main.yml', line: 3, col: 5 };
const at = { file: 'roles/r/tasks/main.yml', line: 9, col: 7 };

function scopeWith(registered: Map<string, Registered>): VarScope {
  const symbols = new SymbolTable('ansible');
  symbols.define('port', { kind: 'role-default', owner: 'r', span, value: undefined });
  symbols.finish((r) => r);
  return {
    tables: builtinTables(),
    symbols,
    locals: new Map(),
    registerNames: new Set(['out']),
    registered,
    ownRegisterNames: new Set(['out']),
  };
}

const text = (r: ReturnType<typeof jinjaValue>) => (failed(r) ? `todo: ${r.reason}` : printExpr(r));

describe('the variable reads of one scope, shared by its strings', () => {
  it('see a result registered after the scope first translated a string', () => {
    const registered = new Map<string, Registered>();
    const scope = scopeWith(registered);
    const before = text(jinjaValue('{{ out.stdout }}', scope, span));
    expect(before).toMatch(/^todo: /);
    registered.set('out', { kind: 'runstate' });
    const after = text(jinjaValue('{{ out.stdout }}', scope, at));
    expect(after).not.toMatch(/^todo: /);
    // The same as a scope made for this string alone.
    expect(after).toBe(text(jinjaValue('{{ out.stdout }}', scopeWith(new Map(registered)), at)));
    const test = jinjaCondition('out is changed', scope, at);
    expect(failed(test)).toBe(false);
  });

  it('give each scope its own answers', () => {
    const withResult = scopeWith(new Map([['out', { kind: 'runstate' }]]));
    const without = scopeWith(new Map());
    expect(text(jinjaValue('{{ out.rc }}', withResult, span))).not.toMatch(/^todo: /);
    expect(text(jinjaValue('{{ out.rc }}', without, span))).toMatch(/^todo: /);
    expect(text(jinjaValue('{{ out.rc }}', withResult, at))).not.toMatch(/^todo: /);
    expect(text(jinjaValue('{{ port }}', without, span))).toBe(text(jinjaValue('{{ port }}', scopeWith(new Map()), at)));
  });
});
