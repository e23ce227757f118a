// The guard of a templated, omittable boolean argument (`daemon_reload: "{{ c | ternary('yes', omit) }}"`) folded
// to the condition where each branch's answer is known: Ruby evaluates the folded guard and the support
// library's full chain alike, for both truths of the condition, at the edges of the helpers' rules (boolean
// words in any case and with spaces, 'True'/'False' read back by convert_data, text left to run time).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, str, type RExpr } from '../../src/ir/ruby-ast.js';
import { printExpr } from '../../src/print/index.js';
import { omittableTrue } from '../../src/translate/omit-guard.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { REPO_ROOT } from '../helpers/shared.js';

const JINJA: RExpr = { k: 'const', path: ['A2C', 'Jinja'] };
const OMIT: RExpr = { k: 'const', path: ['A2C', 'Jinja', 'OMIT'] };
const cond: RExpr = { k: 'binop', op: '==', l: { k: 'var', name: 'left' }, r: str('systemd') };
const chain = (a: RExpr, b: RExpr): RExpr => call(JINJA, 'convert_data', [call(JINJA, 'out', [call(JINJA, 'ternary', [cond, a, b])])]);
const unfolded = (v: RExpr): RExpr => ({
  k: 'binop',
  op: '==',
  l: call({ k: 'const', path: ['A2C', 'Tasks'] }, 'boolean', [call({ k: 'const', path: ['A2C', 'Tasks'] }, 'omit', [v])]),
  r: { k: 'bool', v: true },
});
const lit = (s: string | null): RExpr => (s === null ? OMIT : str(s));
const PAIRS: Array<[string | null, string | null]> = [
  ['yes', null],
  [null, 'yes'],
  ['no', null],
  ['True', 'False'],
  ['False', 'True'],
  ['on', 'off'],
  ['Y', null],
  [' Yes ', null],
  ['1', '0'],
  ['t', 'f'],
  ['yes', 'TRUE'],
  [null, null],
  ['maybe', null],
  ['[1]', null],
];

describe('omittable boolean guards', () => {
  it('fold to the condition where both branches are literal text or omit, and not for text read at run time', () => {
    expect(printExpr(omittableTrue(chain(str('yes'), OMIT)))).toBe("left == 'systemd'");
    expect(printExpr(omittableTrue(chain(OMIT, str('yes'))))).toBe("!(left == 'systemd')");
    expect(printExpr(omittableTrue(chain(str('[1]'), OMIT)))).toContain('A2C::Tasks.boolean');
    // A condition whose Ruby value is not a boolean keeps the chain (Jinja's truth of it is the helper's).
    const loose = call(JINJA, 'convert_data', [
      call(JINJA, 'out', [call(JINJA, 'ternary', [{ k: 'var', name: 'left' }, str('yes'), OMIT])]),
    ]);
    expect(printExpr(omittableTrue(loose))).toContain('A2C::Tasks.boolean');
  });

  it.skipIf(!requireOrSkip('ruby', hasTool('ruby')))('answer as the full chain does, in Ruby with the support library', () => {
    const libdir = join(REPO_ROOT, 'src/support-cookbook/ruby/libraries');
    const lines = [`require '${join(libdir, 'a2c_jinja')}'`, `require '${join(libdir, 'a2c_tasks')}'`, 'out = []'];
    for (const [a, b] of PAIRS) {
      const v = chain(lit(a), lit(b));
      for (const left of ['systemd', 'sysvinit'])
        lines.push(`left = '${left}'`, `out << [(${printExpr(unfolded(v))}), (${printExpr(omittableTrue(v))})]`);
    }
    lines.push('require "json"', 'puts JSON.generate(out)');
    const r = spawnSync('ruby', ['-e', lines.join('\n')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const answers = JSON.parse(r.stdout) as Array<[boolean, boolean]>;
    expect(answers).toHaveLength(PAIRS.length * 2);
    for (const [i, [full, folded]] of answers.entries()) expect(folded, `${JSON.stringify(PAIRS[i >> 1])} #${i % 2}`).toBe(full);
  });

  it('a templated daemon_reload reads as its condition', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'init_system: systemd\n',
      'tasks/main.yml': [
        '- name: restart it',
        "  systemd: { name: app, state: restarted, daemon_reload: \"{{ (init_system == 'systemd') | ternary('yes', omit) }}\" }",
      ].join('\n'),
    });
    expect(recipeBody(r, 'demo')).toContain("only_if { node['demo']['init_system'] == 'systemd' }");
  });
});
