// `!vault` values of groups and hosts: each becomes a chef-vault item of its own, read at run time by
// the attribute file of the cookbooks the host runs, only on the group's or host's nodes; no
// placeholder ever lands in a node file. Checked against real Ansible: each host's value as
// `ansible -m debug` prints it, next to what the converted attribute file sets for that node when
// Ruby evaluates it with each item holding the secret of the source CONVERSION.md names.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertProject, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import type { ConversionResult } from '../../src/convert.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const HOSTS = ['h1', 'h2', 'h3', 'h4', 'h5'];
/** Which file holds which secret (each encrypted with ansible-vault, or a stand-in without it). */
const SECRETS: Record<string, string> = {
  'group_vars/web.yml': 'SECRET_WEB',
  'group_vars/dbs.yml': 'SECRET_DBS',
  'group_vars/prod.yml': 'SECRET_PROD',
  'host_vars/h3.yml': 'SECRET_H3',
};

const haveTools =
  requireOrSkip('ansible-vault', hasTool('ansible-vault')) &&
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('ansible', hasTool('ansible'));

/** A `!vault` block: real ciphertext from ansible-vault, or a fixed stand-in (never decrypted by the converter). */
function vaulted(dir: string, plaintext: string): string {
  if (!haveTools) return `db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  ${Buffer.from(plaintext).toString('hex')}\n`;
  const r = spawnSync('ansible-vault', ['encrypt_string', '--vault-password-file', join(dir, 'pw'), plaintext, '--name', 'db_password'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

function project(dir: string): TextTree {
  return {
    ...Object.fromEntries(Object.entries(SECRETS).map(([f, s]) => [f, vaulted(dir, s)])),
    hosts: '[web]\nh1\nh4\n[dbs]\nh2\nh3\nh4\n[prod]\nh5\n[prod:children]\nweb\ndbs\n',
    'roles/r/tasks/main.yml': '- ansible.builtin.copy:\n    content: "{{ db_password }}"\n    dest: /etc/pw\n',
    'site.yml': '- hosts: web\n  roles: [r]\n- hosts: dbs\n  roles: [r]\n- hosts: prod\n  roles: [r]\n',
  };
}

describe('vault values of groups and hosts', () => {
  let dir = '';
  let files: TextTree = {};
  let result: ConversionResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-vault-'));
    writeFileSync(join(dir, 'pw'), 'vaultpass\n');
    files = project(dir);
    result = await convertProject(files);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes no placeholder into node files', () => {
    for (const h of HOSTS) expect(outputText(result, `nodes/${h}.json`)).not.toMatch(/ansible2chef_vault|db_password/);
  });

  it('gives each vaulted value a chef-vault item of its own, named by its scope', () => {
    const items =
      result.files
        .get('CONVERSION.md')!
        .toString()
        .match(/`ansible2chef_vault\/[^`]+`/g) ?? [];
    expect([...new Set(items)].sort()).toEqual([
      '`ansible2chef_vault/db_password--group-dbs`',
      '`ansible2chef_vault/db_password--group-prod`',
      '`ansible2chef_vault/db_password--group-web`',
      '`ansible2chef_vault/db_password--host-h3`',
    ]);
  });

  it("reads a group's value only on its hosts and a host's only on it, never in a Policyfile", () => {
    const attrs = outputText(result, 'r/attributes/default.rb');
    expect(attrs).toContain(
      "if %w(h1 h4).include?(node.name)\n  force_default['ansible']['db_password'] = A2C::Vault.value('ansible2chef_vault', 'db_password--group-web')\nend",
    );
    expect(attrs).toContain(
      "if node.name == 'h3'\n  force_default['ansible']['db_password'] = A2C::Vault.value('ansible2chef_vault', 'db_password--host-h3')\nend",
    );
    for (const p of result.policies) expect(JSON.stringify(p.attributes)).not.toContain('Vault');
  });

  it('the variables table names the level a vaulted value is written at', () => {
    const row = result.files
      .get('CONVERSION.md')!
      .toString()
      .split('\n')
      .find((l) => l.startsWith('| `db_password` | `node'));
    expect(row).toContain('host_vars/h3.yml:1:1 host_vars/* (9) → cookbook force_default (chef-vault item)');
    expect(row).not.toContain('Policyfile default');
  });

  it('two values of one variable never share an item (role defaults of two roles)', async () => {
    const two = await convertProject({
      'site.yml': '- hosts: all\n  roles: [a, b]\n',
      'roles/a/defaults/main.yml': vaulted(dir, 'SECRET_A'),
      'roles/b/defaults/main.yml': vaulted(dir, 'SECRET_B'),
      'roles/a/tasks/main.yml': '- ansible.builtin.debug: var=db_password\n',
      'roles/b/tasks/main.yml': '- ansible.builtin.debug: var=db_password\n',
    });
    const items = [
      ...outputText(two, 'a/attributes/default.rb').matchAll(/Vault\.value\('ansible2chef_vault', '([^']+)'\)/g),
      ...outputText(two, 'b/attributes/default.rb').matchAll(/Vault\.value\('ansible2chef_vault', '([^']+)'\)/g),
    ].map((m) => m[1]);
    expect(items).toHaveLength(2);
    expect(new Set(items).size).toBe(2);
  });

  it("a play's vaulted var is read only by the nodes of that play's Policyfile", async () => {
    const plays = await convertProject({
      'site.yml': `- hosts: all\n  vars:\n    ${vaulted(dir, 'SECRET_PLAY').trimEnd().replace(/\n/g, '\n    ')}\n  roles: [r]\n- hosts: all\n  roles: [r]\n`,
      'roles/r/tasks/main.yml': '- ansible.builtin.debug: var=db_password\n',
    });
    expect(outputText(plays, 'r/attributes/default.rb')).toMatch(
      /^if node\.policy_name == 'site_play1_all'\n  force_default\['ansible'\]\['db_password'\] = A2C::Vault\.value\('ansible2chef_vault', 'db_password'\)\nend$/m,
    );
  });

  it.skipIf(!haveTools)(
    'every host reads the value Ansible gives it',
    () => {
      for (const [p, t] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, 'in', p)), { recursive: true });
        writeFileSync(join(dir, 'in', p), t);
      }
      const a = spawnSync(
        'ansible',
        ['all', '-i', 'hosts', '-c', 'local', '-m', 'debug', '-a', 'var=db_password', '--vault-password-file', join(dir, 'pw')],
        {
          cwd: join(dir, 'in'),
          encoding: 'utf8',
          env: ansibleEnv(),
        },
      );
      expect(a.status, a.stdout + a.stderr).toBe(0);
      const ansible = Object.fromEntries(
        [...a.stdout.matchAll(/^(\S+) \| SUCCESS => \{\s*"db_password": "([^"]*)"/gm)].map((m) => [m[1]!, m[2]!]),
      );
      expect(Object.keys(ansible).sort()).toEqual(HOSTS);

      // Each item holds the secret of the source CONVERSION.md names for it, as `knife vault create` would.
      const table = result.files.get('CONVERSION.md')!.toString();
      const store = Object.fromEntries(
        [...table.matchAll(/^\| `db_password` \| `ansible2chef_vault\/([^`]+)` \| ([^:]+):/gm)].map((m) => [m[1]!, SECRETS[m[2]!]!]),
      );
      const rb = join(dir, 'attributes.rb');
      writeFileSync(rb, outputText(result, 'r/attributes/default.rb'));
      const ruby = `
      require 'json'
      STORE = JSON.parse(ARGV[1])
      module A2C; module Vault; def self.value(_bag, item) = STORE.fetch(item); end; end
      class Levels < Hash
        def initialize = super { |h, k| h[k] = Levels.new }
      end
      # A node as an attribute file sees it: its name and one hash per precedence level it writes.
      class FakeNode
        attr_reader :name
        def node = self # Chef::Node#node, as attribute files use it
        def initialize(name) = (@name = name; @levels = Hash.new { |h, k| h[k] = Levels.new })
        %w[default force_default normal override].each { |l| define_method(l) { @levels[l] } }
        def winner(*path) = %w[override normal force_default default].map { |l| path.reduce(@levels[l]) { |h, k| h.key?(k) ? h[k] : (break nil) } }.compact.first
      end
      out = JSON.parse(ARGV[2]).to_h { |h| n = FakeNode.new(h); n.instance_eval(File.read(ARGV[0]), ARGV[0]); [h, n.winner('ansible', 'db_password')] }
      puts JSON.generate(out)`;
      const r = spawnSync('ruby', ['-e', ruby, rb, JSON.stringify(store), JSON.stringify(HOSTS)], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(ansible);
    },
    120_000,
  );
});
