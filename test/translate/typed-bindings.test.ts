// A task var, or a variable computed where it is used, read whole (`dest: "{{ path }}"`,
// `when: on | bool`) is the value its own translation gives: where that translation proved the
// value's type (text convert_data keeps, a boolean), the read needs no A2C::Jinja helper. Text
// that may read back as a list keeps A2C::Jinja.convert_data. Compared with real ansible-playbook:
// the converted run (compiled, then converged) writes the same file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, recipeBody } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { convergedEvents } from '../helpers/converged-file.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

const TASKS = [
  '- set_fact: {seen: true}',
  '- name: Shown',
  '  copy:',
  '    dest: "{{ path_v }}"',
  // listish is `[1, 2]` re-read as a list (length 2); plain_v is text (its length); is_on a boolean.
  '    content: "{{ listish | length }}|{{ plain_v | length }}|{{ is_on }}|{{ alias }}|{{ same | length }}|{{ ansible_check_mode }}\\n"',
  '  vars:',
  '    path_v: "{{ base }}/shown-{{ tag }}.txt"',
  '    listish: "[{{ nums }}]"',
  '    plain_v: "/{{ nums }}"',
  '    alias: "{{ path_v }}"',
  '    same: "{{ listish }}"',
  '- name: Gated',
  '  file: {path: "{{ base }}/gated", state: touch}',
  '  when: is_on | bool',
  '- name: Not gated',
  '  file: {path: "{{ base }}/never", state: touch}',
  '  when: not (is_on | bool)',
  // items choosing the state: unrolled (task/unroll.ts); a literal item's field written as a
  // comparison is never undefined, so default() gives it back
  '- name: Per item',
  '  file: {path: "{{ base }}/item-{{ item.name }}", state: "{{ item.state }}"}',
  '  loop:',
  '    - {name: a, state: touch, condition: "{{ tag == \'x\' }}"}',
  '    - {name: b, state: directory, condition: "{{ tag != \'x\' }}"}',
  '    - {name: c, state: directory}',
  '  when: item.condition | default(true) | bool',
  // ansible_check_mode is a boolean (Chef's why-run): no re-reading, no strict_boolean
  '- name: Checked',
  '  file: {path: "{{ base }}/checked", state: touch}',
  '  ignore_errors: "{{ ansible_check_mode }}"',
];

function project(base: string): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [demo]\n',
    'inventory.ini': 'localhost\n',
    'roles/demo/defaults/main.yml': `base: ${base}\ntag: x\nnums: "1, 2"\n`,
    // Read after the set_fact: computed where it is used (translate/deferred.ts).
    'roles/demo/vars/main.yml': `is_on: "{{ (seen and tag == 'x') | bool }}"\n`,
    'roles/demo/tasks/main.yml': [...TASKS, ''].join('\n'),
  };
}

describe('a var read whole keeps the type its translation proved', () => {
  it('reads text convert_data keeps, and a boolean, without helpers; text that may read back keeps convert_data', async () => {
    const r = await convertProject(project('/srv/app'));
    expect(r.tasks.map((t) => t.outcome)).toEqual(Array(6).fill('converted'));
    const body = recipeBody(r, 'demo');
    // `{{ path_v }}` and `{{ alias }}` (a var holding `{{ path_v }}`): the text itself.
    // base and tag are read once into locals (translate/read-once.ts); what matters here is that no helper wraps them.
    expect(body).toMatch(/^base = node\['demo'\]\['base'\]\ntag = node\['demo'\]\['tag'\]$/m);
    expect(body).toContain(`file "#{base}/shown-#{tag}.txt" do`);
    expect(body).toContain(`|#{base}/shown-#{tag}.txt|`);
    // `[{{ nums }}]` may be a list to Ansible: re-read, both where read directly and through `same`.
    expect(body).toMatch(/^nums = node\['demo'\]\['nums'\]$/m);
    expect(body.match(/A2C::Jinja\.length\(A2C::Jinja\.convert_data\("\[#\{nums\}\]"\)\)/g)?.length).toBe(2);
    // `is_on | bool` of a boolean is the boolean.
    expect(body).not.toContain('A2C::Jinja.bool(');
    expect(body).not.toContain('A2C::Jinja.truthy(');
    expect(body).not.toContain('A2C::Jinja.default(');
    expect(body).toContain('  ignore_failure A2C::Jinja.check_mode\n');
  });
});

const tools = requireOrSkip(
  'ansible-playbook, ruby, erubis and shared/chef',
  hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile) && existsSync(GROUND_TRUTH),
);

describe.skipIf(!tools)('typed var reads vs real Ansible', () => {
  it('write what ansible-playbook writes', async () => {
    let base = '';
    const shown = withLocalPlay(
      (dir) => {
        base = join(dir, 'b');
        return { ...project(base), [`b/.keep`]: '' };
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        expect(existsSync(join(base, 'gated'))).toBe(true);
        expect(existsSync(join(base, 'never'))).toBe(false);
        expect(['a', 'b', 'c'].map((n) => existsSync(join(base, `item-${n}`)))).toEqual([true, false, true]);
        return readFileSync(join(base, 'shown-x.txt'), 'utf8');
      },
    );
    // The play's own sanity: the list re-read, the text not, the boolean printed as Python does.
    expect(shown).toBe(`2|5|True|${base}/shown-x.txt|2|False\n`);
    const r = await convertProject(project(base));
    const events = convergedEvents(r.files);
    expect(events.find((e) => e.id.endsWith('/shown-x.txt]'))?.text).toBe(shown);
    // the items Ansible skipped, and only those, are skipped
    expect(['a', 'b', 'c'].map((n) => events.find((e) => e.id.endsWith(`/item-${n}]`))?.skipped ?? false)).toEqual([false, true, false]);
  });
});
