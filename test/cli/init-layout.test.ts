// Item 19 of issue 15: `init` records the Ansible project it finds in the directory it is run for,
// so `ansible2chef convert` with no argument then converts that project (before, it always wrote
// `input = "playbooks"`, and a repository with site.yml and roles/ at its top converted nothing).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { ensureBuilt, removeTempDirs, runCli, syntheticProject, tempDir, writeTree } from '../helpers/workflow.js';

beforeAll(() => ensureBuilt());
afterAll(() => removeTempDirs());

/** Run init in a fresh directory laid out as given; the input it recorded and what it printed. */
function init(files: Record<string, string>): { dir: string; input: string | undefined; stdout: string } {
  const dir = tempDir();
  writeTree(dir, files);
  const r = runCli(['init'], dir);
  expect(r.status, r.stderr).toBe(0);
  const text = readFileSync(join(dir, 'ansible2chef.toml'), 'utf8');
  return { dir, input: parseConfig(text, 'ansible2chef.toml').config.input, stdout: r.stdout };
}

const nested = (prefix: string, files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([k, v]) => [`${prefix}/${k}`, v]));

describe('init finds the project', () => {
  it('site.yml and roles/ at the top: input ".", and a bare convert converts it', () => {
    const { dir, input, stdout } = init(syntheticProject(2));
    expect(input).toBe('.');
    expect(stdout).toContain('found site.yml, roles/, inventory/');
    const r = runCli(['convert', '--json'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).rendered).toEqual(['svc000', 'svc001']);
    // The output, inside the input, is not read back: the next run is up to date.
    expect(JSON.parse(runCli(['convert', '--json'], dir).stdout).upToDate).toBe(true);
  });

  it('a playbook of another name and an inventory: input "."', () => {
    const { input } = init({ 'deploy.yml': '- hosts: all\n  tasks: []\n', 'hosts.ini': '[all]\nnode1\n' });
    expect(input).toBe('.');
  });

  it('the project in playbooks/ (this repository\'s layout): input "playbooks"', () => {
    const { input, stdout } = init(nested('playbooks', syntheticProject(1)));
    expect(input).toBe('playbooks');
    expect(stdout).toContain('found playbooks/site.yml');
  });

  it('the project in ansible/: input "ansible"', () => {
    expect(init(nested('ansible', syntheticProject(1))).input).toBe('ansible');
  });

  it('a role, or a directory of roles: input "."', () => {
    expect(init({ 'tasks/main.yml': '- ansible.builtin.debug: msg=hi\n' }).input).toBe('.');
    expect(init({ 'a/tasks/main.yml': '- ansible.builtin.debug: msg=hi\n', 'b/tasks/main.yml': '[]\n' }).input).toBe('.');
  });

  it('nothing recognisable: the tool\'s default "playbooks", and says so', () => {
    const { input, stdout } = init({ 'README.md': '# not ansible\n', 'config.yml': 'a: 1\n' });
    expect(input).toBe('playbooks');
    expect(stdout).toContain('no Ansible project found here');
  });

  it('--input given: recorded as is', () => {
    const dir = tempDir();
    writeTree(dir, syntheticProject(1));
    expect(runCli(['init', '--input', 'elsewhere'], dir).status).toBe(0);
    expect(parseConfig(readFileSync(join(dir, 'ansible2chef.toml'), 'utf8'), 'x').config.input).toBe('elsewhere');
  });
});
