// The support matrix of the built-in tables and plugins (what docs/support-matrix.md holds).
import { builtinTables } from './tables.js';
import { supportMatrix } from './support-matrix.js';

export function builtinSupportMatrix(): string {
  const t = builtinTables();
  return supportMatrix(t.modules, t.filters.entries, t.facts);
}
