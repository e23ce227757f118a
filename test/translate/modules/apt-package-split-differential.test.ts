// apt's name=version split: the converter's aptPackageSplit must cut every spec where the real
// module's package_split does (first `=` or `>=`, once), on generated specs mixing the characters
// that matter (`=`, `>`, `<`, `:`, `*`, `~`, `+`) with letters, digits and spaces.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { aptPackageSplit } from '../../../src/translate/modules/apt-pins.js';
import { hasPythonModule, requireOrSkip } from '../../helpers/real-tools.js';

const ALPHABET = ['a', 'b', '1', '.', '-', '=', '>', '<', ':', '*', '~', '+', ' '];

/** Every spec of up to 4 characters over a small alphabet, plus realistic pins: deterministic. */
function specs(): string[] {
  const out: string[] = ['nginx=1.18.0-6ubuntu14', 'git=1:2.34.1-1ubuntu1', 'nginx=1.18*', 'nginx>=1.18', 'libc6:i386=2.35', 'a=1=2', ''];
  let level = [''];
  for (let n = 1; n <= 4; n++) {
    level = level.flatMap((s) => ALPHABET.map((c) => s + c));
    // Keep the 4-character level to a sample so the one Python run stays small.
    out.push(...(n < 4 ? level : level.filter((_, i) => i % 7 === 0)));
  }
  return out;
}

const SCRIPT = `
import json, sys
from ansible.modules.apt import package_split
out = []
for s in json.loads(sys.stdin.read()):
    name, cmp, version = package_split(s)
    out.append([name, cmp, version])
print(json.dumps(out))
`;

describe.skipIf(!requireOrSkip('ansible-core', hasPythonModule('ansible.modules.apt')))('apt package_split against the real module', () => {
  it('splits every generated spec as the module does', () => {
    const input = specs();
    const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const expected = JSON.parse(r.stdout) as [string, string | null, string | null][];
    const got = input.map((s) => {
      const p = aptPackageSplit(s);
      return [p.name, p.cmp ?? null, p.version ?? null];
    });
    expect(got).toEqual(expected);
    // The generated set does exercise both comparisons.
    expect(expected.filter((e) => e[1] === '>=').length).toBeGreaterThan(50);
    expect(expected.filter((e) => e[1] === '=').length).toBeGreaterThan(100);
  });
});
