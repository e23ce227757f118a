// The text a TODO block shows for a `no_log` task: its shape (keys, list items) without its values.
// The task's original lines would put the password it exists to hide into the recipe, the README
// and every review diff. The translated resource still holds the values (marked `sensitive true`):
// Chef needs them, and there they are code, not commentary.
import type { YNode } from './yaml.js';
import { keyName } from './yaccess.js';

export const REDACTED = '<redacted: no_log>';

/** Keys whose values are kept: Ansible prints them for a no_log task too. */
const SHOWN = new Set(['name', 'no_log']);

/** A YAML-like outline of a task item (`- key: <redacted: no_log>` lines), indented as a list item. */
export function redactedSource(item: YNode): string {
  return outline(item, 0, true).join('\n');
}

function outline(node: YNode, indent: number, listItem: boolean): string[] {
  const pad = ' '.repeat(indent);
  const first = listItem ? `${pad}- ` : pad;
  const rest = listItem ? `${pad}  ` : pad;
  const inner = indent + (listItem ? 2 : 0);
  if (node.kind === 'scalar') return [`${first}${REDACTED}`];
  if (node.kind === 'seq') {
    const lines = node.items.flatMap((i) => outline(i, inner, true));
    return listItem ? [`${first}${node.items.length ? '' : '[]'}`.trimEnd(), ...lines] : lines;
  }
  const lines: string[] = [];
  node.entries.forEach((e, i) => {
    const head = `${i === 0 ? first : rest}${oneLine(keyName(e.key))}:`;
    const v = e.value;
    if (v.kind === 'scalar') lines.push(`${head} ${SHOWN.has(keyName(e.key)) ? oneLine(String(v.value)) : REDACTED}`);
    else if (v.kind === 'seq' && v.items.length) lines.push(head, ...outline(v, inner + 2, false));
    else if (v.kind === 'map' && v.entries.length) lines.push(head, ...outline(v, inner + 2, false));
    else lines.push(`${head} ${v.kind === 'seq' ? '[]' : '{}'}`);
  });
  return lines.length ? lines : [`${first}{}`];
}

/** Keys and shown values stay on one line of the outline (the comment printer escapes other breaks). */
function oneLine(s: string): string {
  return s.replace(/\r\n?|\n/g, '\\n');
}

/** True unless no_log is absent or literally false: a templated no_log may be on, so it redacts. */
export function hidesValues(noLog: YNode | undefined): boolean {
  if (noLog === undefined) return false;
  if (noLog.kind !== 'scalar') return true;
  const v = noLog.value;
  return !(v === false || v === null || (typeof v === 'string' && /^(false|no|off|0|)$/i.test(v.trim())));
}
