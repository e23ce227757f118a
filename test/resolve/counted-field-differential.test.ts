// `v.f | length` of a list item's field (resolve/use-scan.ts, issue 14): Python's len() and the
// helper's A2C::Jinja.length agree on text (code points), a list and a dict, and both fail on an
// int, a boolean or None, so the count says nothing of the field's type, as `is defined` does not.
// It no longer takes a field's contract away: OSA haproxy_server's `service.haproxy_default_backend`
// (tested, counted, printed through default()) is text or an integer, printed plainly; a field
// only counted gets a contract of no type (counted by the helper still); a list field counted and iterated
// keeps its list contract. Real Ansible and Erubis render byte-identical, failing together on an int
// counted; the check fails the run on a field of another type.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { runInputCheck } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';
import { lbRole } from '../helpers/lb-role.js';

const SVC_J2 = [
  'frontend {{ s.name }}',
  '{% if (s.backend is defined) and (s.backend | length > 0) %}',
  '    default_backend {{ s.backend | default(s.name) }}-back',
  '{% endif %}',
  '    tag {{ s.tag | length }}',
  '{% if s.opts | default([]) | length > 1 %}',
  '    many',
  '{% endif %}',
  '{% for o in s.opts | default([]) %}',
  '    option {{ o }}',
  '{% endfor %}',
  '',
].join('\n');

const FILES = lbRole({ loopVar: 's', src: 'svc.j2', dest: '/etc/lb/{{ s.name }}', templates: { 'svc.j2': SVC_J2 } });

describe('a counted item field', () => {
  it('keeps its contract: text or integer where printed, a list where iterated, none where only counted', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/svc.erb');
    expect(erb).toContain("default_backend <%= s.fetch('backend') { s.fetch('name') } %>-back");
    expect(erb).toContain("<% if s.key?('backend') && A2C::Jinja.length(s.fetch('backend')) > 0 %>");
    expect(erb).not.toContain("A2C::Jinja.attr(s, 'backend')");
    const lib = outputText(r, 'lb/libraries/input_contracts.rb');
    expect(lib).toMatch(/'backend' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/lb\/templates\/svc.j2:3',/);
    expect(lib).toMatch(/'opts' => \{\s+type: \{ list: :str_or_int \},/);
    // Only counted: of any type, counted by the helper as Python counts; nothing for the check to hold.
    expect(erb).toContain("tag <%= A2C::Jinja.length(A2C::Jinja.attr(s, 'tag')) %>");
    expect(lib).not.toContain("'tag' =>");
    expect(outputText(r, 'CONVERSION.md')).toMatch(/\| `lb_services` \| `tag` \| only tested or counted/);
  });
});

const haveTools = haveAnsibleAndErubis();

// Inside the contracts: text with a non-ASCII letter (len counts code points), '', an int, text
// ending in a newline, the count of a list and a dict, backend absent.
const INSIDE: Array<Record<string, unknown>> = [
  { name: 'keystone', backend: 'ké', tag: 'héllo', opts: ['httpchk', 1] },
  { name: 'glance', backend: '', tag: [1, 2], opts: [] },
  { name: 7, tag: { k: 1 } },
  { name: 'nova', backend: 'b\n', tag: '' },
];
// An int counted fails in Python (TypeError) and in the helper; a counted field missing fails in both.
const FAILING: Array<Record<string, unknown>> = [{ name: 'x', backend: 12, tag: 'a' }, { name: 'x', tag: 5 }, { name: 'x' }];

describe.skipIf(!haveTools)('a counted item field vs real Ansible', () => {
  it('renders byte-identical inside the contracts and fails where Ansible fails', async () => {
    const erb = outputText(await convertProject(FILES), 'lb/templates/svc.erb');
    const items = [...INSIDE, ...FAILING];
    const { want, diffs } = renderBoth(
      items.map((s) => ({ template: SVC_J2, vars: { lb_services: items, s }, erb, node: { lb: { services: items } }, assigns: { s } })),
    );
    expect(diffs).toEqual([]);
    expect(want.slice(0, INSIDE.length).every((w) => w.out !== undefined)).toBe(true);
    expect(want.slice(INSIDE.length).every((w) => w.error !== undefined)).toBe(true);
    expect(want[0]!.out).toBe('frontend keystone\n    default_backend ké-back\n    tag 5\n    many\n    option httpchk\n    option 1\n');
    expect(want[1]!.out).toBe('frontend glance\n    tag 2\n');
  });
});

describe.skipIf(!hasTool('ruby'))('a counted item field check', () => {
  it('fails the converted run on a counted field of another type than its other uses allow', async () => {
    const r = await convertProject(FILES);
    const call = outputText(r, 'lb/recipes/default.rb')
      .split('\n')
      .find((l) => l.startsWith('A2C::Inputs.check_items!'))!;
    const library = outputText(r, 'lb/libraries/input_contracts.rb');
    const run = (services: unknown) => runInputCheck(library, call, { lb: { services } });
    expect(run(INSIDE)).toBe('ok');
    expect(run([{ name: 'a', backend: ['x'] }])).toMatch(/backend.*is a list, not str\|int/);
    expect(run([{ name: 'a', opts: 'x' }])).toMatch(/opts/);
  });
});
