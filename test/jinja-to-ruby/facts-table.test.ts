// Every mappings/facts.toml entry is checked against the ground truth (Ansible facts
// and Ohai attributes read on one machine): the row must agree, and the entry's
// Ruby — run by real Ruby with the helper library — must turn the Ohai value into
// the Ansible value.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { factRuby } from '../../src/jinja-to-ruby/facts.js';
import { translateExpr } from '../../src/jinja-to-ruby/expr.js';
import { parseExpression } from '../../src/load/jinja/index.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH } from '../helpers/shared.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { userCollectorFacts } from '../helpers/user-facts.js';

interface Row {
  ansible: string;
  ohai: string;
  ansible_value?: unknown;
  ohai_value?: unknown;
  verdict: string;
}
const haveTruth = requireOrSkip('shared/ground-truth/facts.json', existsSync(GROUND_TRUTH));
const rows = haveTruth ? (JSON.parse(readFileSync(GROUND_TRUTH, 'utf8')) as { rows: Row[] }).rows : [];
// A compare-only fact has no value to check against a row: test/jinja-to-ruby/facts-container.test.ts compares it.
// The CPU topology facts are computed from the host's /proc/cpuinfo, which differs from machine to
// machine: test/jinja-to-ruby/facts-cpu.test.ts compares them with Ansible's collector instead.
// The environment is one process's, not the machine's: test/jinja-to-ruby/facts-env.test.ts compares it.
// distribution_version reads files of the host (/etc/debian_version): its own test compares it
// with Ansible's collector on generated hosts and on this machine. ansible_local is read from the
// host's facts.d: test/support-cookbook/facts-local.test.ts compares it with the setup module.
// ansible_date_time is a clock reading: test/support-cookbook/facts-date-time.test.ts compares its
// formatting of fixed readings with the real collector.
// ansible_fqdn is Python's socket.getfqdn() on the node, which reads this machine's resolver (the ground
// truth's differs: another machine): test/jinja-to-ruby/facts-fqdn.test.ts compares it with Python's here.
// ansible_selinux_python_present says whether libselinux loads, which the ground truth has no row
// for: test/support-cookbook/facts-selinux.test.ts compares it with the collector.
// ansible_user_id and the user facts read from its password entry and the process (user_uid, user_dir,
// real_user_id, ...) belong to the gathering process, which the ground truth has no Ohai value for:
// test/jinja-to-ruby/facts-user.test.ts compares them with the user collector and the setup module here.
// ansible_facts.packages is what a package_facts task read from the host's dpkg database:
// test/support-cookbook/facts-packages.test.ts compares it with the real module.
// ansible_selinux_python_present says whether libselinux loads, which the ground truth has no row
// for: test/support-cookbook/facts-selinux.test.ts compares it with the collector.
const OWN_DIFFERENTIAL = new Set([
  'processor_cores',
  'processor_threads_per_core',
  'distribution_version',
  'local',
  'date_time',
  'fqdn',
  'packages',
  'selinux_python_present',
  ...userCollectorFacts(),
]);
// The lsb facts other than codename have no ground-truth row: test/jinja-to-ruby/facts-lsb.test.ts
// compares each with real ohai and the setup module on this machine.
const LIVE_COMPARED = new Set(['lsb.id', 'lsb.description', 'lsb.release', 'lsb.major_release']);
const entries = Object.entries(builtinTables().facts).filter(
  ([fact, e]) => !e.compare_only && !e.always_defined && !OWN_DIFFERENTIAL.has(fact) && !LIVE_COMPARED.has(fact) && e.compute !== 'env',
);

/** The Ohai platform attributes of the ground-truth machine, as a node. */
function platformNode(): Record<string, unknown> {
  const node: Record<string, unknown> = {};
  for (const key of ['platform', 'platform_family', 'platform_version'])
    node[key] = rows.find((r) => r.ohai === key && r.ohai_value !== undefined)?.ohai_value;
  node['kernel'] = Object.fromEntries(
    ['name', 'machine'].map((k) => [k, rows.find((r) => r.ohai === `kernel.${k}` && r.ohai_value !== undefined)?.ohai_value]),
  );
  return node;
}

describe.skipIf(!haveTruth)('facts.toml against the ground truth', () => {
  it('leaves out of the ground-truth check only computed facts with a differential test of their own', () => {
    for (const fact of OWN_DIFFERENTIAL) expect(builtinTables().facts[fact]?.compute, fact).toBe(fact);
  });

  it('leaves out of the ground-truth check only lsb facts read from Ohai, which their own test compares live', () => {
    for (const fact of LIVE_COMPARED) expect(builtinTables().facts[fact]?.ohai?.[0], fact).toBe('lsb');
  });

  it.each(entries)('%s names an agreeing ground-truth row', (_fact, entry) => {
    const row = rows.find((r) => r.ansible === entry.ground_truth);
    expect(row, entry.ground_truth).toBeDefined();
    // A computed fact is one Ohai lacks, or one Ansible adjusts by rules a value table cannot hold
    // (architecture: equal on this x86_64 machine); its Ruby must still give Ansible's value (below).
    expect(entry.compute ? ['no Ohai equivalent', 'equal'] : ['equal', 'equal after conversion']).toContain(row?.verdict);
    expect(row?.ansible_value).toBeDefined();
  });

  it('reaches one entry through every spelling of a fact', () => {
    const scope = { tables: builtinTables(), lookupVar: () => undefined, locals: new Map<string, string>() };
    const printed = ['ansible_default_ipv6.address', "ansible_facts['default_ipv6']['address']", 'ansible_facts.default_ipv6.address'].map(
      (src) => {
        const p = parseExpression(src);
        if (!p.ok) throw new Error(p.error.message);
        const t = translateExpr(p.value, scope);
        return t.ok ? printExpr(t.value) : t.reason;
      },
    );
    expect(new Set(printed).size).toBe(1);
    expect(printed[0]).toContain("'ip6address'");
  });

  it('refuses facts without an Ohai equivalent', () => {
    const scope = { tables: builtinTables(), lookupVar: () => undefined, locals: new Map<string, string>() };
    for (const src of ['ansible_python_version', 'ansible_facts.cmdline', 'ansible_default_ipv4', 'ansible_apparmor']) {
      const p = parseExpression(src);
      if (!p.ok) throw new Error(p.error.message);
      const t = translateExpr(p.value, scope);
      expect(t.ok, src).toBe(false);
    }
  });

  const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
  it.skipIf(!haveRuby)('converts each Ohai value to the Ansible value in real Ruby', () => {
    const lines = entries.map(([fact, entry]) => {
      const row = rows.find((r) => r.ansible === entry.ground_truth) as Row;
      // A node holding just this Ohai attribute, built from its JSON value; a computed fact reads
      // the platform attributes and this machine, where the ground truth was read.
      const nodeJson = JSON.stringify(
        entry.ohai ? entry.ohai.reduceRight<unknown>((acc, k) => ({ [k]: acc }), row.ohai_value ?? null) : platformNode(),
      );
      // Facts are read with Chef's strict node.read!, which the plain Hash answers here as a node does.
      return `node = JSON.parse(${JSON.stringify(nodeJson)}); def node.read!(*path) = path.reduce(self) { |h, k| h.fetch(k) }; out << (${printExpr(factRuby(entry, fact))})`;
    });
    const script = [
      "require 'json'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_facts'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_facts_pkg_mgr'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_facts_container'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_facts_architecture'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_facts_userspace_bits'",
      "require_relative 'src/support-cookbook/ruby/libraries/a2c_facts_selinux'",
      'out = []',
      ...lines,
      'print JSON.generate(out)',
    ].join('\n');
    const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as unknown[];
    entries.forEach(([fact, entry], i) => {
      const row = rows.find((x) => x.ansible === entry.ground_truth) as Row;
      expect(got[i], fact).toEqual(row.ansible_value);
    });
  });
});
