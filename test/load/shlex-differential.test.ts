// The tool's one shlex splitter (src/load/ansible/shlex.ts) against /usr/bin/python3's shlex.split, in
// both modes Ansible uses: comments=False (command lines) and comments=True (INI inventory host
// lines). Words and error messages must be the same on every input.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shlexSplit } from '../../src/load/ansible/shlex.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const PYTHON = '/usr/bin/python3';
const havePython = requireOrSkip('/usr/bin/python3', hasTool(PYTHON));

const PIECES = [
  'a',
  'b',
  'foo',
  '-x',
  'k=v',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  "'",
  '"',
  '\\',
  '#',
  '# c',
  '$',
  '`',
  '*',
  ';',
  'é',
  '🙂',
  '\u00a0',
  "'it'",
  '"two words"',
  '"a\\"b"',
  '"a\\\\b"',
  '"a\\xb"',
  '\\ ',
  '\\\\',
  '\\#',
  "'#'",
  '"#"',
  '"\\\n"',
  '\\\n',
  "'\\'",
  '""',
  "''",
  'x#y',
];

const FIXED = [
  '',
  ' ',
  '#',
  '# only a comment',
  'a # comment',
  'a#b c',
  'a\n# c\nb',
  'a # c\nb',
  "'a#b' c",
  '"a # b"',
  '\\# a',
  'echo "unclosed',
  "echo 'unclosed",
  'trailing\\',
  '"inside\\',
  'x"y z"w',
  "''",
  '"" ""',
  "a''b",
  'a\\\nb',
  '"a\\\nb"',
  'web1 ansible_host=10.0.0.1 # the first',
  'h x="a b" y=\'c d\'',
  'h\tx=1\ry=2',
];

const INPUTS = [
  ...FIXED,
  ...fc.sample(
    fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }).map((p) => p.join('')),
    { seed: 1818, numRuns: 400 },
  ),
];

type Answer = { ok: string[] } | { error: string };

const SCRIPT = `
import json, shlex, sys
def answer(s, comments):
    try:
        return {"ok": shlex.split(s, comments=comments)}
    except ValueError as e:
        return {"error": str(e)}
inputs = json.load(sys.stdin)
print(json.dumps({"plain": [answer(s, False) for s in inputs], "comments": [answer(s, True) for s in inputs]}))
`;

function python(): { plain: Answer[]; comments: Answer[] } {
  const r = spawnSync(PYTHON, ['-c', SCRIPT], { input: JSON.stringify(INPUTS), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { plain: Answer[]; comments: Answer[] };
}

const ours = (s: string, comments: boolean): Answer => {
  const r = shlexSplit(s, { comments });
  return Array.isArray(r) ? { ok: r } : r;
};

describe.skipIf(!havePython)('shlexSplit against Python shlex.split', () => {
  const reference = havePython ? python() : { plain: [], comments: [] };

  it('the inputs cover words, empty results and both errors on the reference side', () => {
    for (const side of [reference.plain, reference.comments]) {
      expect(side.some((a) => 'ok' in a && a.ok.length > 1)).toBe(true);
      expect(side.some((a) => 'ok' in a && a.ok.length === 0)).toBe(true);
      expect(side.some((a) => 'error' in a && a.error === 'No closing quotation')).toBe(true);
      expect(side.some((a) => 'error' in a && a.error === 'No escaped character')).toBe(true);
    }
    // The modes differ somewhere, so the comments option is exercised.
    expect(INPUTS.some((_, i) => JSON.stringify(reference.plain[i]) !== JSON.stringify(reference.comments[i]))).toBe(true);
  });

  it.each([
    ['comments=False', false, 'plain'],
    ['comments=True', true, 'comments'],
  ] as const)('%s: same words and errors on every input', (_name, comments, side) => {
    const wrong = INPUTS.flatMap((s, i) => {
      const want = reference[side][i]!;
      const got = ours(s, comments);
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [{ input: s, python: want, ours: got }];
    });
    expect(wrong).toEqual([]);
  });
});
