// A template's `for` targets are scoped to the loop (resolve/use-scan.ts bindLoopTarget): Jinja binds
// `value` of `{% for key, value in s.acls.items() %}` in the body only, so a `value.backend_name`
// read after the loop, or in a template included outside it (OSA haproxy_server's
// service-redirect.j2), is the variable `value`'s. Set by no source and read only by its fields, it
// gets field contracts by the unset-dict rule; its default() falling back on the task loop's item
// field (`default(s.name)`) is judged with the loop variable bound (use-contracts.ts
// rejudgeRootDefaults), and printed as `node.exist?(...) ? node[...] : s.fetch('name')`. Real
// Ansible and Erubis render byte-identical, `value` unset too. A loop whose body includes a template
// (which may see the loop's `value`), or a template that sets the name, keeps it no variable of the
// input's; one read whole keeps the helpers.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { runInputCheck } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, renderBoth } from '../helpers/erb-differential.js';
import { lbRole } from '../helpers/lb-role.js';

const SVC_J2 = [
  'frontend {{ s.name }}',
  '{% for key, value in s.acls.items() %}',
  '    acl {{ key }} {{ value.rule }}',
  '    use_backend {{ value.backend_name | default(s.name) }}-back if {{ key }}',
  '{% endfor %}',
  '    default_backend {{ value.backend_name | default(s.name) }}-back',
  "{% include 'redirect.j2' %}",
  '',
].join('\n');
const REDIRECT_J2 = 'backend {{ value.backend_name | default(s.name) }}-redirect\n';

const FILES = lbRole({
  loopVar: 's',
  src: 'svc.j2',
  dest: '/etc/lb/{{ s.name }}',
  templates: { 'svc.j2': SVC_J2, 'redirect.j2': REDIRECT_J2 },
});

const PLAIN = "node.exist?('ansible', 'value', 'backend_name') ? node['ansible']['value']['backend_name'] : s.fetch('name')";

describe('a loop-scoped name', () => {
  it('leaves the variable of that name free outside the loop: read by its fields, it gets contracts', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'lb/templates/svc.erb');
    // The loop's own value: the item field's dict values.
    expect(erb).toContain("use_backend <%= value.fetch('backend_name') { s.fetch('name') } %>-back");
    // The variable: after the loop, and in the template included outside it.
    expect(erb).toContain(`default_backend <%= ${PLAIN} %>-back`);
    expect(erb).toContain(`backend <%= ${PLAIN} %>-redirect`);
    expect(erb).not.toContain("A2C::Jinja.input(node, 'ansible', 'value')");
    const lib = outputText(r, 'lb/libraries/input_contracts.rb');
    expect(lib).toMatch(
      /'value' => \{\s+path: %w\(ansible value\),\s+kind: :dict,\s+fields: \{\s+'backend_name' => \{\s+type: :str_or_int,/,
    );
  });

  it('keeps the helpers where the loop body includes a template, the template sets the name, or it is read whole', async () => {
    for (const [what, svc] of [
      ['include in the body', SVC_J2.replace('{% endfor %}', "{% include 'redirect.j2' %}\n{% endfor %}")],
      ['set', `${SVC_J2}{% set value = {} %}\n`],
      ['whole', `${SVC_J2}{{ value }}\n`],
    ] as const) {
      const r = await convertProject({ ...FILES, 'roles/lb/templates/svc.j2': svc });
      const lib = r.files.has('lb/libraries/input_contracts.rb') ? outputText(r, 'lb/libraries/input_contracts.rb') : '';
      expect(lib, what).not.toMatch(/'value' => \{\s+path/);
      expect(outputText(r, 'lb/templates/svc.erb'), what).not.toContain("node['ansible']['value']['backend_name']");
    }
  });
});

const haveTools = haveAnsibleAndErubis();

const ITEMS: Array<Record<string, unknown>> = [
  { name: 'keystone', acls: { a: { rule: 'path_beg /a', backend_name: 'other' }, b: { rule: 'path_beg /b' } } },
  { name: 7, acls: {} },
];
// The variable unset, and values inside its contract: text, an int, '', a field absent, extra keys.
const VALUES: Array<Record<string, unknown> | undefined> = [
  undefined,
  { backend_name: 'web' },
  { backend_name: 8 },
  { backend_name: '' },
  { rule: 'x' },
  { backend_name: 'n\n', extra: [1] },
];

describe.skipIf(!haveTools)('a loop-scoped name vs real Ansible', () => {
  it('renders byte-identical, the variable unset or set, and fails where Ansible fails', async () => {
    const erb = outputText(await convertProject(FILES), 'lb/templates/svc.erb');
    const cases = [...ITEMS, { acls: {} }].flatMap((s) =>
      VALUES.map((value) => ({
        template: SVC_J2,
        files: { 'redirect.j2': REDIRECT_J2 },
        vars: { lb_services: ITEMS, s, ...(value === undefined ? {} : { value }) },
        erb,
        node: { lb: { services: ITEMS }, ...(value === undefined ? {} : { ansible: { value } }) },
        assigns: { s },
      })),
    );
    const { want, diffs } = renderBoth(cases);
    expect(diffs).toEqual([]);
    const n = ITEMS.length * VALUES.length;
    expect(want.slice(0, n).every((w) => w.out !== undefined)).toBe(true);
    expect(want[0]!.out).toBe(
      [
        'frontend keystone',
        '    acl a path_beg /a',
        '    use_backend other-back if a',
        '    acl b path_beg /b',
        '    use_backend keystone-back if b',
        '    default_backend keystone-back',
        'backend keystone-redirect',
        '',
      ].join('\n'),
    );
    expect(want[1]!.out).toContain('    default_backend web-back\nbackend web-redirect\n');
    // An item without a name fails in both, `value` set or not.
    expect(want.slice(n).every((w) => w.error !== undefined)).toBe(true);
  });
});

describe.skipIf(!hasTool('ruby'))('a loop-scoped name check', () => {
  it('fails the converted run on a value that is no dict or a field of another type', async () => {
    const r = await convertProject(FILES);
    const call = outputText(r, 'lb/recipes/default.rb')
      .split('\n')
      .find((l) => l.startsWith('A2C::Inputs.check_items!'))!;
    const library = outputText(r, 'lb/libraries/input_contracts.rb');
    const run = (value: unknown) => runInputCheck(library, call, { lb: { services: ITEMS }, ansible: { value } });
    for (const v of VALUES.filter((x) => x !== undefined)) expect(run(v), JSON.stringify(v)).toBe('ok');
    expect(runInputCheck(library, call, { lb: { services: ITEMS } })).toBe('ok');
    expect(run('web')).toMatch(/^value \(node\['ansible'\]\['value'\]\) is text, not a dict/);
    expect(run({ backend_name: ['x'] })).toMatch(/^value\['backend_name'\] \(node\['ansible'\]\['value'\]\) is a list, not str\|int/);
  });
});
