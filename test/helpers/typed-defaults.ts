// A role's defaults file typed as the resolve stage types it, over outside variables of given types
// (as a contract or a declaration gives them), with the Jinja scope the translator reads them through:
// the set-up the contract differential tests share.
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { parseYaml, toPlain, type YMap } from '../../src/load/ansible/yaml.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { SymbolTable } from '../../src/resolve/symbols.js';
import type { VarType } from '../../src/resolve/types.js';

export interface TypedDefaults {
  /** Each definition's value as written (a template string, or a plain value). */
  written: Record<string, unknown>;
  symbols: SymbolTable;
  scope: JinjaScope;
}

export function typedDefaults(defaults: string, outside: ReadonlyArray<[string, VarType]>): TypedDefaults {
  const doc = parseYaml(defaults, 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
  const written = Object.fromEntries(doc.entries.map((e) => [String(toPlain(e.key)), toPlain(e.value)])) as Record<string, unknown>;
  const symbols = new SymbolTable('ansible', new Map(outside));
  for (const e of doc.entries)
    symbols.define(String(toPlain(e.key)), {
      kind: 'role-default',
      owner: 'r',
      span: { file: 'defaults/main.yml', line: 1, col: 1 },
      value: e.value,
    });
  symbols.finish(() => 'r');
  const scope: JinjaScope = {
    tables: builtinTables(),
    lookupVar: (n) =>
      symbols.get(n)?.definitions.length ? { kind: 'attribute', path: [n], type: symbols.get(n)!.type, read: 'node' } : undefined,
    lookupUndeclared: (n) => ({ kind: 'attribute', path: [n], ...(symbols.declared.get(n) ? { type: symbols.declared.get(n)! } : {}) }),
    locals: new Map(),
  };
  return { written, symbols, scope };
}
