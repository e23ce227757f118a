// A field of an empty (or unset) dict root that is only iterated with each element printed, or joined,
// gets the contract `list[str|int]` as a list item's field does (use-contracts.ts scalar): the
// template reads `node[...].fetch('f')` and prints each element plainly. Inside the contract, real
// Ansible and Erubis render byte-identical; a value outside (text, whose loop Python runs over its
// characters; a boolean, None or a float element, which print otherwise) fails the converted run at
// the check, naming the dict, the field and the use.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { ITEM_CHECK_TAIL, itemCheckOf } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, outcomes, renderBoth, rendersThenFails } from '../helpers/erb-differential.js';

const SP_J2 = [
  '{% if sso_sp.opt_out is defined %}',
  '{% for o in sso_sp.opt_out %}',
  'opt_out = {{ o }}',
  '{% endfor %}',
  '{% endif %}',
  "origins = {{ sso_sp.origins | default([]) | join(',') }}",
  // Each element used otherwise than as text or an integer: no contract, the helpers stay.
  '{% for f in sso_sp.flags | default([]) %}{% if f | bool %}on{% endif %}{% endfor %}',
  '',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [sso]\n',
  'roles/sso/defaults/main.yml': 'sso_sp: {}\n',
  'roles/sso/tasks/main.yml': '- template:\n    src: sp.j2\n    dest: /etc/sso/sp.conf\n',
  'roles/sso/templates/sp.j2': SP_J2,
};

describe('list fields of an empty dict', () => {
  it('reads a field only iterated with its elements printed, or joined, as a plain Ruby list', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'sso/templates/sp.erb');
    expect(erb).toContain("<% if node['sso']['sp'].key?('opt_out') %>");
    expect(erb).toContain("node['sso']['sp'].fetch('opt_out')");
    expect(erb).toContain('opt_out = <%= o %>');
    expect(erb).not.toMatch(/A2C::Jinja\.(out|iter)\(o/);
    // The flags keep the helpers: a truth test through `| bool` says nothing of text or an integer.
    expect(erb).toMatch(/A2C::Jinja\.attr\(node\['sso'\]\['sp'\], 'flags'\)/);
    const lib = outputText(r, 'sso/libraries/input_contracts.rb');
    expect(lib).toMatch(
      /'opt_out' => \{\s+type: \{ list: :str_or_int \},\s+from: 'inferred from its use at roles\/sso\/templates\/sp.j2:2',/,
    );
    expect(lib).toMatch(/'origins' => \{\s+type: \{ list: :str_or_int \},/);
    expect(lib).not.toContain("'flags'");
    expect(outputText(r, 'CONVERSION.md')).toContain(
      '| `sso_sp` | `opt_out` | a list of text or integers (`list[str\\|int]`) where present, inferred from use: iterated at roles/sso/templates/sp.j2:2, printed at roles/sso/templates/sp.j2:3 |',
    );
  });
});

const haveTools = haveAnsibleAndErubis();

// Inside the contract, at its edges: the field missing, [], text and integers, '' and 0, a newline.
const INSIDE: Array<Record<string, unknown>> = [
  {},
  { opt_out: [] },
  { opt_out: ['a', 1], origins: ['https://x', 8080] },
  { opt_out: ['', 0, 'two\nlines'], origins: [] },
  { origins: ['only'], flags: ['yes', 'no'] },
];

describe.skipIf(!haveTools)('list fields of an empty dict vs real Ansible', () => {
  it('renders values inside the contract byte-identical', async () => {
    const erb = outputText(await convertProject(FILES), 'sso/templates/sp.erb');
    const { want, diffs } = renderBoth(
      INSIDE.map((sp) => ({ template: SP_J2, vars: { sso_sp: sp }, erb, node: { sso: { sp } }, assigns: {} })),
    );
    expect(diffs).toEqual([]);
    expect(outcomes(want)).toEqual(rendersThenFails(INSIDE.length, want.length));
    expect(want[2]!.out).toBe('opt_out = a\nopt_out = 1\norigins = https://x,8080\n');
    expect(want[4]!.out).toBe('origins = only\non\n');
  });
});

describe.skipIf(!hasTool('ruby'))('the check of list fields of an empty dict', () => {
  it('fails the converted run on a value outside the contract, naming the dict, the field and the use', async () => {
    const check = itemCheckOf(await convertProject(FILES), 'sso');
    const run = (sp: unknown) => check({ sso: { sp } });
    for (const sp of INSIDE) expect(run(sp), JSON.stringify(sp)).toBe('ok');
    const at = "(node['sso']['sp'])";
    const use = 'inferred from its use at roles/sso/templates/sp.j2:2';
    // Text: Python's loop runs over its characters, Ruby's String has no each.
    expect(run({ opt_out: 'abc' })).toBe(`sso_sp['opt_out'] ${at} is text, not list[str|int] (${use})${ITEM_CHECK_TAIL}`);
    // Elements Python prints otherwise than Ruby: True, None, 1.0.
    for (const bad of [[true], [null], [1.5]])
      expect(run({ opt_out: bad }), JSON.stringify(bad)).toMatch(/^sso_sp\['opt_out'\] .* is a list whose item 0 is /);
  });
});
