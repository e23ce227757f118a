// Jinja's format filter (Python's `fmt % args`) translated and rendered by Ruby + Erubis, against
// Ansible's Templar, over %s formats with flags, widths and precisions and generated arguments of
// every JSON type (pg_hba.conf's `"%-7s %-15s %s" | format(type, database, method)`), and over
// arguments typed text, integer or boolean, which the translation writes as Kernel#format itself;
// the formats the translation refuses stay TODOs.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import type { VarType } from '../../src/resolve/types.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { rng, runJson } from '../helpers/differential.js';
import { erbOf } from '../helpers/template-compare.js';
import { parseTemplate } from '../../src/load/jinja/parser.js';
import { translateTemplate } from '../../src/jinja-to-ruby/template.js';

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

const PYTHON = [
  'import json, sys',
  'from ansible.parsing.dataloader import DataLoader',
  'from ansible.template import Templar',
  'out = []',
  'for case in json.load(sys.stdin):',
  '    templar = Templar(loader=DataLoader(), variables=case["vars"])',
  '    try:',
  '        out.append({"out": str(templar.template(case["template"]))})',
  '    except Exception as e:',
  '        out.append({"error": type(e).__name__})',
  'print(json.dumps(out))',
].join('\n');

const FORMATS = ['%s', '[%-7s]', '[%7s]', '[%.2s]', '[%-10.3s]', '100%% %s', '%s%s', '%-7s %-15s %s', '[%.0s]', '[%5.s]', '[%-1s]'];
const VALUES: unknown[] = [
  '',
  'local',
  'all',
  'a much longer value than the width',
  'été',
  '日本',
  0,
  -3,
  42,
  2.5,
  1e100,
  true,
  false,
  null,
  [],
  ['a', 1],
  { k: 'v' },
];
const r = rng(1617);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const conversions = (f: string) => (f.match(/%(?:%|-?(?:[1-9]\d*)?(?:\.\d*)?s)/g) ?? []).filter((m) => m !== '%%').length;

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (name) => (/^v\d$/.test(name) ? { kind: 'attribute', path: [name] } : undefined),
  locals: new Map(),
};

type Out = { out?: string; error?: string };

describe.skipIf(!haveTools)('the format filter against Ansible', () => {
  it('renders what Ansible renders for each format and generated arguments', () => {
    const cases = FORMATS.flatMap((f) =>
      Array.from({ length: 30 }, () => {
        const n = conversions(f);
        const vars = Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, pick(VALUES)]));
        const args = Array.from({ length: n }, (_, i) => `v${i}`).join(', ');
        return { template: `x{{ ${JSON.stringify(f)} | format(${args}) }}`, vars };
      }),
    );
    const expected = runJson<Out>('/usr/bin/python3', ['-c', PYTHON], cases);
    const got = runJson<Out>(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      cases.map((c) => ({ erb: erbOf(c.template, scope), vars: c.vars, node_name: 'n' })),
    );
    expect(got).toEqual(expected);
    expect(expected.every((o) => o.out !== undefined)).toBe(true);
  });

  it('writes Kernel#format itself where every argument is text, an integer or a boolean, rendering what Ansible renders', () => {
    // Variables typed as their role defaults would type them: s* text, i* integers, b* booleans.
    const typeOf = (n: string): VarType => (n.startsWith('s') ? { t: 'str' } : n.startsWith('i') ? { t: 'int' } : { t: 'bool' });
    const typed: JinjaScope = {
      ...scope,
      lookupVar: (name) => (/^[sib]\d$/.test(name) ? { kind: 'attribute', path: [name], read: 'node', type: typeOf(name) } : undefined),
    };
    const of = (k: string): unknown[] =>
      k === 's' ? ['', 'local', 'été', '日本', 'a much longer value than the width'] : k === 'i' ? [0, -3, 42] : [true, false];
    const cases = FORMATS.flatMap((f) =>
      Array.from({ length: 20 }, () => {
        const names = Array.from({ length: conversions(f) }, (_, i) => `${pick(['s', 'i', 'b'])}${i}`);
        const vars = Object.fromEntries(names.map((n) => [n, pick(of(n[0]!))]));
        return { template: `x{{ ${JSON.stringify(f)} | format(${names.join(', ')}) }}`, vars };
      }),
    );
    const erbs = cases.map((c) => erbOf(c.template, typed));
    for (const e of erbs) expect(e).not.toContain('A2C::Jinja');
    expect(erbs.find((e) => e.includes("node['b0'] ? 'True' : 'False'"))).toBeDefined();
    const expected = runJson<Out>('/usr/bin/python3', ['-c', PYTHON], cases);
    const got = runJson<Out>(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      cases.map((c, i) => ({ erb: erbs[i]!, vars: c.vars, node_name: 'n' })),
    );
    expect(got).toEqual(expected);
    expect(expected.every((o) => o.out !== undefined)).toBe(true);
  });

  it('refuses the formats whose Python meaning Ruby does not share, and a count Python rejects', () => {
    for (const t of [
      '{{ "%d" | format(v0) }}',
      '{{ "%x" | format(v0) }}',
      '{{ "%05s" | format(v0) }}',
      '{{ "%(a)s" | format(a=v0) }}',
      '{{ "%s %s" | format(v0) }}',
      '{{ v0 | format(v1) }}',
    ]) {
      const p = parseTemplate(t);
      if (!p.ok) throw new Error(p.error.message);
      const out = translateTemplate(p.value.nodes, p.value.settings, scope, { sourceText: t });
      expect(out.ok, t).toBe(false);
    }
    // Python agrees that the count matters: it raises.
    expect(
      runJson<Out>('/usr/bin/python3', ['-c', PYTHON], [{ template: '{{ "%s %s" | format(v0) }}', vars: { v0: 'a' } }])[0]?.error,
    ).toBeDefined();
  });
});
