// User mapping tables merged over the built-in ones. A user entry adds to a table or replaces a
// built-in entry whole; every replacement is reported naming both files, so nobody is surprised by
// a table they did not read. Rule lists of ipv6.toml/tls.toml are extended (a user adds bracket
// keys, never silently drops the shipped ones); their scalar settings are replaced with a warning.
import { diagnostic, type Diagnostic } from '../base/diagnostics.js';
import type { ModuleSpec, ModuleTable } from './modules.js';

/** Where a key is defined in a TOML text: the line of its header or assignment (1 when not found). */
export function lineOf(text: string, key: string): number {
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(\\[+\\s*(module\\.)?"?${esc}"?\\s*\\]|"?${esc}"?\\s*=)`, 'm');
  const m = re.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : 1;
}

export interface TableSource {
  file: string;
  text: string;
}

/** Module tables: later tables win per module; an alias claimed by two modules goes to the later one. */
export function mergeModuleTables(base: ModuleTable, overlay: ModuleTable, src: TableSource, diagnostics: Diagnostic[]): ModuleTable {
  const out: ModuleTable = { modules: new Map(base.modules), aliases: new Map(base.aliases) };
  for (const [fqcn, spec] of overlay.modules) {
    const before = out.modules.get(fqcn);
    if (before) {
      diagnostics.push(
        diagnostic('A2C-MAPPING-OVERRIDE', `module ${fqcn} from ${src.file} replaces the entry in ${describe(before)}`, {
          file: src.file,
          line: lineOf(src.text, fqcn),
          col: 1,
        }),
      );
    }
    out.modules.set(fqcn, spec);
  }
  for (const [alias, fqcn] of overlay.aliases) {
    const before = out.aliases.get(alias);
    if (before !== undefined && before !== fqcn) {
      diagnostics.push(
        diagnostic(
          'A2C-MAPPING-CONFLICT',
          `name '${alias}' meant ${before} (${describe(out.modules.get(before))}); ${src.file} makes it ${fqcn}`,
          { file: src.file, line: lineOf(src.text, fqcn), col: 1 },
        ),
      );
    }
    out.aliases.set(alias, fqcn);
  }
  return out;
}

const describe = (spec: ModuleSpec | undefined): string => spec?.plugin?.origin ?? spec?.file ?? 'the built-in table';

/** filters.toml / facts.toml: one entry per top-level key; a user entry replaces the built-in one whole. */
export function mergeEntries<E>(
  base: Readonly<Record<string, E>>,
  baseFile: string,
  overlay: Readonly<Record<string, E>>,
  src: TableSource,
  diagnostics: Diagnostic[],
): Record<string, E> {
  const out = { ...base };
  for (const [k, v] of Object.entries(overlay)) {
    if (k in out) {
      diagnostics.push(
        diagnostic('A2C-MAPPING-OVERRIDE', `entry '${k}' from ${src.file} replaces the one in ${baseFile}`, {
          file: src.file,
          line: lineOf(src.text, k),
          col: 1,
        }),
      );
    }
    out[k] = v;
  }
  return out;
}

/** ipv6.toml / tls.toml: tables merge key by key, lists are extended (no duplicates), other values are replaced with a warning. */
export function mergeRuleDocs(
  base: Record<string, unknown>,
  baseFile: string,
  overlay: Record<string, unknown>,
  src: TableSource,
  diagnostics: Diagnostic[],
  path: string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(overlay)) {
    const b = out[k];
    const where = [...path, k].join('.');
    if (isTable(b) && isTable(v)) out[k] = mergeRuleDocs(b, baseFile, v, src, diagnostics, [...path, k]);
    else if (Array.isArray(b) && Array.isArray(v))
      out[k] = [...b, ...v.filter((x) => !b.some((y) => JSON.stringify(y) === JSON.stringify(x)))];
    else {
      if (b !== undefined) {
        diagnostics.push(
          diagnostic(
            'A2C-MAPPING-OVERRIDE',
            `${where} from ${src.file} replaces the value in ${baseFile}`,
            { file: src.file, line: lineOf(src.text, k), col: 1 },
            'warning',
          ),
        );
      }
      out[k] = v;
    }
  }
  return out;
}

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
