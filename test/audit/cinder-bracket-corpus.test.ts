// The reference case's own Cinder role (openstack-ansible-os_cinder in ../shared/corpus, read at
// test time): its cinder.conf.j2 converts whole (its coordination URL reads
// `groups[g] | map('extract', hostvars, 'ansible_host')`), so the bracket-key rule reaches the
// output: `target_ip_address` (iSCSI target, mappings/ipv6.toml) is written through
// A2C::Net.ipwrap, which Erubis renders bracketed for an IPv6 address and bare for IPv4.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { inputOptions, readInput } from '../../src/cli/read-input.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS, REPO_ROOT } from '../helpers/shared.js';

const ROLE = join(CORPUS, 'openstack__openstack-ansible-os_cinder');
const COOKBOOK = 'openstack__openstack_ansible_os_cinder';

describe.skipIf(!existsSync(ROLE))('the corpus os_cinder role: cinder.conf with IPv6 addresses', () => {
  const convertRole = async () => {
    const input = readInput(ROLE);
    return convert(input.tree, inputOptions(input));
  };

  it('converts cinder.conf.j2 and writes target_ip_address through ipwrap', async () => {
    const r = await convertRole();
    const todos = r.diagnostics.filter((d) => d.code === 'A2C-TODO-TEMPLATE' && /cinder\.conf/.test(d.message));
    expect(todos.map((d) => d.message)).toEqual([]);
    expect(r.diagnostics.some((d) => d.code === 'A2C-IPV6-BRACKET-KEY' && /target_ip_address/.test(d.message))).toBe(true);
    const content = r.files.get(`${COOKBOOK}/templates/cinder.conf.erb`);
    const erb = typeof content === 'string' ? content : new TextDecoder().decode(content);
    const line = erb.split('\n').find((l) => l.startsWith('target_ip_address'));
    expect(line).toBe(`target_ip_address = <%= A2C::Net.ipwrap(node['${COOKBOOK}']['storage_address']) %>`);
    // The table's other key, where the template writes it, goes through ipwrap too.
    const iscsi = erb.split('\n').find((l) => l.startsWith('iscsi_ip_address'));
    if (iscsi) expect(iscsi).toContain('A2C::Net.ipwrap(');
  });

  const ruby = requireOrSkip('ruby and erubis', hasTool('ruby'));
  it.skipIf(!ruby)('renders the converted line bracketed for IPv6 and bare for IPv4 with Erubis', async () => {
    const r = await convertRole();
    const content = r.files.get(`${COOKBOOK}/templates/cinder.conf.erb`);
    const erb = typeof content === 'string' ? content : new TextDecoder().decode(content);
    const line = erb.split('\n').find((l) => l.startsWith('target_ip_address'))!;
    const script = [
      'require "erubis"; require "json"',
      `Dir[File.join(${JSON.stringify(join(REPO_ROOT, 'src/support-cookbook/ruby/libraries'))}, "*.rb")].sort.each { |f| require f }`,
      'line = STDIN.read',
      'out = %w[2001:db8::5 192.0.2.5].map do |addr|',
      `  node = { ${JSON.stringify(COOKBOOK)} => { "storage_address" => addr } }`,
      '  Erubis::Eruby.new(line).result(binding)',
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const run = spawnSync('ruby', ['-e', script], { input: line, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(['target_ip_address = [2001:db8::5]', 'target_ip_address = 192.0.2.5']);
  });
});
