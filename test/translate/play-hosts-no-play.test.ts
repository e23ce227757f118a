// A role no play of the input runs: with --groups search, the play's hosts are the nodes whose run
// list carries the role's recipe (Chef search, sorted by name), and run_once runs on the first of
// them; with static groups both read the play's hosts the Policyfile running the role sets (the
// generated ones where a play runs it), in inventory order.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { REPO_ROOT, SHARED } from '../helpers/shared.js';
import { resourceSchema } from '../../src/scripts/chef-compile.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const PROJECT = {
  'inventory.ini': '[keystone]\nks1\nks2\n',
  'roles/keystone/vars/main.yml': '_keystone_is_first_play_host: "{{ inventory_hostname == ansible_play_hosts[0] }}"\n',
  'roles/keystone/tasks/main.yml': [
    '- name: Bootstrap the service',
    '  command: keystone-manage bootstrap',
    '  run_once: true',
    '- name: Say whether first',
    '  debug:',
    '    msg: "{{ _keystone_is_first_play_host }} of {{ ansible_play_hosts_all | length }}"',
    '',
  ].join('\n'),
};

describe('the play hosts of a role no play runs', () => {
  it('are the nodes whose run list carries its recipe with --groups search', async () => {
    const r = await convertProject(PROJECT, { groups: 'search' });
    const recipe = outputText(r, 'keystone/recipes/default.rb');
    expect(recipe).toContain("A2C::Jinja.recipe_nodes(node, 'keystone')");
    expect(recipe).not.toContain('TODO');
    expect(r.diagnostics.filter((d) => d.code === 'A2C-RUN-ONCE')).toHaveLength(1);
    expect(r.diagnostics.some((d) => d.code === 'A2C-PLAY-HOSTS' && d.message.includes('recipe[keystone]'))).toBe(true);
    expect(outputText(r, 'CONVERSION.md')).toContain('whose run list carries recipe[keystone]');
  });

  it('are read with static groups from the attribute the Policyfile running the role sets', async () => {
    const r = await convertProject(PROJECT);
    const recipe = outputText(r, 'keystone/recipes/default.rb');
    expect(recipe).toContain("A2C::Jinja.play_hosts(node, 'ansible', 'keystone')");
    expect(recipe).not.toContain('recipe_nodes');
    expect(recipe).not.toContain('TODO');
    expect(r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO'))).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === 'A2C-RUN-ONCE')).toHaveLength(1);
    // CONVERSION.md says what the operator sets, and where.
    expect(outputText(r, 'CONVERSION.md')).toContain(
      "reads node['ansible']['ansible_play_hosts']: the Policyfile that runs recipe[keystone] sets it to the hosts of its play, in inventory order",
    );
    expect(outputText(r, 'CONVERSION.md')).toContain(
      "## The play's hosts\n\nThese cookbooks read Ansible's play hosts (`ansible_play_hosts`, `ansible_play_hosts_all`,\n`ansible_play_batch`, `play_hosts`) from `node['ansible']['ansible_play_hosts']`",
    );
    expect(outputText(r, 'CONVERSION.md')).toContain('| `keystone` | none: set it in the Policyfile that runs `recipe[keystone]` |');
  });

  it('are read the same way, with static groups, when another role includes the role', async () => {
    const r = await convertProject({ ...PROJECT, 'roles/api/tasks/main.yml': '- include_role:\n    name: keystone\n' });
    expect(outputText(r, 'keystone/recipes/default.rb')).toContain("A2C::Jinja.play_hosts(node, 'ansible', 'keystone')");
  });

  it('are set by the Policyfile of each play that runs the role, each to its own hosts in inventory order', async () => {
    const r = await convertProject({
      ...PROJECT,
      'inventory.ini': '[keystone]\nks2\nks1\n[api]\napi1\n[other]\nx1\n',
      'site.yml':
        '- hosts: keystone\n  roles: [keystone]\n- hosts: api\n  roles: [keystone]\n- hosts: other\n  tasks: [{debug: {msg: hi}}]\n',
    });
    expect(outputText(r, 'policyfiles/site_play1_keystone.rb')).toContain("default['ansible']['ansible_play_hosts'] = %w(ks2 ks1)");
    expect(outputText(r, 'policyfiles/site_play2_api.rb')).toContain("default['ansible']['ansible_play_hosts'] = ['api1']");
    // A play whose cookbooks do not read them does not carry them.
    expect(outputText(r, 'policyfiles/site_play3_other.rb')).not.toContain('ansible_play_hosts');
    expect(outputText(r, 'CONVERSION.md')).toContain(
      '| `keystone` | `policyfiles/site_play1_keystone.rb`, `policyfiles/site_play2_api.rb` |',
    );
    expect(outputText(r, 'keystone/recipes/default.rb')).toContain("A2C::Jinja.play_hosts(node, 'ansible', 'keystone')");
  });

  it('with serial, read the hosts the Policyfile sets (Ansible lists them whatever the batch); run_once and the batch stay TODOs', async () => {
    const r = await convertProject({
      ...PROJECT,
      'roles/keystone/tasks/main.yml': `${PROJECT['roles/keystone/tasks/main.yml']}- name: Batch\n  debug:\n    msg: "{{ ansible_play_batch }}"\n`,
      'site.yml': '- hosts: keystone\n  serial: 1\n  roles: [keystone]\n',
    });
    const recipe = outputText(r, 'keystone/recipes/default.rb');
    expect(recipe).toContain("A2C::Jinja.length(A2C::Jinja.play_hosts(node, 'ansible', 'keystone'))");
    expect(outputText(r, 'policyfiles/site.rb')).toContain("default['ansible']['ansible_play_hosts'] = %w(ks1 ks2)");
    const todos = r.diagnostics.filter((d) => d.message.includes('has serial')).map((d) => d.code);
    expect(todos.sort()).toEqual(['A2C-TODO-JINJA', 'A2C-TODO-PUSH-MODEL']);
    expect(r.diagnostics.find((d) => d.code === 'A2C-TODO-JINJA')?.message).toContain("magic variable 'ansible_play_batch'");
  });

  it('stay TODOs when another role includes the role, even with --groups search', async () => {
    const r = await convertProject(
      { ...PROJECT, 'roles/api/tasks/main.yml': '- include_role:\n    name: keystone\n' },
      { groups: 'search' },
    );
    expect(outputText(r, 'keystone/recipes/default.rb')).not.toContain('recipe_nodes');
    expect(r.diagnostics.some((d) => d.message.includes('another role depends on it or includes it'))).toBe(true);
  });

  // Each node's run compiled by the compile-phase harness, Chef search standing in for a server
  // that holds ks1 and ks3 (saved by earlier runs, in no order); ks0 and ks2 run for the first time.
  const SEARCH_RUNS = `
    require 'json'
    require File.join(ARGV[0], 'test/tools/chef-compile')
    module Chef; module Search; class Query
      def search(type, query)
        raise "index #{type}" unless type == :node
        raise "query #{query}" unless query == 'recipes:keystone OR recipes:keystone\\\\:\\\\:default'
        %w(ks3 ks1).each { |n| yield Struct.new(:name).new(n) }
      end
    end; end; end
    input = JSON.parse($stdin.read)
    dir = input['cookbooks']
    Dir[File.join(dir, 'ansible2chef_support', 'libraries', '*.rb')].sort.each { |f| load f }
    out = %w(ks0 ks1 ks2 ks3).to_h do |name|
      file = File.join(dir, "#{name}.json")
      File.write(file, JSON.generate('name' => name))
      run = ChefCompile::Run.new({ 'cookbooks' => dir, 'run_list' => ['keystone::default'], 'node' => file }, {}, input['resources'])
      run.compile
      res = run.instance_variable_get(:@resources)
      guard = res.find { |r| r.type == 'execute' }.properties['only_if']
      [name, [guard.block.call, res.find { |r| r.type == 'log' }.properties['message']]]
    end
    print JSON.generate(out)`;
  const ruby = requireOrSkip('ruby', hasTool('ruby'));
  it.skipIf(!ruby)('run_once runs on the first node by name of those carrying the recipe (compile harness)', async () => {
    const r = await convertProject(PROJECT, { groups: 'search' });
    const dir = mkdtempSync(join(tmpdir(), 'a2c-play-hosts-'));
    try {
      for (const [path, content] of r.files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      const input = { cookbooks: dir, resources: resourceSchema(join(SHARED, 'chef/resources.json')) };
      const run = spawnSync('ruby', ['-e', SEARCH_RUNS, REPO_ROOT], { input: JSON.stringify(input), encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({
        ks0: [true, 'True of 3'],
        ks1: [true, 'True of 2'],
        ks2: [false, 'False of 3'],
        ks3: [false, 'False of 2'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Once every node carrying the recipe has been saved, each node sees the same list. Against
  // ansible-playbook running the role in a play over those hosts listed by name (the order Chef
  // search gives; with another inventory order Ansible's first host differs, as the note says).
  const DIFF_ROLE = {
    'roles/keystone/vars/main.yml': PROJECT['roles/keystone/vars/main.yml'],
    'roles/keystone/tasks/main.yml': [
      '- name: once',
      '  shell: "echo {{ inventory_hostname }} >> {{ out }}/once"',
      '  run_once: true',
      '- name: say',
      '  debug:',
      '    msg: "{{ _keystone_is_first_play_host }} of {{ ansible_play_hosts_all | length }}"',
      '',
    ].join('\n'),
  };
  const HOSTS = ['ks0', 'ks1', 'ks3'];
  /**
   * The role run by ansible-playbook over `inventory` (hosts on the local connection): the project it
   * ran, what the `say` task printed on each host, and the hosts the run_once task ran on (its `once` file in `dir`).
   */
  const ansiblePlay = (dir: string, inventory: string) => {
    const files = {
      ...DIFF_ROLE,
      'site.yml': '- hosts: keystone\n  gather_facts: false\n  roles: [keystone]\n',
      'inventory.ini': inventory,
    };
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, 'in', path)), { recursive: true });
      writeFileSync(join(dir, 'in', path), content);
    }
    const play = spawnSync('/usr/bin/python3', ['/usr/bin/ansible-playbook', '-i', 'inventory.ini', 'site.yml', '-e', `out=${dir}`], {
      cwd: join(dir, 'in'),
      encoding: 'utf8',
      env: ansibleEnv({ ANSIBLE_STDOUT_CALLBACK: 'json' }),
    });
    expect(play.status, play.stderr).toBe(0);
    const said = (JSON.parse(play.stdout) as { plays: Array<{ tasks: Array<{ hosts: Record<string, { msg?: string }> }> }> }).plays[0]!
      .tasks[1]!.hosts;
    const ranOn = readFileSync(join(dir, 'once'), 'utf8').split('\n').filter(Boolean);
    return { files, said, ranOn };
  };
  const SETTLED_RUNS = (out: string) => `
    require 'json'
    require File.join(ARGV[0], 'test/tools/chef-compile')
    module Chef; module Search; class Query
      def search(_type, _query)
        %w(ks3 ks0 ks1).each { |n| yield Struct.new(:name).new(n) }
      end
    end; end; end
    input = JSON.parse($stdin.read)
    dir = input['cookbooks']
    Dir[File.join(dir, 'ansible2chef_support', 'libraries', '*.rb')].sort.each { |f| load f }
    out = ${JSON.stringify(HOSTS)}.to_h do |name|
      file = File.join(dir, "#{name}.json")
      File.write(file, JSON.generate('name' => name, 'normal' => { 'ansible' => { 'out' => ${JSON.stringify(out)} } }))
      run = ChefCompile::Run.new({ 'cookbooks' => dir, 'run_list' => ['keystone::default'], 'node' => file }, {}, input['resources'])
      run.compile
      res = run.instance_variable_get(:@resources)
      [name, [res.find { |r| r.type == 'execute' }.properties['only_if'].block.call, res.find { |r| r.type == 'log' }.properties['message']]]
    end
    print JSON.generate(out)`;
  const ansible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
  it.skipIf(!ruby || !ansible)('agree with ansible-playbook once every carrier is saved, hosts listed by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-play-hosts-ansible-'));
    try {
      const inventory = `[keystone]\n${HOSTS.map((h) => `${h} ansible_connection=local`).join('\n')}\n`;
      const { said, ranOn } = ansiblePlay(dir, inventory);
      const expected = Object.fromEntries(HOSTS.map((h) => [h, [ranOn.includes(h), said[h]!.msg]]));

      // The converted role alone, as the corpus holds such roles: no play runs it.
      const r = await convertProject({ ...DIFF_ROLE, 'inventory.ini': inventory }, { groups: 'search' });
      const outDir = join(dir, 'out');
      for (const [path, content] of r.files) {
        mkdirSync(dirname(join(outDir, path)), { recursive: true });
        writeFileSync(join(outDir, path), content);
      }
      const input = { cookbooks: outDir, resources: resourceSchema(join(SHARED, 'chef/resources.json')) };
      const chef = spawnSync('ruby', ['-e', SETTLED_RUNS(dir), REPO_ROOT], { input: JSON.stringify(input), encoding: 'utf8' });
      expect(chef.stderr).toBe('');
      expect(ranOn).toEqual(['ks0']);
      expect(JSON.parse(chef.stdout)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Static groups: the play's hosts are what the Policyfile running the node sets. Against
  // ansible-playbook on an inventory that is not in name order (ks3 first), both ways: the role
  // converted alone, run by a Policyfile an operator writes, and the role converted with the play,
  // run by the generated Policyfile. Each node compiled by the compile-phase harness.
  const STATIC_HOSTS = ['ks3', 'ks0', 'ks1'];
  const STATIC_RUNS = (out: string, policy: string) => `
    require 'json'
    require File.join(ARGV[0], 'test/tools/chef-compile')
    input = JSON.parse($stdin.read)
    dir = input['cookbooks']
    Dir[File.join(dir, 'ansible2chef_support', 'libraries', '*.rb')].sort.each { |f| load f }
    out = ${JSON.stringify(STATIC_HOSTS)}.to_h do |name|
      file = File.join(dir, "#{name}.json")
      File.write(file, JSON.generate('name' => name, 'normal' => { 'ansible' => { 'out' => ${JSON.stringify(out)} } }))
      run = ChefCompile::Run.new({ 'cookbooks' => dir, 'policyfile' => File.join(dir, ${JSON.stringify(policy)}), 'node' => file }, {}, input['resources'])
      begin
        run.compile
      rescue A2C::Jinja::RequiredInput => e
        next [name, e.message]
      end
      res = run.instance_variable_get(:@resources)
      [name, [res.find { |r| r.type == 'execute' }.properties['only_if'].block.call, res.find { |r| r.type == 'log' }.properties['message']]]
    end
    print JSON.generate(out)`;
  it.skipIf(!ruby || !ansible)('agree with ansible-playbook with static groups, in inventory order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-play-hosts-static-'));
    const inventory = `[keystone]\n${STATIC_HOSTS.map((h) => `${h} ansible_connection=local`).join('\n')}\n`;
    const chefRuns = async (files: Record<string, string>, name: string, policy: string, extra: Record<string, string> = {}) => {
      const r = await convertProject(files);
      const outDir = join(dir, name);
      for (const [path, content] of [...r.files, ...Object.entries(extra)]) {
        mkdirSync(dirname(join(outDir, path)), { recursive: true });
        writeFileSync(join(outDir, path), content);
      }
      const input = { cookbooks: outDir, resources: resourceSchema(join(SHARED, 'chef/resources.json')) };
      const chef = spawnSync('ruby', ['-e', STATIC_RUNS(dir, policy), REPO_ROOT], { input: JSON.stringify(input), encoding: 'utf8' });
      expect(chef.stderr).toBe('');
      return JSON.parse(chef.stdout) as Record<string, unknown>;
    };
    try {
      const { files, said, ranOn } = ansiblePlay(dir, inventory);
      expect(ranOn).toEqual(['ks3']);
      const expected = Object.fromEntries(STATIC_HOSTS.map((h) => [h, [ranOn.includes(h), said[h]!.msg]]));

      // The role alone (no play runs it): the operator's Policyfile sets the play's hosts.
      const operator = "name 'keystone_hosts'\nrun_list 'keystone::default'\ndefault['ansible']['ansible_play_hosts'] = %w(ks3 ks0 ks1)\n";
      const alone = { ...DIFF_ROLE, 'inventory.ini': inventory };
      expect(await chefRuns(alone, 'alone', 'policyfiles/operator.rb', { 'policyfiles/operator.rb': operator })).toEqual(expected);
      // Without it, the run stops naming what to set and where.
      const unset = "name 'keystone_hosts'\nrun_list 'keystone::default'\n";
      const stopped = await chefRuns(alone, 'unset', 'policyfiles/unset.rb', { 'policyfiles/unset.rb': unset });
      expect(stopped.ks0).toBe(
        "the play's hosts (ansible_play_hosts) are not set: set node['ansible']['ansible_play_hosts'] in the Policyfile that runs recipe[keystone] to the hosts of its play, in inventory order",
      );
      // With the play: the generated Policyfile sets them.
      expect(await chefRuns(files, 'played', 'policyfiles/site.rb')).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
