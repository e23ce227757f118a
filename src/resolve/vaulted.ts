// Whether a variable's value holds an Ansible Vault value anywhere: the symbol table marks such
// variables, and the translator keeps their values out of plain attributes.
import type { YNode } from '../load/ansible/yaml.js';
import { VaultValue } from '../load/ansible/yaml.js';

export function holdsVault(node: YNode): boolean {
  if (node.kind === 'scalar') return node.value instanceof VaultValue;
  if (node.kind === 'seq') return node.items.some(holdsVault);
  return node.entries.some((e) => holdsVault(e.value));
}
