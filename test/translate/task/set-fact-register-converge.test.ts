// A set_fact reading a registered result is set when its task runs (a ruby_block beside the
// results), so a later template reads the value Ansible would give it. Compared with real
// ansible-playbook: the rendered template, byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

const REPO_ROOT = resolve(new URL('../../..', import.meta.url).pathname);

const tasks = (dest: string) =>
  [
    '- name: Get the version',
    "  command: printf 'HA-Proxy version 2.6.12-1 2023/02/14\\nmore\\n'",
    '  register: version_result',
    '  changed_when: false',
    '- name: Set the version',
    '  set_fact:',
    `    app_version: '{{ version_result.stdout_lines[0] | regex_replace("^HA-?Proxy version (\\d+(\\.\\d+)*).*$", "\\1") }}'`,
    '- name: Write the config',
    `  template: { src: app.conf.j2, dest: ${dest} }`,
    '',
  ].join('\n');
const TEMPLATE = "version={{ app_version }}\n{% if app_version is version('2.4', '>=') %}modern{% else %}legacy{% endif %}\n";

describe('set_fact of a registered result', () => {
  it('is a ruby_block storing the fact, read by later tasks at converge time', async () => {
    const r = await convertRole({ 'tasks/main.yml': tasks('/etc/app.conf'), 'templates/app.conf.j2': TEMPLATE });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted']);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("A2C::Tasks.set_fact(node.run_state, 'app_version', ");
    expect(body.indexOf("'Set the version'")).toBeLessThan(body.indexOf("template '/etc/app.conf'"));
  });

  it('stays a TODO where a skipped task would leave another value readable, or in a loop', async () => {
    const withDefault = await convertRole({
      'tasks/main.yml': tasks('/etc/app.conf'),
      'templates/app.conf.j2': TEMPLATE,
      'defaults/main.yml': 'app_version: "1.0"\n',
    });
    expect(withDefault.tasks[1]?.outcome).toBe('todo');
    expect(withDefault.diagnostics.map((d) => d.message).join('\n')).toContain("'app_version' is also set elsewhere");
    // A loop over a variable (a literal one is unrolled: one ruby_block per item, in order).
    const looped = await convertRole({
      'defaults/main.yml': 'steps: [1, 2]\n',
      'tasks/main.yml': [
        '- command: /bin/true',
        '  register: r',
        '- set_fact:',
        '    x: "{{ r.rc + item }}"',
        '  loop: "{{ steps }}"',
        '',
      ].join('\n'),
    });
    expect(looped.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
    expect(looped.diagnostics.map((d) => d.message).join('\n')).toContain('it is set in a loop');
  });

  it.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
    'renders the template Ansible renders',
    async () => {
      let dest = '';
      const want = withLocalPlay(
        (dir) => {
          dest = join(dir, 'app.conf');
          return {
            'roles/demo/tasks/main.yml': tasks(dest),
            'roles/demo/templates/app.conf.j2': TEMPLATE,
            'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
          };
        },
        (run) => {
          expect(run.status, run.log).toBe(0);
          return readFileSync(dest, 'utf8');
        },
      );
      expect(want).toBe('version=2.6.12\nmodern\n');
      const r = await convertProject({
        'roles/demo/tasks/main.yml': tasks(dest),
        'roles/demo/templates/app.conf.j2': TEMPLATE,
        'site.yml': '- hosts: localhost\n  roles: [demo]\n',
      });
      const out = mkdtempSync(join(tmpdir(), 'a2c-sfr-'));
      try {
        for (const [p, content] of r.files) {
          mkdirSync(dirname(join(out, p)), { recursive: true });
          writeFileSync(join(out, p), content);
        }
        const chef = spawnSync('ruby', [join(REPO_ROOT, 'test/tools/template-vars-chef.rb'), out, 'demo'], { encoding: 'utf8' });
        expect(chef.stderr).toBe('');
        expect(JSON.parse(chef.stdout)).toEqual({ [dest]: want });
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
