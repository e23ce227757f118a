// Conditions the translation decides (`x is defined` of a variable the role's defaults set is
// true): no literal condition is written (RuboCop's Lint/LiteralAsCondition), and what runs is
// unchanged. A guard decided true is left out; `true and x` is x; an assert whose every condition
// is decided true holds. A guard the translation cannot decide stays as it was.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';

const LITERAL_CONDITION = /\b(?:if|elsif|unless)\s+(?:true|false|nil)\b|\b(?:true|false|nil)\s*(?:\?|&&|\|\|)/;

const files = {
  'defaults/main.yml': 'app_dir: /opt/app\napp_groups: []\napp_flag: false\n',
  'tasks/main.yml': [
    '- name: always',
    '  package: { name: a }',
    '  when: app_dir is defined',
    '- name: decided and open',
    '  package: { name: b }',
    '  when: [app_dir is defined, app_flag]',
    '- name: operand',
    '  package: { name: c }',
    '  when: app_dir is defined and app_groups',
    '- name: compile-time if',
    '  set_fact: { seen: yes }',
    '  when: [app_dir is defined, "app_dir != \'/\'"]',
    '- name: holds',
    '  assert: { that: [app_dir is defined] }',
    '- name: open assert',
    '  assert: { that: [app_dir is defined, app_flag] }',
    '- name: undecided',
    '  package: { name: d }',
    '  when: nosuch is defined',
    '- name: never resource',
    '  package: { name: e }',
    '  when: app_dir is not defined',
    '- name: never set',
    '  set_fact: { unseen: yes }',
    '  when: [app_flag, app_dir is undefined]',
    '',
  ].join('\n'),
};

describe('conditions decided at conversion time', () => {
  it('writes no literal condition and keeps every open one', async () => {
    const r = await convertRole(files);
    const body = recipeBody(r, 'demo');
    expect(body).not.toMatch(LITERAL_CONDITION);
    expect(body).toBe(
      [
        '# tasks/main.yml:1 always',
        "package 'a'",
        '',
        '# tasks/main.yml:4 decided and open',
        "package 'b' do",
        "  only_if { node['demo']['app_flag'] }",
        'end',
        '',
        // `true and app_groups` is app_groups: a list, true when not empty.
        '# tasks/main.yml:7 operand',
        "package 'c' do",
        "  not_if { node['demo']['app_groups'].empty? }",
        'end',
        '',
        "if node['demo']['app_dir'] != '/'",
        '  # tasks/main.yml:10 compile-time if',
        "  node.run_state['seen'] = true",
        'end',
        '',
        '# tasks/main.yml:13 holds',
        "ruby_block 'holds' do",
        '  block do',
        '    nil',
        '  end',
        'end',
        '',
        '# tasks/main.yml:15 open assert',
        "ruby_block 'open assert' do",
        '  block do',
        "    node['demo']['app_flag'] ? nil : raise('Assertion failed')",
        '  end',
        'end',
        '',
        // Not decided here (set outside the input, perhaps): the guard stays.
        '# tasks/main.yml:17 undecided',
        "package 'd' do",
        "  only_if { node.exist?('ansible', 'nosuch') }",
        'end',
        '',
        // Decided false: Chef skips the resource as Ansible skips the task; nothing is set at compile time.
        '# tasks/main.yml:20 never resource',
        "package 'e' do",
        '  only_if { false }',
        'end',
        '',
        '# tasks/main.yml:23 never set: never runs (its condition is false on every node)',
      ].join('\n'),
    );
    // The cookbook's conversion notes (its README.md) name each task that never runs.
    const notes = [outputText(r, 'demo/README.md')];
    expect(notes.join('\n')).toMatch(/tasks\/main\.yml:20 never resource: its condition is false on every node/);
    expect(notes.join('\n')).toMatch(/tasks\/main\.yml:23 never set: its condition is false on every node/);
  });
});
