// `a in b` of a str in a list of any items is Ruby's `include?` (src/jinja-to-ruby/expr.ts
// membership): only an equal str is == to a str, in Python as in Ruby. Compared with Ansible on a
// list that holds a value of every kind beside the str spelling it ('1' and 1, 'True' and true,
// 'None' and None, a list, a dict, a float), a text with a newline and the empty text; an int
// against the same list keeps the helper (`1 in [True]` holds in Python only).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { renderBoth, typedDefaults } from '../helpers/template-compare.js';

const DEFAULTS = [
  'mixed: [1, "2", true, "False", ~, "None", [a], {b: 1}, 1.5, "l\\n", ""]',
  'empty: []',
  'one: "1"',
  'word: a',
  'nl: "l\\n"',
  'n: 1',
].join('\n');

const { vars: VARS, scope } = typedDefaults(`${DEFAULTS}\n`);

const PLAIN = [
  "'1' in mixed",
  "'2' in mixed",
  "'True' in mixed",
  "'False' in mixed",
  "'None' in mixed",
  "'a' in mixed",
  "'b' in mixed",
  "'1.5' in mixed",
  "'' in mixed",
  'nl in mixed',
  'one not in mixed',
  'word in mixed',
  "'a' in empty",
  "('x' ~ n) not in mixed",
];
const HELPED = ['n in mixed', '1 in mixed', 'true in mixed'];

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe('a str in a list of items of any kind', () => {
  it.skipIf(!haveTools)("renders as Ansible does, with Ruby's include? where the left side is a str", () => {
    const templates = [...PLAIN, ...HELPED].map((t) => `{{ ${t} }}`);
    const { erbs, want, diffs } = renderBoth(templates, VARS, scope);
    expect(diffs).toEqual([]);
    // Both answers occur: the list holds some of the strs and not others.
    expect(new Set(want.slice(0, PLAIN.length).map((w) => w.out))).toEqual(new Set(['True', 'False']));
    const plain = erbs.slice(0, PLAIN.length).filter((e) => e!.includes('.include?(') && !e!.includes('A2C::Jinja.contains'));
    expect(plain.length).toBe(PLAIN.length);
    expect(erbs.slice(PLAIN.length).every((e) => e!.includes('A2C::Jinja.contains('))).toBe(true);
  });
});
