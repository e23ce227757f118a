// A2C::PyLiteral (what A2C::Jinja.convert_data uses at converge time) against Python's own
// ast.literal_eval as Ansible 2.14 calls it on templated text starting with `[` or `{`:
// a value must be Python's value, kept text must be where Python raises, and a refusal
// (Unsupported) only where Python builds a value Ruby data cannot carry.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const python = requireOrSkip('/usr/bin/python3', hasTool('/usr/bin/python3'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

type Outcome = { value?: unknown; text?: true; unsupported?: string };

function run(cmd: string, args: string[], texts: string[]): Outcome[] {
  const r = spawnSync(cmd, args, { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Outcome[];
}

function compare(texts: string[]): void {
  const want = run('/usr/bin/python3', ['test/tools/py-literal-python.py'], texts);
  const got = run('ruby', ['test/tools/py-literal-ruby.rb'], texts);
  const wrong: string[] = [];
  texts.forEach((t, i) => {
    const w = want[i] as Outcome;
    const g = got[i] as Outcome;
    const ok = g.unsupported !== undefined ? w.value !== undefined : JSON.stringify(g) === JSON.stringify(w);
    if (!ok) wrong.push(`${JSON.stringify(t)}: python ${JSON.stringify(w)}, ruby ${JSON.stringify(g)}`);
  });
  expect(wrong).toEqual([]);
}

const CASES = [
  // IPv6 text Ansible keeps as text (the cinder iscsi_ip_address case)
  '[::1]',
  '[2001:db8::10]',
  '[2001:db8::10]:5672',
  '[fe80::1%eth0]',
  '[::]:8776',
  '{{ not templated }}',
  // real literals
  '[]',
  '{}',
  '[1, 2]',
  '[\'a\', "b"]',
  '[1,]',
  '{"k": [1, (2,)], 3: None}',
  '[True, False, None]',
  '[1e5, .5, 5., 1.e3, 0x1F, 0o17, 0b101, 1_000, 0_0, 00]',
  '[-1, +2, - 3, -(4), -((5.5))]',
  '[1], [2]',
  '[\n  1,  # one\n  2,\n]\n',
  '[1] # trailing comment',
  '[1] \\\n',
  '[1] \\\n# c',
  '[1] \\\n  ',
  '[1] \\\n\n',
  '(1)',
  "['a' 'b', r'\\d', '\\x41\\n\\t', '\\u00e9', '\\101', '''tri\nple''', u'x']",
  "['\\q']",
  "['it''s']",
  "{'a': 1, 'a': 2}",
  '{(1, 2): 3}',
  '{1: 1, 1: 2}',
  '[1e400, -1e400]',
  // not literals
  '[x]',
  '[0644]',
  '[1]\n[2]',
  '[1] [2]',
  '[1 2]',
  '[1,,2]',
  '[-True]',
  '[-(-1)]',
  '[1+2]',
  '[f"x"]',
  "['unterminated]",
  "['new\nline']",
  '{[1]: 2}',
  '{1, [2]}',
  '[{**a}]',
  '[i for i in y]',
  '[a.b]',
  '[1 if x else 2]',
  "['\\x4']",
  '{"a" 1}',
  '[1]]',
  '[[1]',
  '[1e]',
  '[1_]',
  '[1__0]',
  '[0x]',
  '[.]',
  // values Ruby does not carry: refused loudly
  '{1, 2}',
  "[b'x']",
  '[1j]',
  '[1+2j]',
  '[-1-2.5j]',
  '[...]',
  '[set()]',
  '{1: 2, True: 3}',
  "['\\N{BULLET}']",
];

describe.skipIf(!(python && ruby))('A2C::PyLiteral against ast.literal_eval', () => {
  it('agrees with Python on the listed cases', () => {
    compare(CASES);
  });

  it('agrees with Python on generated text (seeded)', () => {
    const token = fc.constantFrom(
      '[',
      ']',
      '{',
      '}',
      '(',
      ')',
      ',',
      ',',
      ':',
      ' ',
      '\n',
      '# c\n',
      '\\\n',
      '0',
      '1',
      '007',
      '1_0',
      '1.5',
      '.5',
      '5.',
      '1e3',
      '0x1f',
      '-',
      '+',
      '1j',
      '12',
      "'a'",
      '"b"',
      "r'\\d'",
      "'\\x41'",
      "'\\n'",
      "b'x'",
      "f'x'",
      "'''t'''",
      "'\\u00e9'",
      "'\\777'",
      "'",
      'True',
      'None',
      'False',
      'x',
      'set()',
      '::1',
      '2001:db8::1',
      '%eth0',
      '.',
    );
    const texts = fc.sample(
      fc.tuple(fc.constantFrom('[', '{'), fc.array(token, { maxLength: 14 })).map(([head, rest]) => head + rest.join('')),
      { numRuns: 3000, seed: 20261205 },
    );
    compare(texts);
  });
});
