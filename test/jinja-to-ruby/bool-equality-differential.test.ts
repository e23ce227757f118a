// Two booleans compared (`x | bool == true`, `a == b`) are Ruby's own == and !=, and against a
// literal just the other side or its negation (src/jinja-to-ruby/expr.ts boolEquality): among
// booleans, Ruby's true and false equal only themselves, as Python's do. Compared with Ansible; a
// boolean against an int or a text keeps the helper (`True == 1` holds in Python only).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { renderBoth, typedDefaults } from '../helpers/template-compare.js';

const { vars: VARS, scope } = typedDefaults(['t: true', 'f: false', 'n: 1', 'z: 0', 's: "True"', ''].join('\n'));

const PLAIN = [
  't == true',
  'f == true',
  't != true',
  'f != false',
  'f == false',
  'true == t',
  'false != f',
  't == f',
  't != f',
  '(t | bool) == true',
  '(f | bool) == true',
  'not t == false',
];
const HELPED = ['t == n', 'f == z', 'n != true', 't == s'];

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe('two booleans compared', () => {
  it.skipIf(!haveTools)("render as Ansible does, with Ruby's own comparison and no helper", () => {
    const templates = [...PLAIN, ...HELPED].map((t) => `{{ ${t} }}`);
    const { erbs, want, diffs } = renderBoth(templates, VARS, scope);
    expect(diffs).toEqual([]);
    expect(new Set(want.slice(0, PLAIN.length).map((w) => w.out))).toEqual(new Set(['True', 'False']));
    const plain = erbs.slice(0, PLAIN.length);
    expect(plain.filter((e) => /A2C::Jinja\.(eq|ne)\(/.test(e!))).toEqual([]);
    // Against a literal: the value itself or its negation, never `== true`.
    expect(plain.filter((e) => /== true|== false|!= true|!= false/.test(e!))).toEqual([]);
    expect(erbs.slice(PLAIN.length).every((e) => /A2C::Jinja\.(eq|ne)\(/.test(e!))).toBe(true);
  });
});
