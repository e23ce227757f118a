// One checked loader for every mapping table: a broken table fails naming its file and key (the
// shipped ones at load, a user's as a diagnostic on the user's file), and user tables reach the
// conversion that loaded them, passed explicitly, never through state another conversion could see.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { factEntries, filterEntries, lookupEntries, builtinRuleDocs, builtinTables } from '../../src/mapping/tables.js';
import { checkFactNames } from '../../src/mapping/jinja-tables.js';
import { compileRules } from '../../src/mapping/rule-tables.js';
import { atRoot, MappingError, parseToml } from '../../src/config/table-schema.js';
import { loadMappings } from '../../src/mapping/user.js';
import { CODE_NAMES } from '../../src/translate/code-names.js';
import { checkShimReasons } from '../../src/mapping/shim-reasons.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';

const F = 'mappings/filters.toml';

describe('a broken table names its file and key', () => {
  it.each([
    ['[foo]\nruby = 1\n', `${F}: foo.ruby: expected string, got integer`],
    ['[foo]\nruby = "x"\nreturn = "str"\n', `${F}: foo.return: unknown key`],
    [
      '[foo]\nruby = "x"\nreturns = "text"\n',
      `${F}: foo.returns: expected one of str, int, float, bool, none, list, dict, any, got "text"`,
    ],
    ['[foo]\nruby = "x"\nplugin = "y"\n', `${F}: foo: ruby and plugin exclude each other`],
    ['[foo]\nparams = ["a"]\n', `${F}: foo: needs one of ruby, plugin, untranslatable`],
    ['[foo]\nruby = "x"\nparams = ["a"]\ndefaults = { b = 1 }\n', `${F}: foo.defaults.0: "b" is not one of the params (a)`],
    ['[foo]\nruby = "x"\nparams = ["a"]\nnil_defaults = ["a", "c"]\n', `${F}: foo.nil_defaults.1: "c" is not one of the params (a)`],
    ['["ansible.builtin.foo"]\nruby = ["x"]\n', `${F}: "ansible.builtin.foo".ruby: expected string, got array`],
    ['foo = "bar"\n', `${F}: foo: expected a table, got string`],
  ])('filters.toml %j', (text, message) => {
    expect(() => filterEntries(text, F)).toThrow(message);
  });

  it('a TOML syntax error names the file and the line', () => {
    let err: unknown;
    try {
      filterEntries('[foo]\nruby = \n', F);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MappingError);
    expect((err as MappingError).message).toMatch(/^mappings\/filters\.toml: line 2: /);
    expect((err as MappingError).pos?.line).toBe(2);
  });

  it.each([
    ['[hostname]\nohai = ["hostname"]\n', 'mappings/facts.toml: hostname.type: missing'],
    [
      '[hostname]\nohai = ["hostname"]\ntype = "string"\n',
      'mappings/facts.toml: hostname.type: expected one of str, int, bool, dict, got "string"',
    ],
    ['[x]\ncompute = "pkg_mgr"\nohai = ["a"]\ntype = "str"\n', 'mappings/facts.toml: x: ohai and compute exclude each other'],
    [
      '[x]\nohai = ["a"]\ntype = "str"\ncompare_only = ["d"]\n',
      'mappings/facts.toml: x.compare_only: only a computed fact answers comparisons alone',
    ],
    [
      '[x]\ncompute = "svc_mgr"\ntype = "str"\n',
      'mappings/facts.toml: x.compute: expected one of pkg_mgr, container_virtualization_type, architecture, userspace_bits, distribution_version, processor_cores, processor_threads_per_core, env, local, date_time, fqdn, packages, selinux_status, selinux_python_present, user_id, user_uid, user_gid, user_gecos, user_dir, user_shell, real_user_id, effective_user_id, real_group_id, effective_group_id, got "svc_mgr"',
    ],
    [
      '[x]\nohai = ["a"]\ntype = "str"\nmembership_only = true\n',
      'mappings/facts.toml: x.membership_only: only a computed dict fact answers membership tests alone',
    ],
    [
      '[x]\ntype = "str"\nalways_defined = true\n',
      'mappings/facts.toml: x.always_defined: only a dict fact is always defined without a value to read',
    ],
    [
      '[x]\nohai = ["a"]\ntype = "dict"\nalways_defined = true\n',
      'mappings/facts.toml: x.ohai: unknown key (expected one of type, always_defined)',
    ],
    [
      '[x]\nohai = ["a"]\ntype = "str"\nconvert = "lookup"\n',
      'mappings/facts.toml: x.table: missing: convert = "lookup" needs the value table',
    ],
    [
      '[x]\nohai = ["a"]\ntype = "str"\n[x.table]\nA = "b"\n',
      'mappings/facts.toml: x.table: only a convert = "lookup" entry has a value table',
    ],
    [
      '[x]\nohai = ["a"]\ntype = "str"\nconvert = "lookup"\n[x.table]\nA = 1\n',
      'mappings/facts.toml: x.table.A: expected string, got integer',
    ],
    [
      '[x]\nohai = ["a"]\ntype = "str"\nchef_check = "platform?"\n',
      'mappings/facts.toml: x.chef_check: only an entry with a value table has a Chef platform check',
    ],
    [
      '[x]\nohai = ["a"]\ntype = "str"\nconvert = "lookup"\nchef_check = "os?"\n[x.table]\nA = "b"\n',
      'mappings/facts.toml: x.chef_check: expected one of platform_family?, platform?, got "os?"',
    ],
  ])('facts.toml %j', (text, message) => {
    expect(() => factEntries(text, 'mappings/facts.toml')).toThrow(message);
  });

  it('lookups.toml and fact-names.toml', () => {
    expect(() => lookupEntries('[env]\nruby = "env"\ncontroller = "reads the controller"\n', 'mappings/lookups.toml')).toThrow(
      'mappings/lookups.toml: env: ruby and controller exclude each other',
    );
    expect(() => lookupEntries('[items]\nrubi = "items"\n', 'mappings/lookups.toml')).toThrow(
      'mappings/lookups.toml: items.rubi: unknown key',
    );
    expect(() => lookupEntries('[items]\nruby = "items"\noperator = "item"\n', 'mappings/lookups.toml')).toThrow(
      'mappings/lookups.toml: items: operator goes with controller',
    );
    const names = (text: string) => checkFactNames(parseToml(text, 'mappings/fact-names.toml'), atRoot('mappings/fact-names.toml'));
    expect(() => names('names = ["a"]\ninterface_patterns = ["(eth"]\n')).toThrow(
      /^mappings\/fact-names\.toml: interface_patterns\.0: not a valid regular expression/,
    );
    expect(() => names('names = ["a"]\n')).toThrow('mappings/fact-names.toml: interface_patterns: missing');
  });

  it('ipv6.toml and tls.toml', () => {
    const docs = builtinRuleDocs();
    const files = { ipv6: 'mappings/ipv6.toml', tls: 'mappings/tls.toml' };
    const withV6 = (patch: (d: Record<string, Record<string, unknown>>) => void) => {
      const v6 = structuredClone(docs.ipv6) as Record<string, Record<string, unknown>>;
      patch(v6);
      return () => compileRules(v6, docs.tls, files);
    };
    expect(withV6((d) => (d.bind!.line_pattern = ['x']))).toThrow('mappings/ipv6.toml: bind.line_pattern: unknown key');
    expect(withV6((d) => (d.bind!.line_patterns = ['(bind']))).toThrow(
      /^mappings\/ipv6\.toml: bind\.line_patterns\.0: not a valid regular expression/,
    );
    expect(withV6((d) => delete d.names)).toThrow('mappings/ipv6.toml: names: missing');
    const tls = structuredClone(docs.tls) as { path: Array<Record<string, unknown>> };
    tls.path[1]!.kind = 'certificate';
    expect(() => compileRules(docs.ipv6, tls, files)).toThrow(
      'mappings/tls.toml: path.1.kind: expected one of cert, key, ca, chain, got "certificate"',
    );
  });

  it('the shipped tables load and are typed', () => {
    const t = builtinTables();
    expect(t.filters.byName.get('d')?.name).toBe('default');
    expect(t.facts['os_family']?.table?.['rhel']).toBe('RedHat');
    expect(t.factNames.names.has('hostname')).toBe(true);
    expect(t.lookups.byName.get('community.general.flattened')?.entry.ruby).toBe('flattened');
    expect(t.rules.bindRewrite.get('0.0.0.0')).toBe('::');
    expect(t.shimReasons.byHelper.get('convert_data')).toBe('text Ansible re-reads');
    expect(t.shimReasons.byHelper.get('regex_replace')).toBeUndefined();
  });

  it.each([
    ['"a" = ["out"]\n"b" = ["out"]\n', "helper 'out' is already listed under 'a'"],
    ['"Jinja filter or test" = ["lower"]\n', 'is where unlisted helpers count'],
    ['"a" = "out"\n', 'an array of strings'],
  ])('shim-reasons.toml %j is refused', (text, message) => {
    expect(() => checkShimReasons(parseToml(text, 'shim-reasons.toml'), atRoot('shim-reasons.toml'))).toThrow(message);
  });
});

function userDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-tables-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('user tables', () => {
  it.each([
    ['filters.toml', '[upper]\nrubi = "upper"\n', 'upper.rubi: unknown key (expected one of'],
    ['filters.toml', '[shout]\nplugin = "shout"\n', 'shout.plugin: no filter plugin named "shout"'],
    ['facts.toml', '[hostname]\nohai = "hostname"\ntype = "str"\n', 'hostname.ohai: expected an array of strings, got string'],
    ['modules.toml', '[module."acme.x.y"]\ntranslator = "yy"\n', 'module."acme.x.y".translator: no translator named "yy"'],
    ['ipv6.toml', '[bind]\nline_paterns = ["x"]\n', 'bind.line_paterns: unknown key'],
    ['tls.toml', '[[path]]\nservice = "x"\nkind = "cert"\n', 'path.0.before: missing'],
  ])('%s with %j: an error diagnostic on the user file, no mapping set', async (file, text, message) => {
    const dir = userDir({ [file]: text });
    const r = await loadMappings(CODE_NAMES, [dir], [], (p) => p.replace(dir, 'maps'));
    expect(r.set).toBeUndefined();
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d?.code).toBe('A2C-MAPPING-INVALID');
    expect(d?.span?.file).toBe(`maps/${file}`);
    expect(d?.message).toContain(message);
  });

  it('a TOML syntax error in a user table is A2C-MAPPING-SYNTAX at its line and column', async () => {
    const dir = userDir({ 'facts.toml': '[hostname]\nohai = [\n' });
    const r = await loadMappings(CODE_NAMES, [dir], [], (p) => p.replace(dir, 'maps'));
    expect(r.set).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.span?.file, d.span?.line])).toEqual([['A2C-MAPPING-SYNTAX', 'maps/facts.toml', 3]]);
  });

  it('a user filters.toml and facts.toml change the conversion that loaded them, and only that one', async () => {
    const dir = userDir({
      'filters.toml': '[upper]\nruby = "lower"\nreturns = "str"\n',
      'facts.toml': '[apparmor]\nohai = ["apparmor"]\ntype = "str"\n',
    });
    const tasks = {
      'tasks/main.yml': '- debug:\n    msg: "{{ greeting | upper }}"\n- debug:\n    msg: "{{ ansible_apparmor }}"\n',
      'defaults/main.yml': 'greeting: hi\n',
    };
    const user = recipeBody(await convertRole(tasks, 'demo', { mappingDirs: [dir] }), 'demo');
    const plain = recipeBody(await convertRole(tasks, 'demo'), 'demo');
    expect(user).toContain("A2C::Jinja.lower(node['demo']['greeting'])");
    expect(user).toContain("node.read!('apparmor')");
    expect(plain).toContain("A2C::Jinja.upper(node['demo']['greeting'])");
    expect(plain).toContain("fact 'ansible_apparmor' has no Ohai equivalent");
  });
});
