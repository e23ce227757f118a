// Attribute keys without the role prefix (issue 14): `cinder_packages` of role cinder is
// node['cinder']['packages'] in every attribute file, read, template, Policyfile and node file,
// unless two variables would share the key or what remains is no plain name; the project
// namespace keeps names; `attribute-keys = "ansible"` keeps every variable's own name.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownKeys, ownPrefixes } from '../../src/resolve/attribute-keys.js';
import { SymbolTable, type DefinitionKind } from '../../src/resolve/symbols.js';
import { validateConfig } from '../../src/config/schema.js';
import { defaultConfigText } from '../../src/config/default-text.js';
import { resolveSettings } from '../../src/cli/settings.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { REPO } from '../helpers/golden.js';

const keys = (names: string[], vars: string[], mode: 'short' | 'ansible' = 'short') =>
  Object.fromEntries([...ownKeys(names, vars, mode)].map(([v, k]) => [v, k.key]));

describe('the key rule', () => {
  it('strips the cookbook name and an underscore', () => {
    expect(keys(['cinder'], ['cinder_packages', 'cinder_debug'])).toEqual({ cinder_packages: 'packages', cinder_debug: 'debug' });
  });

  it('strips the role name where the cookbook is named otherwise ([cookbook-names])', () => {
    expect(keys(['block_storage', 'cinder'], ['cinder_packages', 'block_storage_debug'])).toEqual({
      cinder_packages: 'packages',
      block_storage_debug: 'debug',
    });
  });

  it("strips a word of the role's name that most of its variables start with (os_cinder: cinder_*), not one a few share", () => {
    expect(ownPrefixes(['os_cinder'], ['cinder_a', 'cinder_b', 'os_x'])).toEqual(['os_cinder_', 'cinder_']);
    expect(keys(['os_cinder'], ['cinder_a', 'cinder_b', 'os_cinder_c'])).toEqual({ cinder_a: 'a', cinder_b: 'b', os_cinder_c: 'c' });
    expect(keys(['galera_server'], ['galera_port', 'galera_user', 'server_name'])).toEqual({
      galera_port: 'port',
      galera_user: 'user',
      server_name: 'server_name',
    });
    // Half is not most: the role's convention is not clear, so nothing but the full name is stripped.
    expect(keys(['galera_server'], ['galera_port', 'server_name'])).toEqual({ galera_port: 'galera_port', server_name: 'server_name' });
  });

  it('takes the longest prefix that matches', () => {
    expect(keys(['os_cinder', 'cinder'], ['os_cinder_x', 'cinder_y'])).toEqual({ os_cinder_x: 'x', cinder_y: 'y' });
  });

  it('keeps the full name of the one that would collide with a variable of that name', () => {
    const k = ownKeys(['cinder'], ['packages', 'cinder_packages', 'cinder_debug'], 'short');
    expect(k.get('packages')).toEqual({ key: 'packages' });
    expect(k.get('cinder_packages')).toEqual({ key: 'cinder_packages', kept: "'packages' is also a variable of this cookbook" });
    expect(k.get('cinder_debug')).toEqual({ key: 'debug' });
  });

  it('keeps both full names when two stripped names would meet, whatever their order', () => {
    for (const vars of [
      ['os_cinder_x', 'cinder_x'],
      ['cinder_x', 'os_cinder_x'],
    ]) {
      const k = ownKeys(['os_cinder', 'cinder'], vars, 'short');
      expect(k.get('os_cinder_x')).toEqual({ key: 'os_cinder_x', kept: "'cinder_x' would also become 'x'" });
      expect(k.get('cinder_x')).toEqual({ key: 'cinder_x', kept: "'os_cinder_x' would also become 'x'" });
    }
  });

  it('keeps the full name when nothing, a digit or an underscore would come first', () => {
    const k = ownKeys(['cinder'], ['cinder_', 'cinder_1st', 'cinder__x'], 'short');
    expect(k.get('cinder_')).toEqual({ key: 'cinder_', kept: "nothing follows 'cinder_'" });
    expect(k.get('cinder_1st')).toEqual({ key: 'cinder_1st', kept: "'1st' is not a plain attribute name" });
    expect(k.get('cinder__x')).toEqual({ key: 'cinder__x', kept: "'_x' is not a plain attribute name" });
  });

  it('leaves a name without the prefix alone, and does not strip a prefix that is only part of a word', () => {
    expect(keys(['cinder'], ['debug', 'cinderella_x'])).toEqual({ debug: 'debug', cinderella_x: 'cinderella_x' });
  });

  it('keeps every name with attribute-keys = "ansible"', () => {
    expect(keys(['cinder'], ['cinder_packages', 'packages'], 'ansible')).toEqual({
      cinder_packages: 'cinder_packages',
      packages: 'packages',
    });
  });
});

describe('the symbol table', () => {
  const span = { file: 'x.yml', line: 1, col: 1 };
  const table = (namespace: string, defs: Array<[string, DefinitionKind, string]>) => {
    const t = new SymbolTable(namespace);
    for (const [name, kind, owner] of defs) t.define(name, { kind, owner, span });
    return t;
  };

  it('shortens only what one role owns; the namespace keeps names, and a path finds its variable', () => {
    const t = table('ansible', [
      ['web_port', 'role-default', 'web'],
      ['web_tls', 'role-vars', 'web'],
      ['web_shared', 'role-default', 'web'],
      ['web_shared', 'role-default', 'db'],
      ['web_group', 'group_vars', 'all'],
    ]);
    t.finish((role) => (role === 'web' ? 'site_web' : role));
    expect(t.all().map((s) => [s.name, s.path])).toEqual([
      ['web_group', ['ansible', 'web_group']],
      ['web_port', ['site_web', 'port']],
      ['web_shared', ['ansible', 'web_shared']],
      ['web_tls', ['site_web', 'tls']],
    ]);
    expect(t.atPath(['site_web', 'port'])?.name).toBe('web_port');
    expect(t.atPath(['ansible', 'web_port'])).toBeUndefined();
    expect(t.undeclared('web_input', span).path).toEqual(['ansible', 'web_input']);
    expect(t.atPath(['ansible', 'web_input'])?.name).toBe('web_input');
  });

  it('keeps the names of a cookbook named like the namespace, whose keys it shares', () => {
    const t = table('ansible', [
      ['ansible_groups', 'role-default', 'ansible'],
      ['ansible_port', 'role-default', 'ansible'],
    ]);
    t.finish((role) => role);
    expect(t.all().map((s) => s.path)).toEqual([
      ['ansible', 'ansible_groups'],
      ['ansible', 'ansible_port'],
    ]);
  });

  it('keeps every name with attribute-keys = "ansible"', () => {
    const t = table('ansible', [['web_port', 'role-default', 'web']]);
    t.finish((role) => role, 'ansible');
    expect(t.get('web_port')?.path).toEqual(['web', 'web_port']);
    expect(t.attributeKeys).toBe('ansible');
  });
});

describe('the config switch', () => {
  it('accepts "short" and "ansible" and names the key otherwise', () => {
    expect(validateConfig({ 'attribute-keys': 'ansible' }, 'a2c.toml').config.attributeKeys).toBe('ansible');
    expect(validateConfig({ 'attribute-keys': 'short' }, 'a2c.toml').config.attributeKeys).toBe('short');
    const bad = validateConfig({ 'attribute-keys': 'long' }, 'a2c.toml');
    expect(bad.diagnostics.map((d) => d.message)).toEqual(['attribute-keys: must be "short" or "ansible"']);
  });

  it('reaches the conversion options from ansible2chef.toml, and the default config shows it commented out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-keys-'));
    try {
      mkdirSync(join(dir, 'in'));
      writeFileSync(join(dir, 'ansible2chef.toml'), 'input = "in"\nattribute-keys = "ansible"\n');
      const r = resolveSettings(undefined, {}, dir);
      expect(r.ok && r.settings.options.attributeKeys).toBe('ansible');
      writeFileSync(join(dir, 'ansible2chef.toml'), 'input = "in"\n');
      const d = resolveSettings(undefined, {}, dir);
      expect(d.ok && d.settings.options.attributeKeys).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(defaultConfigText('in', 'out')).toContain('\n# attribute-keys = "short"\n');
  });
});

const PROJECT = {
  'site.yml': '- hosts: web\n  vars:\n    web_debug: true\n  roles:\n    - role: web\n      web_port: 8080\n',
  'inventory/hosts.yml': 'all:\n  children:\n    web:\n      hosts:\n        w1:\n          web_listen: "2001:db8::1"\n',
  'inventory/group_vars/web.yml': 'web_packages: [nginx]\nshared_value: 3\n',
  'roles/web/defaults/main.yml': 'web_packages: [apache2]\nweb_port: 80\nweb_listen: "::1"\nweb_debug: false\npackages: [x]\n',
  'roles/web/tasks/main.yml': [
    '- name: pkgs',
    '  package: { name: "{{ web_packages }}" }',
    '- name: conf',
    '  lineinfile: { path: /etc/web.conf, line: "listen {{ web_listen }}:{{ web_port }}" }',
    '- name: t',
    '  template: { src: web.conf.j2, dest: /etc/web.conf }',
    '- name: shared',
    '  copy: { dest: /tmp/s, content: "{{ shared_value }} {{ needed_input }}" }',
    '',
  ].join('\n'),
  'roles/web/templates/web.conf.j2': 'port={{ web_port }}\ndebug={{ web_debug }}\n',
};

describe('one key everywhere', () => {
  it('attribute file, recipe, template, Policyfile, node file and CONVERSION.md use the short key', async () => {
    const r = await convertProject(PROJECT);
    const attrs = outputText(r, 'web/attributes/default.rb');
    expect(attrs).toContain("default['web']['port'] = 80");
    expect(attrs).toContain("default['web']['listen'] = '::1'");
    expect(attrs).toContain("default['web']['packages'] = ['x']");
    expect(attrs).toContain("default['web']['web_packages'] = ['apache2']");
    const recipe = outputText(r, 'web/recipes/default.rb');
    // Lists at two default components: Chef's merged view would union them, so the shim reads it.
    expect(recipe).toContain("A2C::Jinja.var(node, 'web', 'web_packages')");
    // The IPv6 fix still finds web_listen, read under its short key.
    expect(recipe).toContain("A2C::Net.ipwrap(node['web']['listen'])");
    // Namespace-owned variables keep their names; a required input names the Ansible variable (only
    // interpolated, it is text or an integer: Chef's strict read, checked by A2C::Inputs.check!).
    expect(recipe).toContain("node.read!('ansible', 'shared_value')");
    expect(recipe).toContain("node.read!('ansible', 'needed_input')");
    expect(recipe).toContain("A2C::Inputs.check!(node, 'ansible', WebCookbook::INPUT_CONTRACTS)");
    expect(outputText(r, 'web/libraries/input_contracts.rb')).toMatch(
      /'needed_input' => \{\s*type: :str_or_int,\s*from: 'inferred from its use at roles\/web\/tasks\/main\.yml:8',?\s*\}/,
    );
    expect(outputText(r, 'web/templates/web.conf.erb')).toContain("<%= node['web']['port'] %>");
    expect(outputText(r, 'web/templates/web.conf.erb')).toContain("<%= node['web']['debug'] ? 'True' : 'False' %>");
    const policy = outputText(r, 'policyfiles/site.rb');
    expect(policy).toContain("default['web']['web_packages'] = ['nginx']");
    expect(policy).toContain("default['web']['debug'] = true");
    expect(policy).toContain("override['web']['port'] = 8080");
    expect(policy).toContain("default['ansible']['shared_value'] = 3");
    expect(JSON.parse(outputText(r, 'nodes/w1.json')).normal).toEqual({ web: { listen: '2001:db8::1' } });
    const md = outputText(r, 'CONVERSION.md');
    expect(md).toContain("| `web_port` | `node['web']['port']` |");
    expect(md).toContain(
      "| `web_packages` | `node['web']['web_packages']` (own name kept: 'packages' is also a variable of this cookbook) |",
    );
    expect(md).toContain("| `shared_value` | `node['ansible']['shared_value']` |");
    const kept = r.diagnostics.filter((d) => d.code === 'A2C-ATTRIBUTE-KEY');
    expect(kept.map((d) => [d.severity, d.message, `${d.span?.file}:${d.span?.line}`])).toEqual([
      [
        'info',
        "web_packages keeps its own name as its key, node['web']['web_packages']: 'packages' is also a variable of this cookbook",
        'roles/web/defaults/main.yml:1',
      ],
    ]);
  });

  it('CONVERSION.md lists every variable with its attribute path, sorted', async () => {
    const md = outputText(await convertProject(PROJECT), 'CONVERSION.md');
    const rows = md
      .split('## Variables')[1]!
      .split('\n## ')[0]!
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    const listed = rows.map((l) => /^\| `([^`]+)` \| `([^`]+)`/.exec(l)!.slice(1, 3));
    expect(listed).toEqual([
      ['needed_input', "node['ansible']['needed_input']"],
      ['packages', "node['web']['packages']"],
      ['shared_value', "node['ansible']['shared_value']"],
      ['web_debug', "node['web']['debug']"],
      ['web_listen', "node['web']['listen']"],
      ['web_packages', "node['web']['web_packages']"],
      ['web_port', "node['web']['port']"],
    ]);
  });

  it('attribute-keys = "ansible" keys every variable by its own name, in every file', async () => {
    const r = await convertProject(PROJECT, { attributeKeys: 'ansible' });
    const attrs = outputText(r, 'web/attributes/default.rb');
    for (const k of ['web_packages', 'web_port', 'web_listen', 'web_debug', 'packages'])
      expect(attrs).toContain(`default['web']['${k}'] = `);
    expect(outputText(r, 'web/templates/web.conf.erb')).toContain("<%= node['web']['web_port'] %>");
    expect(outputText(r, 'policyfiles/site.rb')).toContain("override['web']['web_port'] = 8080");
    expect(JSON.parse(outputText(r, 'nodes/w1.json')).normal).toEqual({ web: { web_listen: '2001:db8::1' } });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-ATTRIBUTE-KEY')).toEqual([]);
    const md = outputText(r, 'CONVERSION.md');
    for (const row of md.split('\n').filter((l) => /^\| `[^`]+` \| `node\[/.test(l))) {
      const [, name, path] = /^\| `([^`]+)` \| `node\[.*\['([^']+)'\]`/.exec(row)!;
      expect(path).toBe(name);
    }
  });
});

describe('the bundled example', () => {
  const out = join(REPO, 'cookbooks-out');
  const files = (dir: string, ext: string) =>
    readdirSync(join(out, dir))
      .filter((f) => f.endsWith(ext))
      .map((f) => readFileSync(join(out, dir, f), 'utf8'));
  const cookbooks = ['cinder', 'haproxy', 'keystone', 'rabbitmq'];

  it('no attribute key repeats its cookbook name (attribute files, recipes, templates, Policyfiles)', () => {
    const texts = [
      ...cookbooks.flatMap((c) => [
        ...files(`${c}/attributes`, '.rb'),
        ...files(`${c}/recipes`, '.rb'),
        ...files(`${c}/templates`, '.erb'),
      ]),
      ...files('policyfiles', '.rb'),
    ];
    let keysSeen = 0;
    for (const t of texts) {
      for (const m of t.matchAll(/\['([a-z0-9_]+)'\]\['([^']+)'\]|A2C::Jinja\.var\(node, '([a-z0-9_]+)', '([^']+)'/g)) {
        const [book, key] = m[1] ? [m[1], m[2]!] : [m[3]!, m[4]!];
        if (!cookbooks.includes(book)) continue;
        keysSeen++;
        expect(key.startsWith(`${book}_`), `['${book}']['${key}']`).toBe(false);
      }
    }
    expect(keysSeen).toBeGreaterThan(30);
  });

  it('no node file key repeats its cookbook name', () => {
    let keysSeen = 0;
    for (const t of files('nodes', '.json')) {
      const normal = JSON.parse(t).normal as Record<string, Record<string, unknown>>;
      for (const [book, attrs] of Object.entries(normal)) {
        if (!cookbooks.includes(book)) continue;
        for (const key of Object.keys(attrs)) {
          keysSeen++;
          expect(key.startsWith(`${book}_`), `['${book}']['${key}']`).toBe(false);
        }
      }
    }
    expect(keysSeen).toBeGreaterThan(0);
  });
});
