// Ruby local names for Ansible loop variables: valid identifiers that are not Ruby keywords nor `node`.
import { RUBY_KEYWORDS } from '../ir/ruby-names.js';

export function sanitizeLocal(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[a-z_]/.test(s)) s = '_' + s;
  if (RUBY_KEYWORDS.has(s) || s === 'node') s = s + '_';
  return s;
}
