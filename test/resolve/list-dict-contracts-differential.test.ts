// List contracts and item-field contracts through dict loops and template locals together (the two
// inferences of resolve/use-contracts.ts meet here): a field of a dict field's values
// (`{% for key, acl in svc.acls.items() %}`) only iterated with each element printed, or joined, gets
// `list[str|int]` inside the dict contract; so does a list reached through a template's `{% set %}`
// local (its one set, resolve/use-scan.ts listLocals), joined. For items inside the contracts, real Ansible
// and Erubis render the converted template byte-identical; an item outside them fails the converted
// run at check_items!, naming the path down to the nested list and its first element outside the type.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { ITEM_CHECK_TAIL, itemCheckOf } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, outcomes, renderBoth, rendersThenFails } from '../helpers/erb-differential.js';
import { lbRole } from '../helpers/lb-role.js';

const SERVICE_J2 = [
  "listen {{ svc.name }} allow {{ svc.allow | default([]) | join(' ') }}",
  '{% if svc.acls is defined %}',
  '{% for key, acl in svc.acls.items() %}',
  "acl {{ key }}{% for h in acl.hosts %} {{ h }}{% endfor %} ports {{ acl.ports | join(',') }}",
  '{% endfor %}',
  '{% endif %}',
  '{% set tags = svc.tags | default([]) %}',
  "tags {{ tags | join(',') }}",
  '',
].join('\n');

const FILES = lbRole({
  loopVar: 'svc',
  src: 'service.j2',
  dest: '/etc/lb/{{ svc.name }}.cfg',
  name: 'services',
  templates: { 'service.j2': SERVICE_J2 },
});

describe('list contracts inside dict contracts', () => {
  it('read a dict value field iterated or joined, and a list joined through a local, as plain Ruby lists', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/service.erb');
    expect(erb).toContain("listen <%= svc.fetch('name') %> allow <%= svc.fetch('allow', []).join(' ') %>");
    expect(erb).toContain(
      "acl <%= key %><% items2 = acl.fetch('hosts') %><% items2.each do |h| %> <%= h %><% end %> ports <%= acl.fetch('ports').join(',') %>",
    );
    expect(erb).toContain("<% tags = svc.fetch('tags', []) %>");
    // The joined text may end in a newline (an element may): Jinja's trailing-newline rule stays visible.
    expect(erb).toContain("tags <%= A2C::Jinja.end_with_newlines(tags.join(','), 1) %>");
    const lib = outputText(r, 'lb/libraries/input_contracts.rb');
    expect(lib).toMatch(
      /'acls' => \{\s+type: nil,\s+from: '[^']+',\s+dict: \{\s+'hosts' => \{\s+type: \{ list: :str_or_int \},\s+from: '[^']+',\s+\},\s+'ports' => \{\s+type: \{ list: :str_or_int \},/,
    );
    expect(lib).toMatch(/'allow' => \{\s+type: \{ list: :str_or_int \},/);
    expect(lib).toMatch(/'tags' => \{\s+type: \{ list: :str_or_int \},/);
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain(
      '| `lb_services` | `acls.*.hosts` | a list of text or integers (`list[str\\|int]`) where present, inferred from use: iterated at roles/lb/templates/service.j2:4, printed at roles/lb/templates/service.j2:4 |',
    );
    expect(md).toContain('| `lb_services` | `acls.*.ports` | a list of text or integers (`list[str\\|int]`) where present');
    expect(md).toContain(
      '| `lb_services` | `tags` | a list of text or integers (`list[str\\|int]`) where present, inferred from use: joined at roles/lb/templates/service.j2:8 |',
    );
  });
});

const haveTools = haveAnsibleAndErubis();

// Items inside the contracts, at their edges: text and integers mixed, '' and text ending in a
// newline, empty lists and dicts, an integer-like dict key.
const INSIDE: Array<Record<string, unknown>> = [
  {
    name: 'a',
    allow: ['10.0.0.0/8', 22],
    acls: { a: { hosts: ['h1', 2], ports: [80, '81'] }, b: { hosts: [], ports: [] } },
    tags: ['t', 1],
  },
  { name: 7, acls: {}, tags: [0, 'x\n'] },
  { name: 'n', allow: [], acls: { '80': { hosts: ['x\n', ''], ports: [''] } } },
  { name: 'e', allow: ['', -3], tags: [] },
];
// A dict value missing a field read: both fail.
const FAILING: Array<Record<string, unknown>> = [{ name: 'f', acls: { a: { hosts: ['h'] } } }];

describe.skipIf(!haveTools)('list contracts inside dict contracts vs real Ansible', () => {
  it('render items inside the contracts byte-identical, and fail where Ansible fails', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/service.erb');
    const items = [...INSIDE, ...FAILING];
    const { want, diffs } = renderBoth(
      items.map((svc) => ({
        template: SERVICE_J2,
        vars: { lb_services: [svc], svc },
        erb,
        node: { lb: { services: [svc] } },
        assigns: { svc },
      })),
    );
    expect(diffs).toEqual([]);
    // The cases say what they are meant to: each inside one renders, each failing one fails.
    expect(outcomes(want)).toEqual(rendersThenFails(INSIDE.length, want.length));
    expect(want[0]!.out).toContain('listen a allow 10.0.0.0/8 22\n');
    expect(want[0]!.out).toContain('acl a h1 2 ports 80,81\nacl b ports \n');
    expect(want[1]!.out).toContain('tags 0,x\n');
  });
});

describe.skipIf(!hasTool('ruby'))('the nested list check', () => {
  it('fails the converted run on a nested list outside its contract, naming the path and the first item outside', async () => {
    const check = itemCheckOf(await convertProject(FILES), 'lb');
    const run = (svc: Record<string, unknown>) => check({ lb: { services: [svc] } });
    for (const svc of INSIDE) expect(run(svc), JSON.stringify(svc)).toBe('ok');
    const at = "(node['lb']['services'])";
    const use = (line: number) => `inferred from its use at roles/lb/templates/service.j2:${line}`;
    expect(run({ name: 'a', acls: { r: { hosts: ['h', true], ports: [] } } })).toBe(
      `lb_services[0]['acls']['r']['hosts'] ${at} is a list whose item 1 is a boolean, not list[str|int] (${use(4)})${ITEM_CHECK_TAIL}`,
    );
    expect(run({ name: 'a', acls: { r: { hosts: [], ports: '80' } } })).toBe(
      `lb_services[0]['acls']['r']['ports'] ${at} is text, not list[str|int] (${use(4)})${ITEM_CHECK_TAIL}`,
    );
    // Python prints True and None where Ruby prints true and '': such tags fail the run.
    expect(run({ name: 'a', tags: [true, null] })).toBe(
      `lb_services[0]['tags'] ${at} is a list whose item 0 is a boolean, not list[str|int] (${use(8)})${ITEM_CHECK_TAIL}`,
    );
    expect(run({ name: 'a', allow: [['x']] })).toBe(
      `lb_services[0]['allow'] ${at} is a list whose item 0 is a list, not list[str|int] (${use(1)})${ITEM_CHECK_TAIL}`,
    );
  });
});
