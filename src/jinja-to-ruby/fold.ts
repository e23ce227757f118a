// Filters computed at conversion time on a string literal written without arguments (filters.toml
// `fold`): `{{ 'Ansible managed' | comment }}` is known text, printed as such rather than as a
// helper call. Each function gives Python's answer, or undefined where it is not sure to (the
// helper call stays then); typed-reads-differential.test.ts compares every one with Ansible.

/** ASCII only: Python's and JavaScript's case mappings of other characters are not the same tables. */
const ascii = (s: string): boolean => [...s].every((c) => c.charCodeAt(0) < 0x80);

/** Ansible's comment filter in its default 'plain' style: `#` lines around `# `-prefixed text. */
function comment(text: string): string {
  const body = `# ${text.replaceAll('\n', '\n# ')}`.replaceAll('# \n', '#\n');
  return `#\n${body}\n#`;
}

export const FOLDS: Readonly<Record<string, (s: string) => string | undefined>> = {
  upper: (s) => (ascii(s) ? s.toUpperCase() : undefined),
  lower: (s) => (ascii(s) ? s.toLowerCase() : undefined),
  capitalize: (s) => (ascii(s) ? s.slice(0, 1).toUpperCase() + s.slice(1).toLowerCase() : undefined),
  comment,
};
