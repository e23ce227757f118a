// Item types through filter chains (src/jinja-to-ruby/list-types.ts), compared with Ansible at
// the edges of each rule: an empty list, an item missing the attribute, items of several types,
// `unique` on dicts, nested lists with nulls, `+` of two lists. Each loop reads its items' fields;
// where the chain keeps the items' type the ERB reads them as plain Ruby (`v['name']`), and the
// text Erubis renders must be Ansible's byte for byte (or both must fail).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { VarType } from '../../src/resolve/types.js';
import { parseExpression } from '../../src/load/jinja/index.js';
import { translateTyped } from '../../src/jinja-to-ruby/expr.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { renderBoth, typedDefaults } from '../helpers/template-compare.js';

const DEFAULTS = [
  'hosts: [{name: a, port: 80, en: true}, {name: B, port: 81, en: false}, {name: a, port: 80, en: true}]',
  'extra: [{name: c, port: 82, en: true}]',
  // Only some items have `en`: selectattr('en') skips the others, map(attribute='en') is not typed.
  'partial: [{name: d, port: 83}, {name: e, port: 84, en: true}]',
  'none_l: []',
  'words: [b, A, a, "None", c]',
  'nested: [[x, y], [], ["null", z]]',
  'nested_n: [[1, 2], [3]]',
  'deep: [[[1]], [[2]]]',
  'mixed: [1, a, ~]',
  'ports: [{port: 1}, {port: "1"}]',
].join('\n');

const { vars: VARS, scope } = typedDefaults(`${DEFAULTS}\n`);

/** The static type the translator gives an expression. */
function typeOfExpr(src: string): VarType | undefined {
  const p = parseExpression(src);
  if (!p.ok) throw new Error(`parse ${src}: ${p.error.message}`);
  return translateTyped(p.value, scope).vt;
}

const FIELD_LOOPS = [
  "hosts | selectattr('en') | list",
  "hosts | selectattr('en')",
  "hosts | rejectattr('en') | list",
  "partial | selectattr('en') | list",
  "partial | selectattr('en', 'defined') | list",
  "partial | rejectattr('en', 'defined') | list",
  "none_l | selectattr('en') | list",
  "(hosts | selectattr('en') | list) + extra",
  "(partial | rejectattr('en', 'defined') | list) + (hosts | selectattr('en', 'defined') | list)",
  'extra + none_l',
  'none_l + hosts',
  'hosts | unique',
  'hosts | unique | list',
  "hosts | sort(attribute='port')",
  "hosts | sort(attribute='name', reverse=true)",
  "hosts | sort(attribute='name', case_sensitive=true)",
  "hosts | select('mapping') | list",
  "hosts | reject('none') | list",
  "hosts | selectattr('port', 'gt', 80) | list",
];

const ITEM_LOOPS = [
  "hosts | map(attribute='name') | list",
  "hosts | map(attribute='name') | unique",
  "hosts | map(attribute='port') | sort",
  "hosts | map(attribute='name') | sort",
  "hosts | map(attribute='name', default='z') | list",
  "none_l | map(attribute='name') | list",
  'words | unique',
  'words | unique(case_sensitive=true)',
  'words | sort',
  'nested | flatten',
  'nested | flatten(1)',
  'nested | flatten(levels=2)',
  'nested | flatten(skip_nulls=false)',
  'nested_n | flatten | sort(reverse=true)',
  'words + (nested | flatten)',
  "ports | map(attribute='port') | list",
  'mixed | unique',
];

describe('item types through filter chains', () => {
  it('keep the items of a list of dicts through select, unique, sort and +', () => {
    const fields = (src: string) => typeOfExpr(src)?.item?.fields;
    expect(Object.keys(fields("hosts | selectattr('en') | list") ?? {}).sort()).toEqual(['en', 'name', 'port']);
    expect(fields('(hosts | unique) + extra')?.['port']).toEqual({ t: 'int' });
    // Only the keys every item has: `partial`'s second item alone has `en`.
    expect(Object.keys(fields("(partial | selectattr('en') | list) + hosts") ?? {}).sort()).toEqual(['name', 'port']);
    expect(typeOfExpr('none_l | select | list')).toEqual({ t: 'list', empty: true });
    expect(typeOfExpr('extra + none_l')?.item?.t).toBe('dict');
  });

  it('type map(attribute) by the field every item has, and flatten by the inner lists', () => {
    expect(typeOfExpr("hosts | map(attribute='name')")).toEqual({ t: 'list', item: { t: 'str', plain: true } });
    expect(typeOfExpr("hosts | map(attribute='en')")?.item).toEqual({ t: 'bool' });
    expect(typeOfExpr("partial | map(attribute='en')")?.item).toBeUndefined();
    // A str and an int item: no common type.
    expect(typeOfExpr("ports | map(attribute='port')")?.item).toBeUndefined();
    expect(typeOfExpr("hosts | map(attribute='name.x')")?.item).toBeUndefined();
    expect(typeOfExpr('nested_n | flatten')?.item).toEqual({ t: 'int' });
    expect(typeOfExpr('nested | flatten(levels=1)')?.item?.t).toBe('str');
    // levels=0 keeps the inner lists; a third level is not known to be flat.
    expect(typeOfExpr('nested | flatten(levels=0)')?.item).toBeUndefined();
    expect(typeOfExpr('deep | flatten')?.item).toBeUndefined();
    expect(typeOfExpr('mixed | unique')?.item).toBeUndefined();
  });

  it('keep no item type where the operand is not surely a list', () => {
    // A str iterates into characters, a dict into its keys.
    expect(typeOfExpr('(hosts | first) | list')).toBeUndefined();
    expect(typeOfExpr('hosts[0] | list')?.item).toBeUndefined();
  });

  const haveTools = requireOrSkip(
    'ansible+ruby+erubis',
    hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
  );

  it.skipIf(!haveTools)('render as Ansible does, reading fields as plain Ruby', () => {
    const templates = [
      ...FIELD_LOOPS.map((l) => `{% for h in ${l} %}{{ h.name }}:{{ h.port }}:{{ h['name'] }},{% else %}none{% endfor %}`),
      ...ITEM_LOOPS.map((l) => `{% for w in ${l} %}<{{ w }}>{% else %}none{% endfor %}|{{ ${l} }}`),
      "{{ (hosts | selectattr('en') | list + extra) | length }}",
    ];
    const { erbs, diffs } = renderBoth(templates, VARS, scope);
    expect(diffs).toEqual([]);
    // The typed chains read the loop variable's fields without the helper; an empty list literal
    // tells nothing of the fields its items would have.
    const helped = FIELD_LOOPS.filter((_, i) => /A2C::Jinja\.(attr|item)\(/.test(erbs[i]!));
    expect(helped).toEqual(["none_l | selectattr('en') | list"]);
  });
});
