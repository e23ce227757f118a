import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { expandHostPattern, parseIniInventory, type IniInventory } from '../../src/load/ansible/inventory-ini.js';
import { literalEval } from '../../src/load/ansible/python-literal.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS } from '../helpers/shared.js';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(here, 'fixtures/inventory');
const corpus = [CORPUS].find((p) => existsSync(p));
const CORPUS_INVENTORIES = [
  'ansible__ansible-examples/tomcat-memcached-failover/hosts',
  'ansible__ansible-examples/lamp_haproxy/hosts',
  'openstack__openstack-ansible/inventory/inventory.ini',
  'openstack__openstack-ansible/inventory/localhost',
  'geerlingguy__ansible-for-devops/deployments-balancer/inventory',
];

function parse(text: string) {
  const sink = new DiagnosticSink();
  return { inv: parseIniInventory(text, 'hosts', sink), sink };
}

describe('INI inventory parsing', () => {
  it('reads sections, children, vars, ranges and the implicit ungrouped group', () => {
    const { inv, sink } = parse('solo\n[web]\nweb[1:2] a=1\n\n[web:vars]\nb = "x y"\n[all:children]\nweb\n');
    expect(sink.items).toEqual([]);
    expect(inv.groups.get('ungrouped')?.hosts.map((h) => h.name)).toEqual(['solo']);
    const web = inv.groups.get('web');
    expect(web?.hosts.map((h) => [h.name, h.vars, h.span.line])).toEqual([
      ['web1', { a: 1 }, 3],
      ['web2', { a: 1 }, 3],
    ]);
    expect(web?.vars).toEqual({ b: 'x y' });
    expect(web?.span).toEqual({ file: 'hosts', line: 2, col: 1 });
    expect(inv.groups.get('all')?.children).toEqual(['web']);
  });

  it('reports errors with line and column', () => {
    const { sink } = parse('[web]\n  bad"host\n[db:vars]\nx=1\n[odd:thing]\n');
    expect(sink.items.map((d) => [d.code, d.span?.line, d.span?.col])).toEqual([
      ['A2C-INI-SYNTAX', 2, 3],
      ['A2C-INI-SECTION', 5, 1],
      ['A2C-INI-UNDEFINED', 3, 1],
    ]);
  });

  it('expands ranges and ports as Ansible does', () => {
    expect(expandHostPattern('db-[a:c]-[01:02]:2222')).toEqual({
      names: ['db-a-01', 'db-a-02', 'db-b-01', 'db-b-02', 'db-c-01', 'db-c-02'],
      port: 2222,
    });
    expect(expandHostPattern('[::1]:22')).toEqual({ names: ['::1'], port: 22 });
    expect(expandHostPattern('fe80::1')).toEqual({ names: ['fe80::1'] });
    expect(expandHostPattern('web[1:3]x').error).toBeUndefined();
    expect(expandHostPattern('web[01:3]').error).toMatch(/equal-length/);
  });

  it('reads values as Python literals, else as text', () => {
    const ev = (s: string) => {
      const r = literalEval(s);
      return r.ok ? r.value : s;
    };
    expect(['1', '0644', '0o17', '1_000', '1e3', '\'a\' "b"', 'True', 'true', 'None', '80,443', '[1, (2,)]', "{'k': -1}"].map(ev)).toEqual([
      1,
      '0644',
      15,
      1000,
      1000,
      'ab',
      true,
      'true',
      null,
      [80, 443],
      [1, [2]],
      { k: -1 },
    ]);
  });
});

/** What `ansible-inventory --list --export` shows, derived from our parse the way Ansible reconciles. */
function asAnsibleList(inv: IniInventory) {
  const groups: Record<string, { hosts: string[]; children: string[]; vars: Record<string, unknown> }> = {};
  const hostvars: Record<string, Record<string, unknown>> = {};
  const memberOf = new Map<string, Set<string>>();
  const childSet = new Set<string>();
  for (const [name, g] of inv.groups) {
    const hosts: string[] = [];
    for (const h of g.hosts) {
      if (!hosts.includes(h.name)) hosts.push(h.name);
      hostvars[h.name] = { ...hostvars[h.name], ...h.vars };
      if (!memberOf.has(h.name)) memberOf.set(h.name, new Set());
      if (name !== 'all' && name !== 'ungrouped') memberOf.get(h.name)?.add(name);
    }
    g.children.forEach((c) => name !== 'all' && childSet.add(c));
    groups[name] = { hosts, children: [...g.children], vars: { ...g.vars } };
  }
  // Ansible: a host that belongs to no group but `all` is listed in `ungrouped`; one that does is not.
  const ungrouped = [...memberOf].filter(([, gs]) => gs.size === 0).map(([h]) => h);
  groups['ungrouped'] = { hosts: ungrouped, children: [], vars: {} };
  const top = Object.keys(groups).filter((g) => g !== 'all' && !childSet.has(g));
  return { groups, hostvars, top };
}

const ansibleAvailable = requireOrSkip('ansible-inventory', hasTool('ansible-inventory'));

describe.skipIf(!ansibleAvailable)('INI inventory agrees with ansible-inventory', () => {
  const files = [
    ...['ranges-and-values.ini', 'pending-children.ini'].map((f) => join(fixtures, f)),
    ...(corpus ? CORPUS_INVENTORIES.map((f) => join(corpus, f)) : []),
  ];

  it.each(files)('%s', (path) => {
    // A copy in an empty folder, so Ansible does not also read group_vars/host_vars beside it.
    const dir = mkdtempSync(join(tmpdir(), 'a2c-ini-'));
    const copy = join(dir, basename(path));
    copyFileSync(path, copy);
    const run = spawnSync('ansible-inventory', ['-i', copy, '--list', '--export'], {
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_INVENTORY_ENABLED: 'ini', ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true' },
    });
    expect(run.status, run.stderr).toBe(0);
    const real = JSON.parse(run.stdout) as Record<string, { hosts?: string[]; children?: string[]; vars?: Record<string, unknown> }> & {
      _meta: { hostvars: Record<string, Record<string, unknown>> };
    };

    const sink = new DiagnosticSink();
    const ours = asAnsibleList(parseIniInventory(readFileSync(path, 'utf8'), basename(path), sink));
    expect(sink.items).toEqual([]);

    const names = new Set([...Object.keys(ours.groups), ...Object.keys(real)].filter((g) => g !== '_meta' && g !== 'all'));
    for (const g of names) {
      const r = real[g] ?? {};
      const o = ours.groups[g] ?? { hosts: [], children: [], vars: {} };
      expect({ group: g, hosts: o.hosts, children: [...o.children].sort(), vars: o.vars }).toEqual({
        group: g,
        hosts: r.hosts ?? [],
        children: [...(r.children ?? [])].sort(),
        vars: r.vars ?? {},
      });
    }
    expect(ours.groups['all']?.vars ?? {}).toEqual(real['all']?.vars ?? {});
    expect([...ours.top].sort()).toEqual([...(real['all']?.children ?? [])].sort());
    const ourHostvars = Object.fromEntries(Object.entries(ours.hostvars).filter(([, v]) => Object.keys(v).length));
    expect(ourHostvars).toEqual(real._meta.hostvars);
  });
});
