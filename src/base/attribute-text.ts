// How reports and diagnostics name a node attribute to a Chef reader: `node['a']['b']`. Text for people
// (messages, CONVERSION.md, README notes), not generated Ruby, which the printer writes.

/** `node['a']['b']` for the attribute path ['a', 'b']. */
export function attributeText(path: readonly string[]): string {
  return `node${path.map((p) => `['${p}']`).join('')}`;
}
