// Ruby local names for Ansible loop variables: valid identifiers that are not Ruby keywords nor `node`.
import { firstFree, RUBY_KEYWORDS } from '../ir/ruby-names.js';

export function sanitizeLocal(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[a-z_]/.test(s)) s = '_' + s;
  if (RUBY_KEYWORDS.has(s) || s === 'node') s = s + '_';
  return s;
}

/**
 * The Ruby local for a loop variable: a leading `_` goes, since in Ruby it says the local is never read
 * (Lint/UnderscorePrefixedVariableName), and the name is numbered apart from the locals the enclosing
 * code binds to other Jinja names (`locals`: Jinja name -> Ruby local). The loop's Jinja name keeps
 * meaning this local wherever the loop binds it; only the Ruby spelling changes.
 */
export function loopLocal(name: string, locals: ReadonlyMap<string, string>): string {
  const plain = sanitizeLocal(name);
  if (!plain.startsWith('_')) return plain;
  const others = new Set([...locals].filter(([jinja]) => jinja !== name).map(([, local]) => local));
  const rest = plain.replace(/^_+/, '');
  // What is left must still be a plain local (`_2` -> `item_2`, `_Foo` -> `item_Foo`, `_end` -> `item_end`).
  const base = rest === '' ? 'item' : /^[a-z]/.test(rest) && !RUBY_KEYWORDS.has(rest) && rest !== 'node' ? rest : `item_${rest}`;
  return firstFree(base, (x) => others.has(x));
}
