// The unset-dict rule (issue 14): a dict variable no source of the input sets, whose every use reads
// one of its fields (`x.f`, `x.f is defined`, `x.f | default(d)`, a field's truth test), gets
// contracts for those fields as a `{}` dict does (empty-dict-differential.test.ts): read as plain Ruby
// from node['ansible'][x], checked by check_items! with kind :dict. Real Ansible and Erubis render
// values inside the contracts byte-identical; a missing printed field, and the dict unset, fail in
// both. A variable set nowhere and read whole (printed, iterated, filtered) is no dict root.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { itemCheckOf } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, outcomes, renderBoth, rendersThenFails } from '../helpers/erb-differential.js';

const T_J2 = [
  'ExecStart=/bin/exporter \\',
  '{% if svc_tls.dest and svc_tls.content %}',
  '  --tls-cert={{ svc_tls.dest }} \\',
  '{% endif %}',
  '  --port={{ svc_tls.port | default(9216) }}',
  '{% if svc_tls.ca is defined %}',
  'ca = {{ svc_tls.ca }}',
  '{% endif %}',
  '',
].join('\n');

/** Set nowhere too, but read whole (printed, iterated): no dict roots. */
const WHOLE_J2 = "{{ svc_opts.a | default('x') }} {{ svc_opts }}\n{% for k in svc_map %}{{ svc_map.b }}{% endfor %}\n";

const FILES = {
  'site.yml': '- hosts: all\n  roles: [svc]\n',
  'roles/svc/defaults/main.yml': 'svc_user: exporter\n',
  'roles/svc/tasks/main.yml': [
    '- template:',
    '    src: unit.j2',
    '    dest: /etc/systemd/system/exporter.service',
    '- template:',
    '    src: whole.j2',
    '    dest: /etc/whole',
  ].join('\n'),
  'roles/svc/templates/unit.j2': T_J2,
  'roles/svc/templates/whole.j2': WHOLE_J2,
};

describe('the unset-dict rule', () => {
  it('reads the fields of a dict set nowhere as plain Ruby, and keeps the helpers for one read whole', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'svc/templates/unit.erb');
    expect(erb).toContain("--tls-cert=<%= node.read!('ansible', 'svc_tls').fetch('dest') %>");
    expect(erb).toContain("node.exist?('ansible', 'svc_tls', 'port') ? node['ansible']['svc_tls']['port'] : 9216");
    expect(erb).toContain("<% if node.exist?('ansible', 'svc_tls', 'ca') %>");
    expect(erb).not.toContain("A2C::Jinja.input(node, 'ansible', 'svc_tls')");
    const lib = outputText(r, 'svc/libraries/input_contracts.rb');
    expect(lib).toMatch(/'svc_tls' => \{\s+path: %w\(ansible svc_tls\),\s+kind: :dict,/);
    expect(lib).toMatch(/'dest' => \{\s+type: :str_or_int,\s+from: 'inferred from its use at roles\/svc\/templates\/unit.j2:\d+',/);
    expect(lib).not.toMatch(/'svc_opts' => \{\s+path/);
    expect(lib).not.toMatch(/'svc_map' => \{\s+path/);
    const whole = outputText(r, 'svc/templates/whole.erb');
    expect(whole).not.toContain(".fetch('a'");
    expect(whole).not.toContain(".fetch('b')");
    expect(outputText(r, 'CONVERSION.md')).toMatch(/\| `svc_tls` \| `dest` \| text or integer/);
  });
});

const haveTools = haveAnsibleAndErubis();

// Inside the contracts: '' and 0, text ending in a newline, content falsy, extra keys.
const INSIDE: Array<Record<string, unknown>> = [
  { dest: '/c.pem', content: 'x' },
  { dest: '', content: 'x', port: 0 },
  { dest: 7, content: '', port: '80', ca: 'ca\n' },
  { dest: '/c', content: 'y', ca: '', extra: [1] },
];
// A printed field missing (dest read by the truth test: Ansible's undefined field fails there too).
const FAILING: Array<Record<string, unknown>> = [{ content: 'x' }, { port: 1 }];

describe.skipIf(!haveTools)('the unset-dict rule vs real Ansible', () => {
  it('renders values inside the contracts byte-identical, and fails where Ansible fails, the dict unset too', async () => {
    const erb = outputText(await convertProject(FILES), 'svc/templates/unit.erb');
    const values: Array<Record<string, unknown> | undefined> = [...INSIDE, ...FAILING, undefined];
    const { want, diffs } = renderBoth(
      values.map((tls) => ({
        template: T_J2,
        vars: tls === undefined ? {} : { svc_tls: tls },
        erb,
        node: tls === undefined ? {} : { ansible: { svc_tls: tls } },
        assigns: {},
      })),
    );
    expect(diffs).toEqual([]);
    expect(outcomes(want)).toEqual(rendersThenFails(INSIDE.length, want.length));
    expect(want[0]!.out).toBe('ExecStart=/bin/exporter \\\n  --tls-cert=/c.pem \\\n  --port=9216\n');
    expect(want[2]!.out).toContain('--port=80\nca = ca\n');
  });
});

describe.skipIf(!hasTool('ruby'))('the unset-dict check', () => {
  it('fails the converted run on a value that is no dict or a field of another type', async () => {
    const check = itemCheckOf(await convertProject(FILES), 'svc');
    const run = (tls: unknown) => check({ ansible: { svc_tls: tls } });
    for (const tls of INSIDE) expect(run(tls), JSON.stringify(tls)).toBe('ok');
    expect(run(['x'])).toMatch(/^svc_tls \(node\['ansible'\]\['svc_tls'\]\) is a list, not a dict/);
    expect(run({ dest: ['x'], content: 'x' })).toMatch(/^svc_tls\['dest'\] \(node\['ansible'\]\['svc_tls'\]\) is a list, not str\|int/);
  });
});
