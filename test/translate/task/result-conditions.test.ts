// failed_when / changed_when on a registered stat (or on a task that converts to nothing) were
// dropped: the register ruby_block was said to carry them out, but only a command's result evaluates
// them. `failed_when: not st.stat.exists` is the usual "this file must be there" check: Ansible stops,
// the converted run went on; `changed_when: st.stat.exists` with notify ran the handler in Ansible and
// never in Chef. Checked with ansible-playbook, then the conversion: each is a TODO saying why, but
// a stat's changed_when, which the stat result now evaluates (stat-changed-when.test.ts), and
// what is already so (`changed_when: false` on a stat, `failed_when: false` on service_facts, which
// never fails here) still converts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const play = (tasks: string) => (dir: string) => ({
  'site.yml': `- hosts: all\n  gather_facts: false\n  connection: local\n  tasks:\n${tasks.replaceAll('OUT', dir)}\n  handlers:\n    - name: h\n      file: {path: "${dir}/handler-ran", state: touch}\n`,
});

const MUST_EXIST = ['- name: must exist', '  stat: {path: "OUT/absent"}', '  register: st', '  failed_when: not st.stat.exists'].join('\n');
const CHANGED_WHEN_PRESENT = [
  '- name: changed when present',
  '  stat: {path: "OUT"}',
  '  register: st2',
  '  changed_when: st2.stat.exists',
  '  notify: h',
].join('\n');
const indent = (t: string) =>
  t
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

describe('failed_when and changed_when on results computed without them', () => {
  const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

  it.skipIf(!playbook)(
    'Ansible fails on the failed_when, and notifies on the changed_when',
    () => {
      withLocalPlay(play(indent(MUST_EXIST)), (run) => {
        expect(run.status, run.log).toBe(2);
        expect(run.log).toContain('"failed_when_result": true');
      });
      withLocalPlay(play(indent(CHANGED_WHEN_PRESENT)), (run) => {
        expect(run.status, run.log).toBe(0);
        expect(existsSync(join(run.dir, 'handler-ran'))).toBe(true);
      });
    },
    120_000,
  );

  it("converts each to a TODO saying why; a stat's changed_when and what the result says already convert", async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        MUST_EXIST.replace('OUT', '/srv'),
        CHANGED_WHEN_PRESENT.replace('OUT', '/srv'),
        '- name: unread stat',
        '  stat: {path: /srv}',
        '  failed_when: true',
        '- name: quiet stat',
        '  stat: {path: /srv}',
        '  register: st3',
        '  changed_when: false',
        '- service_facts:',
        '  failed_when: false',
        '',
      ].join('\n'),
      'handlers/main.yml': '- name: h\n  file: {path: /srv/h, state: touch}\n',
    });
    const outcome = (line: number) => r.tasks.find((t) => t.span.file.endsWith('tasks/main.yml') && t.span.line === line)?.outcome;
    expect([1, 5, 10, 13, 17].map(outcome)).toEqual(['todo', 'converted', 'todo', 'converted', 'converted']);
    const todos = r.diagnostics.filter((d) => d.code === 'A2C-TODO-KEYWORD').map((d) => `${d.span?.line} ${d.message}`);
    expect(todos).toEqual([
      '4 failed_when on ansible.builtin.stat: a registered stat result is computed without it',
      '12 failed_when on ansible.builtin.stat: the task converts to nothing (stat without register has no effect)',
    ]);
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain("A2C::Tasks.register_stat(node.run_state, 'st3', '/srv')");
    // The changed_when is evaluated on the result; the notify fires only when it says changed.
    expect(recipe).toContain(
      "A2C::Tasks.register_stat(node.run_state, 'st2', '/srv', changed_when: ->(result) { A2C::Jinja.truthy(A2C::Jinja.attr(A2C::Jinja.attr(result, 'stat'), 'exists')) })",
    );
    expect(recipe).toContain("only_if { A2C::Tasks.result?(A2C::Tasks.registered(node.run_state, 'st2'), 'changed') }");
    expect(recipe).toContain("A2C::Facts.register_services(node.run_state, 'services')");
  });
});
