// `ansible_os_family | lower == 'redhat'` as `platform_family?('amazon', 'fedora', 'rhel')` (and `in` a
// list of names as one check over all their Ohai values): for
// every fact with a Chef platform check (mappings/facts.toml `chef_check`), every Ohai value of its
// table and every lower-cased name compared, the printed check answered in real Ruby on a node of
// that Ohai value must agree with real Jinja2 comparing the Ansible value the table gives it. The
// ground-truth row (Ansible and Ohai read on one machine) anchors the table: its Ohai value must map
// to its Ansible value, and the check must hold there. hostvars[inventory_hostname]'s fact is this host's.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translateExpr } from '../../src/jinja-to-ruby/expr.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { parseExpression } from '../../src/load/jinja/index.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { printExpr } from '../../src/print/print-expr.js';
import { runJson } from '../helpers/differential.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH } from '../helpers/shared.js';

interface Row {
  ansible: string;
  ohai: string;
  ansible_value?: unknown;
  ohai_value?: unknown;
}
const tables = builtinTables();
const checked = Object.entries(tables.facts).flatMap(([fact, e]) =>
  e.chef_check && e.table && e.ohai ? [{ fact, check: e.chef_check, table: e.table, ohai: e.ohai.join('.'), row: e.ground_truth }] : [],
);
const scope: JinjaScope = { tables, lookupVar: () => undefined, locals: new Map<string, string>(), platformHelpers: true };

function ruby(src: string): string {
  const p = parseExpression(src);
  if (!p.ok) throw new Error(p.error.message);
  const t = translateExpr(p.value, scope);
  if (!t.ok) throw new Error(t.reason);
  return printExpr(t.value);
}

const haveTools = requireOrSkip('ruby and Jinja2', hasTool('ruby') && hasPythonModule('jinja2'));
const haveTruth = requireOrSkip('shared/ground-truth/facts.json', existsSync(GROUND_TRUTH));

describe('platform checks over a lower-cased fact', () => {
  it('covers the facts the issue names', () => {
    expect(checked.map((c) => c.fact).sort()).toEqual(['distribution', 'os_family']);
    // The product lower-cases with JS's toLowerCase, which agrees with Python's str.lower on ASCII.
    for (const c of checked) for (const v of Object.values(c.table)) expect(v).toMatch(/^[\x20-\x7e]+$/);
  });

  it.skipIf(!haveTruth)('agrees with the ground-truth machine', () => {
    const rows = (JSON.parse(readFileSync(GROUND_TRUTH, 'utf8')) as { rows: Row[] }).rows;
    for (const c of checked) {
      const row = rows.find((r) => r.ansible === c.row && r.ohai === c.ohai);
      expect(row, c.fact).toBeDefined();
      const ohai = String(row?.ohai_value);
      expect(c.table[ohai], c.fact).toBe(row?.ansible_value);
      const printed = ruby(`ansible_${c.fact} | lower == '${String(row?.ansible_value).toLowerCase()}'`);
      expect(printed.startsWith(`${c.check}(`), printed).toBe(true);
      expect(printed).toContain(`'${ohai}'`);
    }
  });

  it.skipIf(!haveTools)('answers as Jinja2 on every Ohai value of the table (==, !=, in, not in; as written and lowered)', () => {
    const cases = checked.flatMap((c) =>
      [false, true].flatMap((lowered) => {
        const names = [...new Set(Object.values(c.table).map((v) => (lowered ? v.toLowerCase() : v)))];
        // Each name alone, and each with the next one as an `in` list.
        const compared = [
          ...names.flatMap((w) => (['==', '!='] as const).map((op) => ({ op, w: [w], src: `'${w}'` }))),
          ...names.flatMap((w, i) => {
            const pair = [w, names[(i + 1) % names.length] as string];
            return (['in', 'not in'] as const).map((op) => ({ op, w: pair, src: `['${pair.join("', '")}']` }));
          }),
        ];
        const fact = `ansible_${c.fact}${lowered ? ' | lower' : ''}`;
        return Object.entries(c.table).flatMap(([ohai, ansible]) =>
          compared.map(({ op, w, src }) => ({ ohai, ansible, lowered, w, op, check: c.check, rb: ruby(`${fact} ${op} ${src}`) })),
        );
      }),
    );
    // Every compared name has an Ohai value, so no case keeps the lookup.
    for (const x of cases) expect(x.rb, `${x.op} ${x.w}`).toMatch(/^!?platform(_family)?\?\(/);
    const py = [
      'import json, sys, jinja2',
      'env = jinja2.Environment()',
      "tpl = lambda c: '{{ (v' + (' | lower ' if c['lowered'] else ' ') + c['op'] + (' w[0]' if c['op'] in ('==', '!=') else ' w') + ') | string }}'",
      "print(json.dumps([env.from_string(tpl(c)).render(v=c['ansible'], w=c['w']) == 'True' for c in json.load(sys.stdin)]))",
    ].join('\n');
    const expected = runJson<boolean>('/usr/bin/python3', ['-c', py], cases);
    const rb = [
      "require 'json'",
      'out = []',
      ...cases.map(
        (x) => `out << (->(v) { define_singleton_method(:'${x.check}') { |*n| n.include?(v) }; ${x.rb} }).call(${JSON.stringify(x.ohai)})`,
      ),
      'print JSON.generate(out)',
    ].join('\n');
    const r = spawnSync('ruby', [], { input: rb, encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.stderr).toBe('');
    const actual = JSON.parse(r.stdout) as boolean[];
    expect(actual).toHaveLength(expected.length);
    const wrong = cases.filter((_x, i) => actual[i] !== expected[i]).map((x) => `${x.ohai} ${x.op} ${x.w.join(',')}: ${x.rb}`);
    expect(wrong).toEqual([]);
    expect(expected.filter(Boolean).length).toBeGreaterThan(0);
  });

  it("reads hostvars[inventory_hostname]'s fact as this host's own", () => {
    expect(ruby("hostvars[inventory_hostname]['ansible_os_family'] == 'Debian'")).toBe("platform_family?('debian')");
    expect(ruby("hostvars[inventory_hostname].ansible_distribution | lower != 'ubuntu'")).toBe("!platform?('ubuntu')");
    // Another host's fact is read on its node, and a shadowed host name is not this host.
    expect(ruby("hostvars['db1']['ansible_os_family'] == 'Debian'")).toContain("A2C::Jinja.host_node(node, 'db1')");
    const shadowed: JinjaScope = { ...scope, locals: new Map([['inventory_hostname', 'h']]) };
    const p = parseExpression("hostvars[inventory_hostname]['ansible_os_family'] == 'Debian'");
    if (!p.ok) throw new Error(p.error.message);
    const t = translateExpr(p.value, shadowed);
    expect(t.ok && printExpr(t.value)).toContain('A2C::Jinja.host_node(node, h)');
  });

  it('keeps the lookup where no Ohai value lowers to the compared name, or lower takes arguments', () => {
    expect(ruby("ansible_os_family | lower == 'RedHat'")).toContain("A2C::Facts.lookup(node.read!('platform_family'), 'os_family')");
    expect(ruby("ansible_distribution | lower == 'plan9'")).toContain("A2C::Facts.lookup(node.read!('platform'), 'distribution')");
    expect(ruby("ansible_os_family | upper == 'REDHAT'")).not.toContain('platform_family?');
    // One listed name no Ohai value gives keeps the whole membership test on the lookup.
    expect(ruby("ansible_os_family in ['RedHat', 'Plan9']")).toContain("A2C::Facts.lookup(node.read!('platform_family'), 'os_family')");
  });
});
