// The empty-dict rule (issue 14): a dict variable every input source sets to `{}` (a role default the
// estate's group_vars fill) gets contracts for the fields its uses read, as a list's items do
// (resolve/item-contracts.ts): read as plain Ruby (`fetch`, `fetch(k, d)`, `key?`), checked by
// check_items! with kind :dict. For values inside the contracts, real Ansible and Erubis render the
// converted template byte-identical; a value outside them fails the converted run, naming the
// variable, the field path and the use the contract came from. A dict read whole, or by a dict
// method's name, keeps the helpers.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { ITEM_CHECK_TAIL, itemCheckOf } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, outcomes, renderBoth, rendersThenFails } from '../helpers/erb-differential.js';

const IDP_J2 = [
  '{% if sso_idp != {} %}',
  '[idp]',
  'entity = {{ sso_idp.entity_id }}',
  'port = {{ sso_idp.port | default(443) }}',
  '{% if sso_idp.org is defined %}',
  "org = {{ sso_idp['org'] }}",
  '{% endif %}',
  '{% if sso_idp.tls | default(false) | bool %}',
  'tls on',
  '{% endif %}',
  '{% if sso_idp.attrs is defined %}',
  '{% for k, v in sso_idp.attrs.items() %}',
  '{{ k }} = {{ v.name }}',
  '{% endfor %}',
  '{% endif %}',
  '{% endif %}',
  // Read whole (`| length`): no contract for its fields, the helpers stay.
  "sp = {{ sso_sp.name | default('none') }} {{ sso_sp | length }}",
  '',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [sso]\n',
  'roles/sso/defaults/main.yml': 'sso_idp: {}\nsso_sp: {}\n',
  'roles/sso/tasks/main.yml': [
    '- name: idp',
    '  template:',
    '    src: idp.j2',
    '    dest: /etc/sso/idp.conf',
    '  when: sso_idp != {}',
  ].join('\n'),
  'roles/sso/templates/idp.j2': IDP_J2,
};

const W_J2 = "a {{ sso_idp.entity_id | default('x') }}\n{% if sso_idp.org is defined %}b {{ sso_idp.entity_id }}{% endif %}\n";
/** Another role reading sso's dict, which may be unset where web's recipe runs. */
const OTHER = {
  ...FILES,
  'site.yml': '- hosts: all\n  roles: [sso, web]\n',
  'roles/web/tasks/main.yml': '- template:\n    src: w.j2\n    dest: /etc/w\n',
  'roles/web/templates/w.j2': W_J2,
};

describe('the empty-dict rule', () => {
  it("reads a {} dict's fields as plain Ruby, and keeps the helpers for one read whole", async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'sso/templates/idp.erb');
    expect(erb).toContain("<% if node['sso']['idp'] != {} %>");
    expect(erb).toContain("entity = <%= node['sso']['idp'].fetch('entity_id') %>");
    expect(erb).toContain("port = <%= node['sso']['idp'].fetch('port', 443) %>");
    expect(erb).toContain("<% if node['sso']['idp'].key?('org') %>");
    expect(erb).toContain("org = <%= node['sso']['idp'].fetch('org') %>");
    expect(erb).toContain("<% if node['sso']['idp'].fetch('tls', false) %>");
    expect(erb).toContain("<%= k %> = <%= v.fetch('name') %>");
    expect(erb).toContain("A2C::Jinja.attr(node['sso']['sp'], 'name')");
    const lib = outputText(r, 'sso/libraries/input_contracts.rb');
    expect(lib).toMatch(/'sso_idp' => \{\s+path: %w\(sso idp\),\s+kind: :dict,/);
    expect(lib).toMatch(/'entity_id' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/sso\/templates\/idp.j2:3',/);
    expect(lib).toMatch(/'tls' => \{ type: :bool,/);
    expect(lib).not.toContain('sso_sp');
    expect(outputText(r, 'sso/recipes/default.rb')).toContain('A2C::Inputs.check_items!(node, SsoCookbook::ITEM_CONTRACTS)');
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain('## Fields of dicts the input sets only to {}');
    expect(md).toContain(
      "| `sso_idp` | `entity_id` | text or integer (`str\\|int`) where present, inferred from use: printed at roles/sso/templates/idp.j2:3 | `node['sso']['idp']` |",
    );
    // Not an extra variable: the input sets it.
    expect(md).not.toMatch(/\| `sso_idp` \| `\{/);
  });

  it('gives no contract where a use is not followed: a dict method, the dict iterated, aliased, or a field used otherwise', async () => {
    const variants: Array<[string, string]> = [
      ["{{ sso_idp.entity_id }}{{ sso_idp.get('x', 'd') }}", 'entity_id'],
      ['{{ sso_idp.entity_id }}{% for k in sso_idp %}{{ k }}{% endfor %}', 'entity_id'],
      ['{{ sso_idp.entity_id }}{{ sso_idp.keys | default(1) }}', 'entity_id'],
      ['{{ sso_idp.entity_id }}{{ sso_idp }}', 'entity_id'],
      ['{{ sso_idp.entity_id }}{% set sso_idp = {} %}', 'entity_id'],
      ['{{ sso_idp.entity_id }}{{ sso_idp.port | first }}', 'port'],
    ];
    for (const [body, field] of variants) {
      const r = await convertProject({ ...FILES, 'roles/sso/templates/idp.j2': `${body}\n{{ sso_idp.port }}\n` });
      const lib = r.files.has('sso/libraries/input_contracts.rb') ? outputText(r, 'sso/libraries/input_contracts.rb') : '';
      expect(lib, body).not.toMatch(new RegExp(`'${field}' =>`));
      // A field's own misuse leaves the others theirs.
      if (field === 'port') expect(lib, body).toMatch(/'entity_id' => \{\s+type: :str_or_int,/);
    }
    // Read by another cookbook (node.read!: the dict may be unset there): default() and `is defined` ask
    // Chef's node.exist? of the whole path, as Jinja's undefined dict or key is; a print fails on it as Jinja does
    // (compared with Ansible below).
    const w = outputText(await convertProject(OTHER), 'web/templates/w.erb');
    expect(w).toContain("a <%= node.exist?('sso', 'idp', 'entity_id') ? node['sso']['idp']['entity_id'] : 'x' %>");
    expect(w).toContain("<% if node.exist?('sso', 'idp', 'org') %>");
    expect(w).toContain("node.read!('sso', 'idp').fetch('entity_id')");
    // An alias of it (`other: "{{ sso_idp }}"`) reads it whole elsewhere.
    const aliased = await convertProject({
      ...FILES,
      'roles/sso/defaults/main.yml': 'sso_idp: {}\nsso_sp: {}\nsso_copy: "{{ sso_idp }}"\n',
    });
    expect(
      aliased.files.has('sso/libraries/input_contracts.rb') ? outputText(aliased, 'sso/libraries/input_contracts.rb') : '',
    ).not.toContain('sso_idp');
  });
});

const haveTools = haveAnsibleAndErubis();

// Values inside the contracts, at their edges: {} itself, '443' and 443, text ending in a newline, ''
// and 0, an integer dict key, booleans both ways.
const INSIDE: Array<Record<string, unknown>> = [
  {},
  { entity_id: 'e', port: 80 },
  { entity_id: 7, port: '8443', org: 'o\n', tls: true, attrs: { a: { name: 'x' }, '80': { name: 0 } } },
  { entity_id: 'yes', org: '', tls: false, attrs: {} },
  { entity_id: '', port: 0, extra: [1, 2] },
];
// Missing a printed field (entity_id; a dict value's name): both fail.
const FAILING: Array<Record<string, unknown>> = [{ port: 1 }, { entity_id: 'e', attrs: { a: { other: 1 } } }];
const SP = { name: 'sp1' };

describe.skipIf(!haveTools)('the empty-dict rule vs real Ansible', () => {
  it('renders values inside the contracts byte-identical, and fails where Ansible fails', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'sso/templates/idp.erb');
    const values = [...INSIDE, ...FAILING];
    const { want, diffs } = renderBoth(
      values.map((idp) => ({ template: IDP_J2, vars: { sso_idp: idp, sso_sp: SP }, erb, node: { sso: { idp, sp: SP } }, assigns: {} })),
    );
    expect(diffs).toEqual([]);
    // The cases say what they are meant to.
    expect(outcomes(want)).toEqual(rendersThenFails(INSIDE.length, want.length));
    expect(want[0]!.out).toBe('sp = sp1 1\n');
    expect(want[1]!.out).toContain('entity = e\nport = 80\n');
    expect(want[2]!.out).toContain('org = o\n\ntls on\n80 = 0\na = x\n');
    expect(want[4]!.out).toContain('port = 0\n');
  });

  it("renders another cookbook's reads of the dict byte-identical, the dict unset too", async () => {
    const erb = outputText(await convertProject(OTHER), 'web/templates/w.erb');
    const values: Array<Record<string, unknown> | undefined> = [
      undefined,
      {},
      { entity_id: 0 },
      { entity_id: 'e', org: 'o' },
      { org: 'o' },
    ];
    const { want, diffs } = renderBoth(
      values.map((idp) => ({
        template: W_J2,
        vars: idp === undefined ? {} : { sso_idp: idp },
        erb,
        node: idp === undefined ? {} : { sso: { idp } },
        assigns: {},
      })),
    );
    expect(diffs).toEqual([]);
    expect(want.map((w) => w.out)).toEqual(['a x\n', 'a x\n', 'a 0\n', 'a e\nb e\n', undefined]);
  });
});

describe.skipIf(!hasTool('ruby'))('the empty-dict check', () => {
  it('fails the converted run on a value outside the contracts, naming the variable, the field path and the use', async () => {
    const check = itemCheckOf(await convertProject(FILES), 'sso');
    const run = (idp: unknown) => check({ sso: { idp } });
    for (const idp of INSIDE) expect(run(idp), JSON.stringify(idp)).toBe('ok');
    const at = "(node['sso']['idp'])";
    const use = (line: number) => `inferred from its use at roles/sso/templates/idp.j2:${line}`;
    expect(run(['x'])).toBe(`sso_idp ${at} is a list, not a dict (its fields are read: ${use(12)})${ITEM_CHECK_TAIL}`);
    expect(run({ entity_id: ['x'] })).toBe(`sso_idp['entity_id'] ${at} is a list, not str|int (${use(3)})${ITEM_CHECK_TAIL}`);
    expect(run({ tls: 'yes' })).toBe(`sso_idp['tls'] ${at} is text, not bool (${use(8)})${ITEM_CHECK_TAIL}`);
    expect(run({ attrs: { a: { name: true } } })).toBe(
      `sso_idp['attrs']['a']['name'] ${at} is a boolean, not str|int (${use(13)})${ITEM_CHECK_TAIL}`,
    );
    expect(run({ attrs: 'x' })).toBe(`sso_idp['attrs'] ${at} is text, not a dict (it is iterated: ${use(12)})${ITEM_CHECK_TAIL}`);
  });
});
