// A variable whose every setter is a TODO (issue 13, the last two corpus failures: apache's
// `apache_default_vhost_filename` from a conditional include_vars, ntp's `__ntp_driftfile` from a
// first_found include_vars without a translation, read through set_fact): every read of it is a
// TODO naming the variable and the task that would set it, never an attribute read that Chef's
// compile phase fails on without a name, and never an undefined value `default()` would replace.
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole, formatDiagnostic, outputText, type TextTree } from '../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const canCompile = compileReady();
const inputs = compileInputs(false);

async function convert(files: TextTree) {
  const r = await convertRole(files);
  const todo = (line: number) => r.tasks.find((t) => t.span.file === 'tasks/main.yml' && t.span.line === line);
  return { r, todo, recipe: outputText(r, 'demo/recipes/default.rb'), diagnostics: r.diagnostics.map(formatDiagnostic) };
}

// The apache shape: a file name set by one of two vars files, each loaded by an include_vars
// conditioned on a version the role computes from a command's output.
const versioned: TextTree = {
  'vars/web-old.yml': 'site_file: 000-default\n',
  'vars/web-new.yml': 'site_file: 000-default.conf\n',
  'defaults/main.yml': 'conf_dir: /etc/web\n',
  'tasks/main.yml': [
    /* 1 */ '- name: Read the version.',
    /* 2 */ '  command: webd -v',
    /* 3 */ '  register: web_version',
    /* 4 */ '  changed_when: false',
    /* 5 */ '- include_vars: web-old.yml',
    /* 6 */ '  when: web_version.stdout is search("/2.2")',
    /* 7 */ '- include_vars: web-new.yml',
    /* 8 */ '  when: web_version.stdout is search("/2.4")',
    /* 9 */ '- name: Remove the default site.',
    /* 10 */ '  file: path="{{ conf_dir }}/sites-enabled/{{ site_file }}" state=absent',
    /* 11 */ '- name: Record the site.',
    /* 12 */ '  copy: { dest: /tmp/site, content: "{{ site_file | default(\'none\') }}" }',
    /* 13 */ '- name: A task that reads neither.',
    /* 14 */ '  file: path="{{ conf_dir }}" state=directory',
  ].join('\n'),
};

// The ntp shape: the OS vars come from a first_found whose search path leaves the role, so the
// include_vars has no translation; set_fact copies them into the names the tasks, a template
// and a handler read.
const osVars: TextTree = {
  'vars/Debian.yml': '__clock_daemon: chronyd\n__clock_package: chrony\n',
  'vars/RedHat.yml': '__clock_daemon: chronyd\n__clock_package: chrony\n',
  'defaults/main.yml': 'clock_servers: [0.pool.example]\n',
  'templates/clock.conf.j2': 'daemon {{ clock_daemon }}\n{% for s in clock_servers %}server {{ s }}\n{% endfor %}',
  'handlers/main.yml': '- name: restart clock\n  service: name="{{ clock_daemon }}" state=restarted\n',
  'tasks/main.yml': [
    /* 1 */ '- name: OS variables.',
    /* 2 */ '  include_vars: "{{ item }}"',
    /* 3 */ '  with_first_found:',
    /* 4 */ '    - files: ["{{ ansible_os_family }}.yml"]',
    /* 5 */ '      paths: ["{{ role_path }}/vars", /etc/site-vars]',
    /* 6 */ '- set_fact:',
    /* 7 */ '    clock_daemon: "{{ __clock_daemon }}"',
    /* 8 */ '  when: clock_daemon is not defined',
    /* 9 */ '- name: Install.',
    /* 10 */ '  package: name="{{ __clock_package }}" state=present',
    /* 11 */ '- name: Configure.',
    /* 12 */ '  template: src=clock.conf.j2 dest=/etc/clock.conf',
    /* 13 */ '  notify: restart clock',
    /* 14 */ '- name: Run.',
    /* 15 */ '  service: name="{{ clock_daemon }}" state=started',
    /* 16 */ '- name: Servers.',
    /* 17 */ '  copy: { dest: /tmp/servers, content: "{{ clock_servers | join(\',\') }}" }',
  ].join('\n'),
};

describe('a variable every setter of which is a TODO', () => {
  it('apache shape: each read is a TODO naming the variable and both conditional include_vars tasks', async () => {
    const { todo, recipe, r } = await convert(versioned);
    expect(todo(5)).toMatchObject({ outcome: 'todo', code: 'A2C-TODO-INCLUDE-VARS' });
    expect(todo(7)).toMatchObject({ outcome: 'todo', code: 'A2C-TODO-INCLUDE-VARS' });
    for (const line of [9, 11]) {
      const t = todo(line)!;
      expect(t.outcome).toBe('todo');
      expect(t.reason).toContain('variable site_file is set only by the vars files vars/web-new.yml, vars/web-old.yml');
      expect(t.reason).toContain(
        "tasks/main.yml:5 (conditional include_vars whose condition reads 'web_version' (not only facts) is not converted)",
      );
      expect(t.reason).toContain(
        "tasks/main.yml:7 (conditional include_vars whose condition reads 'web_version' (not only facts) is not converted)",
      );
    }
    // `default('none')` would give 'none' where Ansible gives the vars file's value.
    const code = recipe
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    expect(code).not.toMatch(/'none'|site_file/);
    expect(todo(13)).toMatchObject({ outcome: 'converted' });
    // The report's variable table does not claim the vars files are written as attributes.
    const row = outputText(r, 'CONVERSION.md')
      .split('\n')
      .find((l) => l.startsWith('| `site_file` |'))!;
    expect(row.match(/→ not written \(no converted include_vars task loads this file/g)).toHaveLength(2);
    expect(row).not.toContain('cookbook override');
  });

  it('ntp shape: set_fact from such a variable is a TODO, and so is every read of what it sets (task, template, handler)', async () => {
    const { todo, recipe, r, diagnostics } = await convert(osVars);
    expect(todo(1)!.outcome).toBe('todo');
    expect(todo(1)!.reason).toContain("first_found path /etc/site-vars is not the role's vars folder");
    expect(todo(6)!.reason).toContain(
      'variable __clock_daemon is set only by the vars files vars/Debian.yml, vars/RedHat.yml, which only the include_vars task without a translation would load: tasks/main.yml:1',
    );
    expect(todo(9)!.reason).toContain('variable __clock_package is set only by');
    const bySetFact =
      'variable clock_daemon is set only by the set_fact task at tasks/main.yml:6 (it reads __clock_daemon), which has no translation';
    expect(todo(14)!.reason).toContain(bySetFact);
    expect(todo(11)!.reason).toContain('template clock.conf.j2 could not be translated');
    expect(diagnostics.filter((d) => d.startsWith('templates/clock.conf.j2:1:')).join('\n')).toContain(bySetFact);
    const handlers = outputText(r, 'demo/recipes/handlers.rb');
    expect(handlers).toContain('TODO(ansible2chef)');
    expect(handlers).toContain('variable clock_daemon is set only by the set_fact task at tasks/main.yml:6');
    expect(todo(16)).toMatchObject({ outcome: 'converted' });
    expect(
      recipe
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n'),
    ).not.toMatch(/__clock_|clock_daemon|run_state/);
  });

  it('a vars file a converted include_vars loads stays an attribute (the same role with a static include_vars)', async () => {
    const files = {
      ...versioned,
      'tasks/main.yml':
        '- include_vars: web-new.yml\n- name: Remove the default site.\n  file: path="/etc/web/{{ site_file }}" state=absent\n',
    };
    const { r, todo, recipe } = await convert(files);
    expect(todo(2)).toMatchObject({ outcome: 'converted' });
    expect(recipe).toContain("node.read!('demo', 'site_file')");
    expect(outputText(r, 'demo/attributes/default.rb')).toContain("override['demo']['site_file'] = '000-default.conf'");
  });

  it('include_vars looped over literal file names converts one per item (a looped "{{ item }}" was a first_found case reading item in the attribute file)', async () => {
    const files = {
      ...versioned,
      'tasks/main.yml':
        '- include_vars: "{{ item }}"\n  with_items: [web-old.yml, web-new.yml]\n- name: Remove the default site.\n  file: path="/etc/web/{{ site_file }}" state=absent\n',
    };
    const { r, todo } = await convert(files);
    expect(todo(1)).toMatchObject({ outcome: 'converted' });
    expect(todo(3)).toMatchObject({ outcome: 'converted' });
    expect(outputText(r, 'demo/attributes/default.rb')).not.toMatch(/\bitem\b/);
  });

  it('a conditional first_found include_vars is a TODO (its case in the attribute file would set the values on every run)', async () => {
    const files = {
      ...osVars,
      'tasks/main.yml':
        '- include_vars: "{{ ansible_os_family }}.yml"\n  when: clock_enabled | bool\n- name: Install.\n  package: name="{{ __clock_package }}" state=present\n',
    };
    const { r, todo } = await convert(files);
    expect(todo(1)).toMatchObject({
      outcome: 'todo',
      reason: "conditional include_vars whose condition reads 'clock_enabled' (not only facts) is not converted",
    });
    expect(todo(3)!.reason).toContain('variable __clock_package is set only by the vars files vars/Debian.yml, vars/RedHat.yml');
    expect(r.files.has('demo/attributes/default.rb') ? outputText(r, 'demo/attributes/default.rb') : '').not.toContain('first_found');
  });

  it('a variable a converted source sets too is a TODO where a TODO include_vars would replace its value (apache ports items)', async () => {
    // The role's vars (and its defaults) set listen_items; on a host where the conditional include_vars
    // runs, Ansible reads web-new.yml's value instead, which the cookbook never sets.
    const files = {
      ...versioned,
      'vars/web-new.yml': 'listen_items: ["Listen {{ listen_ip }}:80"]\n',
      'vars/main.yml': 'listen_items: ["Listen 80"]\n',
      'defaults/main.yml': 'conf_dir: /etc/web\nlisten_ip: "::"\nsite_root: /srv/www\n',
      'tasks/main.yml': [
        /* 1 */ '- name: Read the version.',
        /* 2 */ '  command: webd -v',
        /* 3 */ '  register: web_version',
        /* 4 */ '  changed_when: false',
        /* 5 */ '- include_vars: web-new.yml',
        /* 6 */ '  when: web_version.stdout is search("/2.4")',
        /* 7 */ '- name: Listen.',
        /* 8 */ '  lineinfile: { path: "{{ conf_dir }}/ports.conf", line: "{{ item }}" }',
        /* 9 */ '  with_items: "{{ listen_items }}"',
        /* 10 */ '- name: Root.',
        /* 11 */ '  file: path="{{ site_root }}" state=directory',
      ].join('\n'),
    };
    const { todo, recipe } = await convert(files);
    expect(todo(5)).toMatchObject({ outcome: 'todo', code: 'A2C-TODO-INCLUDE-VARS' });
    expect(todo(7)).toMatchObject({ outcome: 'todo', code: 'A2C-TODO-UNSET-READ' });
    expect(todo(7)!.reason).toContain('variable listen_items is set by the vars file vars/web-new.yml, which only the include_vars task');
    expect(todo(7)!.reason).toContain('on a host where that task runs, its value replaces the 1 other definition');
    expect(recipe).not.toContain("'Listen 80'");
    expect(todo(10)).toMatchObject({ outcome: 'converted' });
  });

  it('a vars file no task loads replaces nothing: the other definition stays the value read', async () => {
    const files = {
      ...versioned,
      'vars/unused.yml': 'site_file: never-loaded\n',
      'vars/main.yml': 'site_file: 000-default.conf\n',
      'tasks/main.yml': '- name: Remove the default site.\n  file: path="/etc/web/{{ site_file }}" state=absent\n',
    };
    const { todo, recipe } = await convert(files);
    expect(todo(1)).toMatchObject({ outcome: 'converted' });
    expect(recipe).toContain("node.read!('demo', 'site_file')");
  });

  it.skipIf(!canCompile)('both shapes compile in Chef: nothing reads an attribute no converted task sets', async () => {
    for (const files of [versioned, osVars]) {
      const runs = compileCheck((await convertRole(files)).files, inputs);
      expect(runs.map((x) => x.outcome)).toEqual(['ok']);
    }
  });
});
