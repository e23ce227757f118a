// first_found candidates that can name none of the role's vars files are left out (their facts
// need no translation), and task vars are translated only where they are read.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neverMatches } from '../../src/translate/candidate-shape.js';
import { convertRole, outputText } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIBS = resolve(new URL('../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries');
const ruby = requireOrSkip('ruby', hasTool('ruby'));

const DIST_VERSION = "{{ ansible_facts['distribution'] | lower }}-{{ ansible_facts['distribution_version'] | lower }}.yml";
const CONCAT = "{{ ansible_facts['distribution'] + '-' + ansible_facts['distribution_version'] }}.yml";

describe('neverMatches', () => {
  it('leaves out a candidate whose literal parts no vars file has', () => {
    expect(neverMatches(DIST_VERSION, ['debian.yml', 'redhat.yml', 'main.yml'])).toBe(true);
    expect(neverMatches(CONCAT, ['Debian.yml', 'RedHat.yml'])).toBe(true);
    expect(neverMatches('{{ ansible_os_family }}.yaml', ['Debian.yml'])).toBe(true);
    expect(neverMatches('../vars/{{ ansible_os_family }}-x.yml', ['Debian.yml'])).toBe(true);
  });

  it('keeps a candidate some vars file could be', () => {
    expect(neverMatches(DIST_VERSION, ['debian-12.yml'])).toBe(false);
    expect(neverMatches(CONCAT, ['Debian-11.yml', 'Debian.yml'])).toBe(false);
    expect(neverMatches('vars/{{ ansible_os_family }}.yml', ['Debian.yml'])).toBe(false);
    expect(neverMatches('../vars/{{ ansible_os_family }}.yml', ['Debian.yml'])).toBe(false);
    // A fact can render empty: '-.yml' is still a name the candidate can produce.
    expect(neverMatches(DIST_VERSION, ['-.yml'])).toBe(false);
  });

  it('keeps what it does not understand', () => {
    // A project variable can be undefined (Ansible fails) or hold ',' (first_found splits on it).
    expect(neverMatches('{{ my_os }}-x.yml', ['debian.yml'])).toBe(false);
    expect(neverMatches("{{ ansible_facts['distribution'] | replace('a', '-') }}.yml", ['x.yml'])).toBe(false);
    expect(neverMatches('a,{{ ansible_os_family }}-x.yml', ['a'])).toBe(false);
    expect(neverMatches('{% if true %}x{% endif %}-y.yml', ['debian.yml'])).toBe(false);
    // A fact that is not a plain name (it may be a list or hold anything) is not a wildcard.
    expect(neverMatches("{{ ansible_facts['mounts'] }}-x.yml", ['debian.yml'])).toBe(false);
  });
});

const role = {
  'tasks/main.yml': [
    '- name: Gather variables for each operating system',
    '  include_vars: "{{ lookup(\'first_found\', params) }}"',
    '  vars:',
    '    params:',
    '      files:',
    `        - "${DIST_VERSION}"`,
    '        - "{{ ansible_facts[\'distribution\'] | lower }}.yml"',
    '        - "{{ ansible_facts[\'os_family\'] | lower }}.yml"',
    '      paths:',
    '        - "{{ role_path }}/vars"',
    '',
  ].join('\n'),
  'vars/debian.yml': 'pkg: apt-thing\n',
  'vars/redhat.yml': 'pkg: rpm-thing\n',
};

/** The vars file the printed case picks for an Ohai platform and family, run in real Ruby. */
function pick(attributes: string, platform: string, family: string): string {
  const line = attributes
    .split('\n')
    .find((l) => l.startsWith('case A2C::Tasks.first_found'))!
    .replace(/^case /, '');
  const script = `
    Dir[File.join(ARGV[0], '*.rb')].sort.each { |f| require File.expand_path(f) }
    node = { 'platform' => ARGV[1], 'platform_family' => ARGV[2] }
    def node.read!(*path) = path.reduce(self) { |h, k| h.fetch(k) }
    begin
      print(${line})
    rescue => e
      print "error: #{e.message}"
    end`;
  return spawnSync('ruby', ['-e', script, LIBS, platform, family], { encoding: 'utf8' }).stdout;
}

describe('include_vars with first_found over facts Ohai lacks', () => {
  it('converts when the candidates needing those facts can name no vars file', async () => {
    const r = await convertRole(role);
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain("can name none of the role's vars files on any host are left out:");
    expect(recipe).toContain(DIST_VERSION);
    const attributes = outputText(r, 'demo/attributes/default.rb');
    expect(attributes).not.toContain('distribution_version');
  });

  it.skipIf(!ruby)('picks the file Ansible picks from the remaining candidates', async () => {
    const attributes = outputText(await convertRole(role), 'demo/attributes/default.rb');
    expect(pick(attributes, 'debian', 'debian')).toBe('debian.yml');
    // CentOS: distribution 'centos' has no file; os_family 'RedHat' lowercased does.
    expect(pick(attributes, 'centos', 'rhel')).toBe('redhat.yml');
    expect(pick(attributes, 'ubuntu', 'debian')).toBe('debian.yml');
    // Fedora: no 'fedora.yml'; Ansible's os_family for Fedora is RedHat.
    expect(pick(attributes, 'fedora', 'fedora')).toBe('redhat.yml');
    // A platform the facts table does not know fails the run instead of guessing.
    expect(pick(attributes, 'arch', 'arch')).toMatch(/^error: no Ansible fact value known/);
  });

  it('reads distribution_version on the node when a vars file could be the one it names', async () => {
    const r = await convertRole({ ...role, 'vars/debian-12.yml': 'pkg: x\n' });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(outputText(r, 'demo/attributes/default.rb')).toContain('A2C::Facts.distribution_version(node)');
  });

  it('stays a TODO when a vars file could be the one a fact Ohai lacks names', async () => {
    const files = role['tasks/main.yml'].replace(DIST_VERSION, "{{ ansible_facts['python_version'] }}.yml");
    const r = await convertRole({ ...role, 'tasks/main.yml': files, 'vars/3.11.4.yml': 'pkg: x\n' });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('python_version');
  });
});

describe('task vars are translated where they are read', () => {
  const tasks = (read: string) =>
    `- name: t\n  command: echo ${read}\n  vars:\n    odd: "{{ ansible_facts['python_version'] }}"\n    fine: hello\n`;

  it('an untranslatable var that is not read costs nothing', async () => {
    const r = await convertRole({ 'tasks/main.yml': tasks('{{ fine }}') });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
  });

  it('reading it is a TODO naming the variable and its line', async () => {
    const r = await convertRole({ 'tasks/main.yml': tasks('{{ odd }}') });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    const d = r.diagnostics.find((x) => x.code === 'A2C-TODO-JINJA')!;
    expect(d.message).toContain('variable odd (line 4)');
    expect(d.message).toContain('python_version');
  });

  it('a block var reads a result registered inside the block before its use (translated at the read)', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- block:',
        '    - name: read the serial',
        '      slurp: {src: /etc/pki/serial}',
        '      register: serial',
        '    - name: use it',
        '      copy: {content: "{{ next_serial }}", dest: /etc/pki/next}',
        '  vars:',
        '    next_serial: "{{ serial.content | b64decode }}"',
        '',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    expect(outputText(r, 'demo/recipes/default.rb')).toContain(
      "A2C::Jinja.b64decode(A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, 'serial'), 'content'))",
    );
  });
});
