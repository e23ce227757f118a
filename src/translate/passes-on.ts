// Values that hand a variable on whole, unchanged: `{{ r }}`, `{{ [r1, r2] }}`, or a YAML list of
// `{{ r }}` items. A set_fact or a loop whose value is one of these stores or binds exactly what the
// names hold, so the names' types travel with the value (VarScope.passesParts): a registered result
// the support library computes in part stays refused where a key beyond the part is read later,
// instead of being refused here, where nothing is read from it.
import type { YNode } from '../load/ansible/yaml.js';

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const LONE = new RegExp(`^\\{\\{\\s*${NAME}\\s*\\}\\}$`);
const LIST = new RegExp(`^\\{\\{\\s*\\[\\s*${NAME}(?:\\s*,\\s*${NAME})*\\s*,?\\s*\\]\\s*\\}\\}$`);

const loneText = (n: YNode): boolean => n.kind === 'scalar' && !n.unsafe && typeof n.value === 'string' && LONE.test(n.value);

export function passesOnWhole(node: YNode): boolean {
  if (node.kind === 'seq') return node.items.length > 0 && node.items.every(loneText);
  return loneText(node) || (node.kind === 'scalar' && !node.unsafe && typeof node.value === 'string' && LIST.test(node.value));
}
