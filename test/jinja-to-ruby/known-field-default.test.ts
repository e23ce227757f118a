// `d.k | default(x)` where d is a variable the cookbook always sets and every source gives d key k
// (VarType.fields): Jinja's default() replaces only an undefined value, and d.k never is one, so the
// translation is the field read itself (`node['svc']['cfg']['k']`), a None or '' value included;
// default(x, true), which also replaces a falsy value, and a key d lacks keep the helper. A field of
// that kind as another default()'s fallback needs no rescue either. Rendered by real Ansible and by
// Erubis, byte-identical.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/template-compare.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { renderErb } from '../helpers/erb-render.js';

const CFG = { backend: 'auto', retries: 5, empty: '', nothing: null, nested: { level: 2 } };
const TEMPLATE = [
  "backend = {{ svc_cfg.backend | default('other') }}",
  "retries = {{ svc_cfg['retries'] | default(1) }}",
  "empty = {{ svc_cfg.empty | default('filled') }}",
  "nothing = {{ svc_cfg.nothing | default('filled') }}",
  'level = {{ svc_cfg.nested.level | default(0) }}',
  "missing = {{ svc_cfg.missing | default('fb') }}",
  "boolean = {{ svc_cfg.empty | default('was empty', true) }}",
  '{% for j in svc_jails %}',
  '{{ j.name }} {{ j.bantime | default(svc_cfg.backend) }}',
  '{% endfor %}',
  '',
].join('\n');
const FILES = {
  'site.yml': '- hosts: all\n  roles: [svc]\n',
  'roles/svc/defaults/main.yml': [
    'svc_cfg:',
    '  backend: auto',
    '  retries: 5',
    "  empty: ''",
    '  nothing: null',
    '  nested: {level: 2}',
    'svc_jails: []',
    '',
  ].join('\n'),
  'roles/svc/tasks/main.yml': '- template:\n    src: svc.conf.j2\n    dest: /etc/svc.conf\n',
  'roles/svc/templates/svc.conf.j2': TEMPLATE,
};

describe('default() of a key its dict always has', () => {
  it('is the field read; default(x, true) and a key the dict lacks keep the helper', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'svc/templates/svc.conf.erb');
    expect(erb).toContain("backend = <%= node['svc']['cfg']['backend'] %>");
    expect(erb).toContain("retries = <%= node['svc']['cfg']['retries'] %>");
    expect(erb).toContain("empty = <%= node['svc']['cfg']['empty'] %>");
    expect(erb).toContain("level = <%= node['svc']['cfg']['nested']['level'] %>");
    expect(erb).toContain("A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(node['svc']['cfg'], 'missing') }, 'fb')");
    expect(erb).toContain("A2C::Jinja.default(A2C::Jinja.try { node['svc']['cfg']['empty'] }, 'was empty', true)");
    // As a fallback: read as it is, no rescue around it.
    expect(erb).toContain("A2C::Jinja.attr(j, 'bantime') }, node['svc']['cfg']['backend'])");
  });
});

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe.skipIf(!haveTools)('default() of a key its dict always has vs real Ansible', () => {
  it('renders byte-identical', async () => {
    const r = await convertProject(FILES);
    const erb = outputText(r, 'svc/templates/svc.conf.erb');
    const jailLists = [[], [{ name: 'ssh', bantime: 60 }, { name: 'web' }], [{ name: 'x', bantime: '' }]];
    const want = runJson(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      jailLists.map((jails) => ({ template: TEMPLATE, vars: { svc_cfg: CFG, svc_jails: jails } })),
    );
    const got = renderErb(jailLists.map((jails) => ({ erb, node: { svc: { cfg: CFG, jails } }, assigns: {} })));
    expect(got.map((g) => g.out ?? g.error)).toEqual(want.map((w) => w.out ?? w.error));
    expect(want[1]!.out).toBe(
      'backend = auto\nretries = 5\nempty = \nnothing = \nlevel = 2\nmissing = fb\nboolean = was empty\nssh 60\nweb auto\n',
    );
  });
});
