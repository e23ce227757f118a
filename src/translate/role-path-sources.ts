// `{{ role_path }}/templates/x.j2` in a role's default or var, read only as the src of template
// tasks looping over the variable:
//
//   units: [{ src: "{{ role_path }}/templates/unit.service.j2", dest: /etc/systemd/system/u.service }]
//   - template: { src: "{{ item.src }}", dest: "{{ item.dest }}" }
//     loop: "{{ units }}"
//
// role_path is the role's folder on the Ansible controller, which no Chef node has; but a template
// src naming a file under it names that template of the role, which the cookbook ships (converted
// to ERB under the same name). So at those places only, role_path reads as '.': the value becomes
// `./templates/x.j2`, which A2C::Tasks.template_source maps to the cookbook's `x.erb`, as for any
// templated src. Everywhere else role_path stays a TODO (magic.ts). The variable must be read
// nowhere else: the input's files are searched for its name as a word (a comment counts too:
// conservative), and the looping tasks must read no other use of the field, nor register a result
// read beyond whether it changed (its items would carry the value).
import type { Role, Task, TaskItem } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { Span } from '../base/diagnostics.js';
import type { InputIndex } from '../load/ansible/input.js';
import { argOf } from '../load/ansible/task-args.js';
import { rolePathUnder } from '../load/ansible/role-path.js';
import { staticString } from './values.js';
import { readsOnlyChanged, templatesMention } from './task/register-reads.js';

const TEMPLATE = 'ansible.builtin.template';
const LOOP_KEYS = ['loop', 'with_items', 'with_list'];

export const spanKey = (s: Span): string => `${s.file}:${s.line}:${s.col}`;

const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function everyTask(items: readonly TaskItem[]): Task[] {
  return items.flatMap((i) => (i.kind === 'block' ? everyTask([...i.block, ...i.rescue, ...i.always]) : [i]));
}

/** The role_path scalars of a list-of-mappings value, all under one key and naming role templates; undefined otherwise. */
function templateField(value: YNode, role: Role): { key: string; spans: Span[] } | undefined {
  if (value.kind !== 'seq') return undefined;
  let key: string | undefined;
  const spans: Span[] = [];
  const mentions = (n: YNode): boolean =>
    n.kind === 'scalar'
      ? typeof n.value === 'string' && /role_path/.test(n.value)
      : n.kind === 'seq'
        ? n.items.some(mentions)
        : n.entries.some((e) => mentions(e.key) || mentions(e.value));
  for (const item of value.items) {
    if (item.kind !== 'map') return undefined;
    for (const e of item.entries) {
      if (!mentions(e.value)) continue;
      const k = staticString(e.key);
      const v = e.value;
      const text = v.kind === 'scalar' && typeof v.value === 'string' && !v.unsafe ? v.value : undefined;
      const rel = text === undefined ? undefined : rolePathUnder(text, 'templates');
      if (k === undefined || rel === undefined || !role.templates.includes(rel) || (key !== undefined && key !== k)) return undefined;
      key = k;
      spans.push(v.span);
    }
  }
  return key === undefined ? undefined : { key, spans };
}

/** A template task looping over `name` whose src is `{{ item.<key> }}` and which reads that field nowhere else. */
function readsAsSource(
  task: Task,
  name: string,
  key: string,
  items: readonly TaskItem[],
  templateRead: (n: string) => boolean,
): boolean | undefined {
  const loopKey = LOOP_KEYS.find((k) => task.keywords.has(k));
  const loop = loopKey ? task.keywords.get(loopKey) : undefined;
  const text = loop?.kind === 'scalar' && typeof loop.value === 'string' ? loop.value : undefined;
  const over = new RegExp(`^\\s*\\{\\{\\s*${reEscape(name)}\\s*(\\|\\s*(list|flatten\\(\\s*levels\\s*=\\s*1\\s*\\))\\s*)?\\}\\}\\s*$`);
  if (text === undefined || !over.test(text)) return undefined;
  if (task.module !== TEMPLATE) return false;
  const control = task.keywords.get('loop_control');
  if (control && (control.kind !== 'map' || control.entries.some((e) => staticString(e.key) !== 'label'))) return false;
  const src = argOf(task, 'src');
  const field = `item\\s*(?:\\.\\s*${reEscape(key)}\\b|\\[\\s*['"]${reEscape(key)}['"]\\s*\\])`;
  if (!(src?.kind === 'scalar' && typeof src.value === 'string' && new RegExp(`^\\s*\\{\\{\\s*${field}\\s*\\}\\}\\s*$`).test(src.value)))
    return false;
  // The field once (the src), and the item never whole: other fields only (`item.dest`).
  const source = task.source.text;
  if ((source.match(new RegExp(`\\b${field}`, 'g')) ?? []).length !== 1) return false;
  const whole = /\bitem\b(?!\s*(?:\.\s*[A-Za-z_]\w*|\[\s*['"][A-Za-z_]\w*['"]\s*\]))/;
  if (whole.test(source.replace(/^\s*-?\s*(?:loop|with_items|with_list)\s*:.*$/m, ''))) return false;
  const reg = staticString(task.keywords.get('register'));
  // The registered items carry the value: the result may be read only as whether it changed.
  return reg === undefined || (readsOnlyChanged(reg, items) && !templateRead(reg));
}

/**
 * The positions of the `{{ role_path }}/templates/...` strings that read as the cookbook's copy (see
 * above), for every role of the input.
 */
export function rolePathTemplateSites(roles: Iterable<Role>, input: InputIndex): ReadonlySet<string> {
  const out = new Set<string>();
  let texts: string[] | undefined;
  const words = (name: string): number => {
    // Every file Ansible may read a variable from (documentation aside: a README lists variables).
    texts ??= input
      .walk('')
      .filter((p) => !/(\.(md|rst|txt)|(^|\/)LICENSE[^/]*)$/i.test(p))
      .map((p) => new TextDecoder().decode(input.bytes(p) ?? new Uint8Array()));
    const re = new RegExp(`(^|[^A-Za-z0-9_])${reEscape(name)}(?![A-Za-z0-9_])`, 'g');
    return texts.reduce((n, t) => n + (t.match(re)?.length ?? 0), 0);
  };
  for (const role of roles) {
    const items = [...role.taskFiles.values(), ...role.handlerFiles.values()].flat();
    const tasks = everyTask(items);
    for (const file of [...role.defaults, ...role.vars]) {
      for (const entry of file.entries) {
        const field = templateField(entry.value, role);
        if (!field) continue;
        const uses = tasks
          .map((t) => readsAsSource(t, entry.name, field.key, items, (n) => templatesMention(n, role.dir, input)))
          .filter((u) => u !== undefined);
        if (!uses.length || uses.some((u) => !u)) continue;
        // Its definition and those loops: nothing else in the input names it.
        if (words(entry.name) !== 1 + uses.length) continue;
        for (const s of field.spans) out.add(spanKey(s));
      }
    }
  }
  return out;
}
