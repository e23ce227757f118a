// Build YAML nodes from plain values (INI inventory vars, free-form arguments) so every later
// stage sees one kind of value with a position.
import type { Span } from '../../base/diagnostics.js';
import type { YNode } from './yaml.js';

export function plainToNode(value: unknown, span: Span): YNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => plainToNode(v, span)), span };
  if (value !== null && typeof value === 'object' && !(value.constructor?.name === 'VaultValue')) {
    return {
      kind: 'map',
      span,
      entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => ({
        key: plainToNode(k, span),
        value: plainToNode(v, span),
      })),
    };
  }
  const v = (value ?? null) as string | number | boolean | null;
  const type =
    v === null ? 'null' : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : Number.isInteger(v) ? 'int' : 'float';
  return { kind: 'scalar', value: v, type, style: 'plain', span };
}
