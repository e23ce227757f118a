// The corpus template differential (src/scripts/template-diff.ts, `npm run corpus:templates`) over a
// one-role fixture: Ansible's template action and the converged Chef run render each template on an
// IPv6-only inventory with the ground-truth facts, and the verdicts are the ones the comparison must
// give: the same text where the conversion is faithful, the bracketed address where an address is
// joined to a port (the documented A2C-IPV6-JOIN rewrite), and a failure on both sides where a value
// defaults to a variable nothing sets (the Chef side once wrote `#<A2C::Jinja::Undefined...>`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareRole, corpusRoles, type Comparison } from '../../src/scripts/template-diff.js';
import { SCHEMA_FILE } from '../helpers/chef-compile-inputs.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH } from '../helpers/shared.js';
import { CLI, ensureBuilt, REPO } from '../helpers/workflow.js';

const tools =
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0;
const available = requireOrSkip('ansible, ruby+erubis and the shared facts', tools && existsSync(GROUND_TRUTH) && existsSync(SCHEMA_FILE));

describe.skipIf(!available)('corpus template differential on its fixture', () => {
  let rows: Comparison[] = [];
  beforeAll(() => {
    ensureBuilt();
    const roles = corpusRoles(join(REPO, 'test/fixtures/template-diff'));
    expect(roles.map((r) => r.name)).toEqual(['fixture-role']);
    rows = compareRole(roles[0]!, { factsFile: GROUND_TRUTH, schemaFile: SCHEMA_FILE, cli: CLI });
  }, 600_000);

  const row = (host: string, dest: string) => rows.find((r) => r.host === host && r.dest === dest);

  it('renders a faithful template alike on both sides, per host', () => {
    for (const host of ['node1', 'node2']) {
      const r = row(host, '/etc/fixture/plain.conf');
      expect(r?.verdict, JSON.stringify(r)).toBe('equal');
      // The ground-truth facts and the IPv6 inventory reached both sides.
      expect(r?.ansible?.out).toBe('host = vm\nfamily = Debian\nport = 11211\npeers = node1,node2\n');
    }
  });

  it('shows the bracket rewrite of an IPv6 address joined to a port as the one difference', () => {
    const r = row('node2', '/etc/fixture/listen.conf');
    expect(r?.verdict).toBe('different');
    expect(r?.ansible?.out).toBe('listen = 2001:db8::11:11211\n');
    expect(r?.chef?.out).toBe('listen = [2001:db8::11]:11211\n');
  });

  it('fails on both sides where a value defaults to a variable nothing sets', () => {
    const r = row('node1', '/etc/fixture/servers.conf');
    expect(r?.ansible?.error).toMatch(/site_cache_servers/);
    expect(r?.chef?.out).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/A2C::Jinja::Undefined:0x/);
  });
});
