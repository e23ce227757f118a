// The types of the variables that files set outside the input give (config `extra-var-files`):
// each file's variables typed as the input's own variable files are (resolve/types.ts), in a symbol
// table of their own, so a template there reads the others there. A variable whose type is
// unknown is left out: it stays unknown, as if the file did not set it.
import { DiagnosticSink } from '../base/diagnostics.js';
import type { ExtraVarFile } from '../config/extra-var-files.js';
import { parseYaml, type YMap } from '../load/ansible/yaml.js';
import { SymbolTable } from './symbols.js';
import type { VarType } from './types.js';

/**
 * What a read of the variable gives: a template's number or None is its text (VarType.rendered),
 * since the value a node is given is the one Ansible would have read.
 */
function asRead(t: VarType): VarType {
  const { rendered, ...rest } = t;
  return rendered && (t.t === 'int' || t.t === 'float' || t.t === 'none') ? { t: 'str', plain: true } : rest;
}

/**
 * `declared`: the config's own declarations, which the files' templates may read. `from`, when
 * given, receives where each typed variable is set (`file:line`).
 */
export function extraSourceTypes(
  files: readonly ExtraVarFile[],
  declared: ReadonlyMap<string, VarType> = new Map(),
  sink: DiagnosticSink = new DiagnosticSink(),
  from?: Map<string, string>,
): Map<string, VarType> {
  const table = new SymbolTable('extra', declared);
  for (const f of files) {
    for (const doc of parseYaml(f.text, f.file, sink)) {
      const root = doc.root;
      if (root?.kind !== 'map') continue;
      for (const e of (root as YMap).entries) {
        if (e.key.kind !== 'scalar' || typeof e.key.value !== 'string') continue;
        table.define(e.key.value, { kind: 'group_vars', owner: 'extra', span: e.key.span, value: e.value });
      }
    }
  }
  table.finish(() => 'extra', 'ansible');
  const out = new Map<string, VarType>();
  for (const s of table.all()) {
    if (s.type.t === 'any') continue;
    out.set(s.name, asRead(s.type));
    const at = s.definitions.at(-1)?.span;
    if (from && at) from.set(s.name, `${at.file}:${at.line}`);
  }
  return out;
}
