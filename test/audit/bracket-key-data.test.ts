// Cinder's iscsi_ip_address inside a dict of group vars (OSA's `cinder_backends`): cinder.conf.j2
// writes each backend's items as `{{ key }}={{ value }}`, where no template line names the key, so
// the value is bracketed where the dict is written (cookbook attribute, Policyfile, node file). The
// output is converged in Ruby (test/tools/converge-render.rb, templates rendered with Erubis): an
// IPv6 address renders `[2001:db8::5]` on every line that writes it, IPv4 is unchanged, and a line
// the template wraps too (A2C::Net.ipwrap) or brackets itself never renders `[[`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convergeRender } from '../helpers/converge-render.js';
import { convertProject, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { REPO_ROOT, SHARED } from '../helpers/shared.js';
import type { ConversionResult } from '../../src/convert.js';
import { ipwrapLiteral } from '../../src/audit/ip.js';

const schemaFile = join(SHARED, 'chef/resources.json');

const TEMPLATE = [
  '{% for name, backend in cinder_backends | dictsort %}',
  '[{{ name }}]',
  'iscsi_ip_address = {{ backend.iscsi_ip_address }}',
  '{% for key, value in backend | dictsort %}',
  '{{ key }}={{ value }}',
  '{% endfor %}',
  '{% endfor %}',
  '',
].join('\n');

function project(groupVars: string, template = TEMPLATE, extra: TextTree = {}): TextTree {
  return {
    'site.yml': '- hosts: cinder_volume\n  gather_facts: false\n  roles: [cinder]\n',
    'inventory.ini': '[cinder_volume]\nlocalhost\n',
    'group_vars/cinder_volume.yml': groupVars,
    'roles/cinder/tasks/main.yml': '- name: cinder.conf\n  template: { src: cinder.conf.j2, dest: /etc/cinder/cinder.conf }\n',
    'roles/cinder/templates/cinder.conf.j2': template,
    ...extra,
  };
}

/** A backend whose address is a literal, one that is IPv4, one read from a plain group var. */
const GROUP_VARS = [
  'cinder_storage_address: "2001:db8::6"',
  'cinder_backends:',
  '  lvm:',
  '    volume_backend_name: LVM_iSCSI',
  '    iscsi_ip_address: "2001:db8::5"',
  '  lvm4:',
  '    iscsi_ip_address: 192.0.2.5',
  '  lvmt:',
  '    iscsi_ip_address: "{{ cinder_storage_address }}"',
  '',
].join('\n');

/** The converted output written to a scratch folder and converged: cinder.conf as Erubis renders it. */
function rendered(r: ConversionResult): string {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-bracket-'));
  try {
    for (const [path, content] of r.files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const events = convergeRender(dir, schemaFile)['localhost'] ?? [];
    const failed = events.find((e) => e.error !== undefined);
    expect(failed?.error).toBeUndefined();
    const conf = events.find((e) => e.id.endsWith('/etc/cinder/cinder.conf]'));
    expect(conf?.text, JSON.stringify(events)).toBeDefined();
    return conf!.text!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bracketFindings = (r: ConversionResult) => r.diagnostics.filter((d) => d.code === 'A2C-IPV6-BRACKET-KEY');

describe('a bracket key inside a dict of group vars', () => {
  it('writes the literal bracketed and the templated value through A2C::Net.ipwrap, IPv4 as it is', async () => {
    const r = await convertProject(project(GROUP_VARS));
    const attrs = outputText(r, 'cinder/attributes/default.rb');
    expect(attrs).toContain("'iscsi_ip_address' => '[2001:db8::5]'");
    expect(attrs).toContain("'iscsi_ip_address' => '192.0.2.5'");
    expect(attrs).toContain("'iscsi_ip_address' => A2C::Net.ipwrap(node.read!('ansible', 'cinder_storage_address'))");
    // The plain group var is read elsewhere unbracketed: only the value under the key changes.
    expect(outputText(r, 'policyfiles/site.rb')).toContain("default['ansible']['cinder_storage_address'] = '2001:db8::6'");
    // Each finding in the group vars says it was fixed, with its file:line.
    const inVars = bracketFindings(r).filter((d) => d.span?.file === 'group_vars/cinder_volume.yml');
    expect(inVars.map((d) => d.span?.line).sort()).toEqual([5, 9]);
    for (const d of inVars) expect(d.notes?.join(' ')).toContain('emitted through A2C::Net.ipwrap');
  });

  it('keeps a dict of literals in the Policyfile, bracketed', async () => {
    const literal = GROUP_VARS.split('\n')
      .filter((l) => !/lvmt|cinder_storage_address/.test(l))
      .join('\n');
    const r = await convertProject(project(literal));
    const policy = outputText(r, 'policyfiles/site.rb');
    expect(policy).toContain("'iscsi_ip_address' => '[2001:db8::5]'");
    expect(policy).toContain("'iscsi_ip_address' => '192.0.2.5'");
  });

  it('brackets a host_vars value written to the node file', async () => {
    const r = await convertProject(
      project(GROUP_VARS, TEMPLATE, { 'host_vars/localhost.yml': 'cinder_backends:\n  lvm:\n    iscsi_ip_address: "2001:db8::7"\n' }),
    );
    const node = JSON.parse(outputText(r, 'nodes/localhost.json')) as { normal: { ansible: { cinder_backends: unknown } } };
    expect(node.normal.ansible.cinder_backends).toEqual({ lvm: { iscsi_ip_address: '[2001:db8::7]' } });
  });

  it('leaves the value bare when a template brackets the key itself', async () => {
    const r = await convertProject(
      project(GROUP_VARS, TEMPLATE.replace('= {{ backend.iscsi_ip_address }}', '= [{{ backend.iscsi_ip_address }}]')),
    );
    const attrs = outputText(r, 'cinder/attributes/default.rb');
    expect(attrs).toContain("'iscsi_ip_address' => '2001:db8::5'");
    expect(attrs).toContain("'iscsi_ip_address' => node.read!('ansible', 'cinder_storage_address')");
    const inVars = bracketFindings(r).filter((d) => d.span?.file === 'group_vars/cinder_volume.yml');
    expect(inVars).toHaveLength(2);
    for (const d of inVars)
      expect(d.notes?.join(' ')).toContain('not rewritten: a template writes iscsi_ip_address inside brackets already');
  });

  const ruby = requireOrSkip('ruby and erubis', hasTool('ruby'));
  it.skipIf(!ruby)('renders cinder.conf with each IPv6 address bracketed once (Ruby, Erubis)', async () => {
    const text = rendered(await convertProject(project(GROUP_VARS)));
    expect(text).not.toContain('[[');
    const lines = text.split('\n');
    const section = (name: string) => lines.slice(lines.indexOf(`[${name}]`) + 1).filter((l) => l.startsWith('iscsi_ip_address'))[0];
    // The line the template wraps (A2C::Net.ipwrap) and the line of the dict's items render the same.
    expect(lines.filter((l) => l.startsWith('iscsi_ip_address')).sort()).toEqual([
      'iscsi_ip_address = 192.0.2.5',
      'iscsi_ip_address = [2001:db8::5]',
      'iscsi_ip_address = [2001:db8::6]',
      'iscsi_ip_address=192.0.2.5',
      'iscsi_ip_address=[2001:db8::5]',
      'iscsi_ip_address=[2001:db8::6]',
    ]);
    expect(section('lvm')).toBe('iscsi_ip_address = [2001:db8::5]');
    expect(section('lvm4')).toBe('iscsi_ip_address = 192.0.2.5');
  });

  it.skipIf(!ruby)('renders a template that brackets the key itself with one pair of brackets', async () => {
    const template = TEMPLATE.replace('= {{ backend.iscsi_ip_address }}', '= [{{ backend.iscsi_ip_address }}]');
    const text = rendered(await convertProject(project(GROUP_VARS, template)));
    expect(text).not.toContain('[[');
    expect(text).toContain('iscsi_ip_address = [2001:db8::5]');
    expect(text).toContain('iscsi_ip_address = [192.0.2.5]');
  });
});

describe('a literal bracketed at conversion time', () => {
  const values = [
    '2001:db8::5',
    '2001:db8::/64',
    '::1',
    '192.0.2.5',
    '10.0.0.0/8',
    'cinder.example.org',
    '[2001:db8::5]',
    'fe80::1%eth0',
    '2001:db8::5:3260x',
    '',
  ];
  const ruby = requireOrSkip('ruby', hasTool('ruby'));
  it.skipIf(!ruby)("is what the support cookbook's A2C::Net.ipwrap makes of it (Ruby)", () => {
    const script = `require ${JSON.stringify(join(REPO_ROOT, 'src/support-cookbook/ruby/libraries/a2c_net.rb'))}; require "json"; puts JSON.generate(JSON.parse(STDIN.read).map { |v| A2C::Net.ipwrap(v) })`;
    const run = spawnSync('ruby', ['-e', script], { input: JSON.stringify(values), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(values.map(ipwrapLiteral)).toEqual(JSON.parse(run.stdout));
    expect(ipwrapLiteral('2001:db8::/64')).toBe('[2001:db8::]/64');
  });
});
