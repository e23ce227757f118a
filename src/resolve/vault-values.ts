import type { YNode } from '../ansible/yaml.js';
import { VaultValue } from '../ansible/yaml.js';

/** Whether a variable's value holds an `!vault` string anywhere inside it. */
export function holdsVault(node: YNode): boolean {
  if (node.kind === 'scalar') return node.value instanceof VaultValue;
  if (node.kind === 'seq') return node.items.some(holdsVault);
  return node.entries.some((e) => holdsVault(e.value));
}
