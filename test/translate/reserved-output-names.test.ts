// Cookbook names that the output layout already uses (the support cookbook, nodes/, policyfiles/)
// are renamed to <name>_role with a diagnostic, so no role is merged into the tool's own folders.
import { describe, expect, it } from 'vitest';
import { convertProject, formatDiagnostic, outputText } from '../helpers/convert-helpers.js';

const role = (name: string) => ({ [`roles/${name}/tasks/main.yml`]: `- debug: msg=from_${name}\n` });

describe('reserved output names', () => {
  it('roles named like the support cookbook, nodes/ and policyfiles/ become <name>_role', async () => {
    const r = await convertProject({
      ...role('nodes'),
      ...role('ansible2chef_support'),
      ...role('policyfiles'),
      ...role('web'),
      'site.yml': '- hosts: all\n  roles: [nodes, ansible2chef_support, policyfiles, web]\n',
      hosts: 'metadata\nweb1\n',
    });
    expect(r.diagnostics.filter((d) => d.code === 'A2C-RESERVED-NAME').map(formatDiagnostic)).toEqual([
      "warning A2C-RESERVED-NAME role ansible2chef_support (roles/ansible2chef_support) would become cookbook 'ansible2chef_support', the name of the support cookbook in the output; it becomes cookbook 'ansible2chef_support_role' (choose another in [cookbook-names])",
      "warning A2C-RESERVED-NAME role nodes (roles/nodes) would become cookbook 'nodes', the name of the node files in the output; it becomes cookbook 'nodes_role' (choose another in [cookbook-names])",
      "warning A2C-RESERVED-NAME role policyfiles (roles/policyfiles) would become cookbook 'policyfiles', the name of the Policyfiles in the output; it becomes cookbook 'policyfiles_role' (choose another in [cookbook-names])",
    ]);
    for (const n of ['nodes', 'ansible2chef_support', 'policyfiles'])
      expect(outputText(r, `${n}_role/recipes/default.rb`)).toContain(`from_${n}`);
    // The tool's own folders hold only what the tool puts there.
    const files = [...r.files.keys()];
    expect(files.filter((p) => p.startsWith('nodes/'))).toEqual(['nodes/metadata.json', 'nodes/web1.json']);
    expect(files.filter((p) => p.startsWith('policyfiles/'))).toEqual(['policyfiles/site.rb']);
    expect(files.some((p) => p.startsWith('ansible2chef_support/recipes/'))).toBe(false);
    expect(outputText(r, 'ansible2chef_support/metadata.rb')).not.toContain('Converted from');
    expect(outputText(r, 'policyfiles/site.rb').replace(/\s+/g, ' ')).toContain(
      "run_list 'nodes_role::default', 'ansible2chef_support_role::default', 'policyfiles_role::default', 'web::default'",
    );
    expect(JSON.parse(outputText(r, 'nodes/metadata.json')).run_list).toContain('recipe[nodes_role::default]');
  });

  it('a reserved name chosen in [cookbook-names] is an error (any case); the role still gets a free name', async () => {
    const r = await convertProject({ ...role('web'), ...role('db') }, { cookbookNames: { web: 'Nodes', db: 'database' } });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      "error A2C-RESERVED-NAME [cookbook-names] maps role web (roles/web) to 'Nodes', the name of the node files in the output; it becomes cookbook 'Nodes_role'",
    ]);
    expect(r.cookbooks.map((c) => c.name).sort()).toEqual(['Nodes_role', 'database']);
  });

  it('a role converted on its own as the input root is renamed too', async () => {
    const r = await convertProject({ 'tasks/main.yml': '- debug: msg=x\n' }, { kind: 'role', rootName: 'nodes' });
    expect(r.cookbooks.map((c) => c.name)).toEqual(['nodes_role']);
    expect(r.files.has('nodes_role/recipes/default.rb')).toBe(true);
  });

  it('a task file named handlers.yml keeps recipe handlers; the handlers take the next free name', async () => {
    const r = await convertProject({
      'roles/r/tasks/main.yml': '- import_tasks: handlers.yml\n',
      'roles/r/tasks/handlers.yml': '- debug: msg=from_task_file\n',
      'roles/r/handlers/main.yml': '- name: h\n  debug: msg=from_handler\n',
    });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(outputText(r, 'r/recipes/handlers.rb')).toContain('from_task_file');
    expect(outputText(r, 'r/recipes/handlers_2.rb')).toContain('from_handler');
    const main = outputText(r, 'r/recipes/default.rb');
    expect(main).toContain("include_recipe 'r::handlers_2'");
    expect(main).toContain("include_recipe 'r::handlers'");
  });

  it('two task files that become one recipe name: an error, the second is a TODO, the first is kept', async () => {
    const r = await convertProject({
      'roles/r/tasks/main.yml': '- debug: msg=main\n',
      'roles/r/tasks/default.yml': '- debug: msg=default_file\n',
      'roles/r/tasks/a/b.yml': '- debug: msg=nested\n',
      'roles/r/tasks/a_b.yml': '- debug: msg=flat\n',
    });
    expect(r.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic)).toEqual([
      "roles/r/tasks/a_b.yml:1:1: error A2C-RECIPE-CLASH task files a/b.yml and a_b.yml both become recipe 'a_b'; only a/b.yml is written (rename a_b.yml)",
      "roles/r/tasks/default.yml:1:1: error A2C-RECIPE-CLASH task files main.yml and default.yml both become recipe 'default'; only main.yml is written (rename default.yml)",
    ]);
    expect(outputText(r, 'r/recipes/default.rb')).toContain("'main'");
    expect(outputText(r, 'r/recipes/a_b.rb')).toContain("'nested'");
    expect(r.stats.todo).toBe(2);
  });

  it('two playbooks that become one Policyfile name: an error; the first is kept', async () => {
    const r = await convertProject({
      ...role('web'),
      'a.yml': '- hosts: web\n  roles: [web]\n',
      'a.yaml': '- hosts: db\n  roles: [web]\n',
      hosts: '[web]\nw1\n[db]\nd1\n',
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      "a.yml:1:3: error A2C-POLICY-CLASH a.yml and a.yaml both become Policyfile 'a'; this play is left out of the Policyfiles and the node run lists (rename one playbook)",
    ]);
    expect(outputText(r, 'policyfiles/a.rb')).toContain('from a.yaml');
  });
});
