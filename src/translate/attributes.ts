// Variables files -> attribute assignments at the path the symbol table gives each variable.
import type { Attribute } from '../chef/ir.js';
import type { DiagnosticSink } from '../diagnostics.js';
import type { VarFile } from '../ansible/model.js';
import { call, nil, str, type RExpr } from '../ruby/ast.js';
import type { Span } from '../diagnostics.js';
import type { YNode } from '../ansible/yaml.js';
import { sourceLines } from '../ansible/source-text.js';
import type { Scope } from './jinja-bridge.js';
import { failed } from './failure.js';
import { translateValue } from './values.js';

/** A `!vault` value and the chef-vault item its attribute reads. */
export interface VaultRef {
  variable: string;
  bag: string;
  item: string;
  span: Span;
}

export const VAULT_BAG = 'ansible2chef_vault';

export function attributesFrom(files: VarFile[], precedence: Attribute['precedence'], scope: Scope, sink: DiagnosticSink, text: (file: string) => string, vaults: VaultRef[]): Attribute[] {
  const out: Attribute[] = [];
  for (const f of files) {
    f.entries.forEach((e, i) => {
      const sym = scope.symbols.get(e.name);
      if (!sym) return;
      let n = 0;
      const vaultItem = (node: YNode): RExpr => {
        const item = n++ === 0 ? e.name : `${e.name}_${n}`;
        vaults.push({ variable: e.name, bag: VAULT_BAG, item, span: node.span });
        return call({ k: 'const', path: ['A2C', 'Vault'] }, 'value', [str(VAULT_BAG), str(item)]);
      };
      const v = translateValue(e.value, { ...scope, vaultItem });
      if (failed(v)) {
        const next = f.entries[i + 1];
        const original = sourceLines(text(f.file), { ...e.span, col: e.span.col + 2 }, next ? next.span.line - 1 : null);
        sink.warning(v.code, `variable ${e.name}: ${v.reason}`, v.span ?? e.span);
        out.push({ precedence, path: sym.path, value: nil, origin: e.span, todo: { code: v.code, reason: v.reason, original } });
        return;
      }
      out.push({ precedence, path: sym.path, value: v, origin: e.span });
    });
  }
  return out;
}
