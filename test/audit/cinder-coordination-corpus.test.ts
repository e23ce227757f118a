// The reference case's Cinder role (openstack-ansible-os_cinder in ../shared/corpus, read at test
// time): its coordination URL joins the hosts' ansible_host with `join(':' ~ port ~ ',')`
// (vars/main.yml), which glues the port to a bare IPv6 address. The audit reports it at the filter
// chain, and the converted cinder.conf brackets each address through A2C::Net.ipwrap before the join.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { inputOptions, readInput } from '../../src/cli/read-input.js';
import { CORPUS } from '../helpers/shared.js';

const ROLE = join(CORPUS, 'openstack__openstack-ansible-os_cinder');
const COOKBOOK = 'openstack__openstack_ansible_os_cinder';

describe.skipIf(!existsSync(ROLE))('the corpus os_cinder role: coordination URL with IPv6 addresses', () => {
  it('reports the join at its place in vars/main.yml and brackets each address in cinder.conf', async () => {
    const input = readInput(ROLE);
    const r = await convert(input.tree, inputOptions(input));
    // The place: the line of the role's own vars file that holds the join.
    const lines = readFileSync(join(ROLE, 'vars/main.yml'), 'utf8').split('\n');
    const joinLine = lines.findIndex((l) => l.includes("join(':' ~ cinder_coordination_port ~ ','")) + 1;
    expect(joinLine).toBeGreaterThan(0);
    const found = r.diagnostics.filter((d) => d.code === 'A2C-IPV6-JOIN' && d.span?.file === 'vars/main.yml');
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("join(':' ~ port ~ ...) joins each address of a list")]);
    // The chain starts a few lines above the join (`groups[...] | map('extract', ...) | list | join(...)`).
    expect(found[0]!.span!.line).toBeLessThanOrEqual(joinLine);
    expect(found[0]!.span!.line).toBeGreaterThan(joinLine - 4);

    const content = r.files.get(`${COOKBOOK}/templates/cinder.conf.erb`);
    const erb = typeof content === 'string' ? content : new TextDecoder().decode(content);
    const line = erb.split('\n').find((l) => l.startsWith('backend_url = '));
    expect(line).toBeDefined();
    expect(line).toMatch(/A2C::Jinja\.join\(A2C::Net\.ipwrap\(A2C::Jinja\.list\(A2C::Jinja\.map\(.*'ansible_host'\) \}\)\), ":#\{/);
    const report = r.files.get('CONVERSION.md');
    const md = typeof report === 'string' ? report : new TextDecoder().decode(report);
    expect(md).toContain(`- vars/main.yml:${found[0]!.span!.line}: join(':' ~ port ~ ...): each address -> A2C::Net.ipwrap(...)`);
  });
});
