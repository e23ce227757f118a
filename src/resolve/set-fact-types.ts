// The type of the value a set_fact stores, so that later reads of the fact (node.run_state) are
// typed as other variables are (symbols.ts). Ansible templates the task's arguments, then its
// set_fact action turns a str spelling true/false/yes/no (any case, jinja2_native off) into a
// boolean; what it stores is read back whole (no later templating renders it again).
import type { YNode } from '../load/ansible/yaml.js';
import { containsJinja, parseString, type Node } from '../load/jinja/index.js';
import { ANY, BOOL, valueType, type VarType } from './types.js';

const BOOLEAN_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'yes', 'no']);

/** What a name's definitions give as literal text: every value, or undefined where one is no literal text. */
export type LiteralTexts = (name: string) => readonly string[] | undefined;

/**
 * The type of a set_fact argument's value: `lone` types a templated string (symbols.ts
 * templateType); `nodes` gives a template's nodes as Jinja renders them. A str that may spell a
 * boolean word is unknown (set_fact may store a boolean instead).
 */
export function setFactType(
  value: YNode,
  lone: (text: string) => VarType,
  nodes: (text: string) => Node[] | undefined,
  literals: LiteralTexts,
): VarType {
  if (value.kind !== 'scalar' || value.type !== 'str' || typeof value.value !== 'string') return valueType(value, lone);
  const text = value.value;
  if (value.unsafe || !containsJinja(text)) return BOOLEAN_WORDS.has(text.toLowerCase()) ? BOOL : valueType(value, lone);
  const t = valueType(value, lone);
  // Only text is converted: a list, dict, number, boolean or None the template gives stays.
  if (t.t !== 'str' && t.t !== 'strint') return t;
  return neverBooleanWord(text, nodes, literals) ? t : ANY;
}

const LONE_NAME = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/**
 * The rendered text can spell no boolean word: a lone `{{ name }}` whose every definition is literal
 * text that spells none, or a template whose text written around its tags (which always renders,
 * whitespace control applied) is longer than 'false' or holds a character no such word has.
 */
function neverBooleanWord(text: string, nodes: (text: string) => Node[] | undefined, literals: LiteralTexts): boolean {
  const alias = LONE_NAME.exec(text)?.[1];
  if (alias !== undefined) {
    const texts = literals(alias);
    return texts !== undefined && texts.length > 0 && texts.every((s) => !BOOLEAN_WORDS.has(s.toLowerCase()));
  }
  return aroundRulesOutBooleanWord(nodes(text));
}

/**
 * The text a template's nodes (as Jinja renders them: whitespace control applied) write around
 * their tags, which always renders, is longer than 'false' or holds a character no boolean word
 * has: the whole output can spell none. Unparsed (undefined): nothing is ruled out.
 */
export function aroundRulesOutBooleanWord(rendered: readonly Node[] | undefined): boolean {
  if (!rendered) return false;
  const around = rendered.map((n) => (n.kind === 'text' ? n.text : '')).join('');
  return around.length > 'false'.length || /[^truefalsyno]/i.test(around);
}

/**
 * Every name the templates of a value mention (keys too: Ansible templates both); an unparsable
 * template gives `undefined` (nothing can be said of what it reads).
 */
export function mentionedNames(value: YNode): Set<string> | undefined {
  const out = new Set<string>();
  const walk = (tree: unknown): void => {
    if (Array.isArray(tree)) tree.forEach(walk);
    else if (tree && typeof tree === 'object') {
      const n = tree as { kind?: string; name?: unknown };
      if (n.kind === 'name' && typeof n.name === 'string') out.add(n.name);
      for (const [k, v] of Object.entries(tree)) if (k !== 'pos' && typeof v === 'object') walk(v);
    }
  };
  const visit = (v: YNode): boolean => {
    if (v.kind === 'seq') return v.items.every(visit);
    if (v.kind === 'map') return v.entries.every((e) => visit(e.key) && visit(e.value));
    if (typeof v.value !== 'string' || v.unsafe || !containsJinja(v.value)) return true;
    const parsed = parseString(v.value);
    if (!parsed.ok) return false;
    walk(parsed.value);
    return true;
  };
  return visit(value) ? out : undefined;
}
