// Ruby local names for Jinja loop variables: valid identifiers that are not Ruby keywords.
const RUBY_KEYWORDS = new Set([
  'BEGIN', 'END', 'alias', 'and', 'begin', 'break', 'case', 'class', 'def', 'defined?', 'do', 'else', 'elsif', 'end',
  'ensure', 'false', 'for', 'if', 'in', 'module', 'next', 'nil', 'not', 'or', 'redo', 'rescue', 'retry', 'return',
  'self', 'super', 'then', 'true', 'undef', 'unless', 'until', 'when', 'while', 'yield', 'node',
]);

export function sanitizeLocal(name: string): string {
  let s = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[a-z_]/.test(s)) s = '_' + s;
  if (RUBY_KEYWORDS.has(s)) s = s + '_';
  return s;
}
