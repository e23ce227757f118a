// Variables files -> attribute assignments at the path the symbol table gives each variable.
import type { Attribute } from '../chef/ir.js';
import type { DiagnosticSink } from '../diagnostics.js';
import type { VarFile } from '../ansible/model.js';
import { nil } from '../ruby/ast.js';
import { sourceLines } from '../ansible/source-text.js';
import type { Scope } from './jinja-bridge.js';
import { failed } from './failure.js';
import { translateValue } from './values.js';

export function attributesFrom(files: VarFile[], precedence: Attribute['precedence'], scope: Scope, sink: DiagnosticSink, text: (file: string) => string): Attribute[] {
  const out: Attribute[] = [];
  for (const f of files) {
    f.entries.forEach((e, i) => {
      const sym = scope.symbols.get(e.name);
      if (!sym) return;
      const v = translateValue(e.value, scope);
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
