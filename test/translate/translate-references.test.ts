// Attribute files are evaluated top to bottom (Ansible resolves variables lazily), and a cookbook
// reads another's attributes only once that cookbook's attribute files are loaded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

describe('attribute order and cookbook dependencies', () => {
  it('assigns a value before a default that reads it, even when vars/ defines it', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'app_user: "{{ __app_user }}"\napp_home: "/home/{{ app_user }}"\n',
      'vars/main.yml': '__app_user: svc\n',
      'tasks/main.yml': '- debug: msg="{{ app_home }}"\n',
    });
    const text = outputText(r, 'demo/attributes/default.rb');
    const at = (s: string) => text.indexOf(s);
    expect(at("override['demo']['__app_user']")).toBeGreaterThan(0);
    expect(at("override['demo']['__app_user']")).toBeLessThan(at("default['demo']['app_user']"));
    expect(at("default['demo']['app_user']")).toBeLessThan(at("default['demo']['app_home']"));
    const ruby = requireOrSkip('ruby', hasTool('ruby'));
    if (!ruby) return;
    // Evaluated like Chef does (top to bottom) against a Hash-backed node, the file reads nothing unset.
    const script = `
      require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'
      class Level < Hash; def [](k); key?(k) ? fetch(k) : (self[k] = Level.new); end; end
      NODE = Level.new
      def node = NODE
      def default = NODE
      def override = NODE
      eval(File.read(ARGV[0]))
      print NODE['demo']['app_home']`;
    const dir = mkdtempSync(join(tmpdir(), 'a2c-attr-order-'));
    try {
      const file = join(dir, 'default.rb');
      writeFileSync(file, text);
      const run = spawnSync('ruby', ['-e', script, file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('/home/svc');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("splits a vars file's case where one of its values waits for a default that reads another of them", async () => {
    // Ansible reads lazily: _app_repo reads app_repo_url, which reads _app_repo_url of the same file.
    // One case for the whole file would put the default before or after both; either fails at load.
    const vars = (os: string) => `_app_repo_url: "https://example.org/${os}"\n_app_repo:\n  uri: "{{ app_repo_url }}"\n`;
    const r = await convertRole({
      'defaults/main.yml': 'app_repo_url: "{{ _app_repo_url | default(null) }}"\n',
      'vars/debian.yml': vars('debian'),
      'vars/redhat.yml': vars('redhat'),
      'tasks/main.yml':
        '- include_vars: "{{ item }}"\n  with_first_found:\n    - "{{ ansible_os_family | lower }}.yml"\n- debug: msg="{{ _app_repo.uri }}"\n',
    });
    const text = outputText(r, 'demo/attributes/default.rb');
    const at = (s: string) => text.indexOf(s);
    expect(at("override['demo']['_app_repo_url'] = 'https://example.org/redhat'")).toBeGreaterThan(0);
    expect(at("override['demo']['_app_repo_url'] = 'https://example.org/redhat'")).toBeLessThan(at("default['demo']['app_repo_url']"));
    expect(at("default['demo']['app_repo_url']")).toBeLessThan(at("override['demo']['_app_repo'] ="));
    expect(text.match(/^case /gm)).toHaveLength(2);
  });

  it('depends on the cookbook whose attributes it reads', async () => {
    const r = await convertProject({
      'site.yml': '- hosts: all\n  roles: [web, db]\n',
      'roles/db/defaults/main.yml': 'db_port: 5432\n',
      'roles/db/tasks/main.yml': '- debug: msg=db\n',
      'roles/web/tasks/main.yml': '- debug: msg="{{ db_port }}"\n',
    });
    expect(outputText(r, 'web/metadata.rb')).toContain("depends 'db'");
    expect(outputText(r, 'db/metadata.rb')).not.toContain("depends 'web'");
  });
});
