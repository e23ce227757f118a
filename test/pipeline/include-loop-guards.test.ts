// A loop over a field some items lack, under a `when` that tests the field (a public tomcat role's
// `include_tasks` looping over `instance.config_files` under `when: instance.config_files is
// defined`): Ansible evaluates the condition before it fails on the list, and skips the item's
// include or task; the converted recipe must not read the missing field either. Compared with the
// real ansible-playbook: the same files are written, and the converted recipe compiles.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole, recipeBody, type TextTree } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

const ready = compileReady({ ansible: true });
const inputs = compileInputs();

/** Instances, only some of which have `parts` and `extras`; each part and extra becomes a file under `dir`. */
function role(dir: string): TextTree {
  return {
    'defaults/main.yml': [
      'instances:',
      '  - name: one',
      '  - name: two',
      '    parts: [a, b]',
      '    extras: [x]',
      '  - name: three',
      '    parts: [c]',
    ].join('\n'),
    'tasks/main.yml': ['- include_tasks: instance.yml', '  loop: "{{ instances }}"', '  loop_control:', '    loop_var: instance'].join(
      '\n',
    ),
    'tasks/instance.yml': [
      '- name: parts',
      '  include_tasks: part.yml',
      '  loop: "{{ instance.parts }}"',
      '  loop_control:',
      '    loop_var: part',
      '  when: instance.parts is defined',
      '- name: extras',
      '  copy:',
      `    dest: "${dir}/{{ instance.name }}-extra-{{ item }}"`,
      '    content: extra',
      '  loop: "{{ instance.extras }}"',
      '  when:',
      '    - instance.extras is defined',
    ].join('\n'),
    'tasks/part.yml': ['- name: part file', '  copy:', `    dest: "${dir}/{{ instance.name }}-{{ part }}"`, '    content: part'].join('\n'),
  };
}

const EXPECTED = ['three-c', 'two-a', 'two-b', 'two-extra-x'];

describe.skipIf(!ready)('a loop over a field the item may lack, under a when testing it', () => {
  it('Ansible skips the items without the field', () => {
    const written = withLocalPlay(
      (dir) => {
        const files: Record<string, string> = {
          'site.yml': '- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n',
        };
        for (const [p, t] of Object.entries(role(join(dir, 'out')))) files[`roles/demo/${p}`] = t as string;
        files['out/.keep'] = '';
        return files;
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readdirSync(join(run.dir, 'out')).filter((f) => f !== '.keep');
      },
    );
    expect(written.sort()).toEqual(EXPECTED);
  });

  it('the converted recipe checks the condition before it reads the list, and declares the same files', async () => {
    const dir = '/tmp/a2c-include-loop';
    const r = await convertRole(role(dir));
    const body = recipeBody(r, 'demo');
    // The include's condition stands around its loop (not on each included resource); the task's likewise,
    // as `next unless` where it ends the instance loop's body (Cookstyle's Style/Next).
    expect(body).toMatch(
      /^ {2}if A2C::Jinja\.is_defined\(A2C::Jinja\.try \{ A2C::Jinja\.attr\(instance, 'parts'\) \}\)\n {4}.*\.each do \|part\|/m,
    );
    expect(body).toMatch(
      /^ {2}next unless A2C::Jinja\.is_defined\(A2C::Jinja\.try \{ A2C::Jinja\.attr\(instance, 'extras'\) \}\)\n\n {2}.*\.each do \|item\|/m,
    );
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    expect(runs[0], JSON.stringify(runs[0])).toMatchObject({ ok: true });
    const files = (runs[0]!.detail ?? [])
      .map((d) => /^file\[(.*)\]$/.exec(d.id)?.[1])
      .filter((p): p is string => p !== undefined)
      .map((p) => p.slice(dir.length + 1));
    expect(files.sort()).toEqual(EXPECTED);
  });
});
