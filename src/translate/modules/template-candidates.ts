// Which of a role's templates a templated `src` can name (`"{{ tpl_dir | default('') }}bind/{{ item }}.j2"`).
// The value is text with holes: each `{{ }}` may render to any text, '/' included, the literal parts
// are fixed. A2C::Tasks.template_source (support cookbook) takes a value to `<path>.erb`, dropping
// one leading `templates/` or `./templates/` and a trailing `.j2`; the role's `x.j2` is `x.erb`. A
// template is a candidate where some value the src can render is taken to its ERB name; the others
// can never be chosen, so they are neither translated for the task nor competing for its variables.
import type { YNode } from '../../load/ansible/yaml.js';
import { ANSIBLE_JINJA_SETTINGS, applyWhitespace, parseString } from '../../load/jinja/index.js';

/**
 * The src's shape as an anchored regular expression (literal text, `[^]*` for each output), or
 * undefined where it holds anything but text and outputs (a block, a comment): every template may be named.
 */
export function srcPattern(src: YNode): RegExp | undefined {
  if (src.kind !== 'scalar' || typeof src.value !== 'string' || src.unsafe) return undefined;
  const p = parseString(src.value);
  if (!p.ok) return undefined;
  let re = '';
  // Whitespace control (`{{- x }}`) trims the literal parts as Ansible renders the string.
  for (const n of applyWhitespace(p.value, { ...ANSIBLE_JINJA_SETTINGS, keepTrailingNewline: true })) {
    if (n.kind === 'text') re += n.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (n.kind === 'output') re += '[^]*';
    else return undefined;
  }
  return new RegExp(`^${re}$`, 'u');
}

/** Whether a value of `pattern`'s shape can name the role's template `rel` (a path under templates/). */
export function canName(pattern: RegExp | undefined, rel: string): boolean {
  if (!pattern) return true;
  const base = rel.replace(/\.j2$/, '');
  return ['', 'templates/', './templates/'].some((p) => [base, `${base}.j2`].some((s) => pattern.test(p + s)));
}
