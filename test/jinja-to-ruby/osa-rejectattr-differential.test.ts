// openstack.osa's rejectattr, translated and rendered by Ruby + Erubis, against Ansible's Templar
// with the filter registered under its collection name. openstack.osa is not installed here, so the
// Python side restates the plugin's documented rule in a few lines: an item keeps its place unless
// it has the attribute (a dict key; another object's Python attribute) and the test, `defined`
// when none is named, passes on that value, the test called through Jinja's environment.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { rng, runJson } from '../helpers/differential.js';
import { erbOf } from '../helpers/template-compare.js';

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

const PYTHON = [
  'import json, sys',
  'from ansible.parsing.dataloader import DataLoader',
  'from ansible.template import Templar',
  'from jinja2 import pass_environment',
  '@pass_environment',
  'def osa_rejectattr(env, data, attribute, *args, **kwargs):',
  "    test, rest = (args[0], args[1:]) if args else ('defined', ())",
  '    def has(item):',
  '        return attribute in item if isinstance(item, dict) else hasattr(item, attribute)',
  '    def value(item):',
  '        return item.get(attribute) if isinstance(item, dict) else getattr(item, attribute)',
  '    return [i for i in data if not (has(i) and env.call_test(test, value(i), args=rest, kwargs=kwargs))]',
  'out = []',
  'for case in json.load(sys.stdin):',
  '    templar = Templar(loader=DataLoader(), variables=case["vars"])',
  "    templar.environment.filters['openstack.osa.rejectattr'] = osa_rejectattr",
  '    try:',
  '        out.append({"out": str(templar.template(case["template"]))})',
  '    except Exception as e:',
  '        out.append({"error": type(e).__name__})',
  'print(json.dumps(out))',
].join('\n');

const VALUES: unknown[] = [true, false, 'false', 'False', null, 0, 1, '', 'x', [], {}, 2.5];
const r = rng(1616);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function item(): Record<string, unknown> {
  const out: Record<string, unknown> = { name: `n${Math.floor(r() * 100)}` };
  if (r() < 0.7) out.condition = pick(VALUES);
  if (r() < 0.3) out['a.b'] = pick(VALUES);
  return out;
}
const LISTS = [[], ...Array.from({ length: 40 }, () => Array.from({ length: Math.floor(r() * 5) }, item))];

const FILTERS = [
  "openstack.osa.rejectattr('condition', 'false')",
  "openstack.osa.rejectattr('condition')",
  "openstack.osa.rejectattr('condition', 'true')",
  "openstack.osa.rejectattr('condition', 'none')",
  "openstack.osa.rejectattr('condition', 'equalto', 'x')",
  "openstack.osa.rejectattr('condition', 'defined')",
  "openstack.osa.rejectattr('a.b', 'false')",
];
const templateOf = (f: string) => `{% for i in d | ${f} %}{{ i.name }};{% endfor %}`;

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (name) => (name === 'd' ? { kind: 'attribute', path: ['d'] } : undefined),
  locals: new Map(),
};

const erb = (source: string): string => erbOf(source, scope);

type Out = { out?: string; error?: string };
const failed = (o: Out): Out => (o.error === undefined ? o : { error: 'failed' });

describe.skipIf(!haveTools)('openstack.osa.rejectattr against the rule run in Ansible', () => {
  it('keeps the items Ansible keeps, for each test and list', () => {
    const cases = FILTERS.flatMap((f) => LISTS.map((d) => ({ template: templateOf(f), vars: { d } })));
    const expected = runJson<Out>('/usr/bin/python3', ['-c', PYTHON], cases).map(failed);
    const got = runJson<Out>(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      cases.map((c) => ({ erb: erb(c.template), vars: c.vars, node_name: 'n' })),
    ).map(failed);
    expect(got).toEqual(expected);
    // The generated lists reach both answers: some items are dropped, some kept.
    expect(expected.some((o, i) => o.out !== undefined && o.out.split(';').length - 1 < (cases[i]?.vars.d.length ?? 0))).toBe(true);
  });

  it('keeps a string item that lacks the attribute, and refuses one whose Python method it names', () => {
    const cases = [
      { template: templateOf("openstack.osa.rejectattr('condition')").replace('i.name', 'i'), vars: { d: ['s', 't'] } },
      { template: "{{ d | openstack.osa.rejectattr('upper') | length }}", vars: { d: ['s'] } },
    ];
    const expected = runJson<Out>('/usr/bin/python3', ['-c', PYTHON], cases);
    expect(expected[0]).toEqual({ out: 's;t;' });
    const got = runJson<Out>(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      cases.map((c) => ({ erb: erb(c.template), vars: c.vars, node_name: 'n' })),
    );
    expect(got[0]).toEqual(expected[0]);
    // Python drops 's' (its upper method is defined); the helper refuses rather than guess.
    expect(expected[1]).toEqual({ out: '0' });
    expect(got[1]?.error).toBeDefined();
  });
});
