// Roles written for the cops RuboCop found on public roles the team had not seen (issue 14): each task below
// made the converter write one offense before (Style/NestedTernaryOperator, Lint/UnderscorePrefixedVariableName,
// Lint/UnusedBlockArgument, Style/RedundantInterpolation). They all convert, and RuboCop with the committed
// Cookstyle-like configuration finds nothing in what they became.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText, recipeBody } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { REPO_ROOT } from '../helpers/shared.js';

const CONFIG = join(REPO_ROOT, 'test/rubocop/cookstyle.yml');

const ROLE: Record<string, string> = {
  'roles/demo/defaults/main.yml': [
    'size: 3',
    'flavour: a',
    'port: 80',
    'name1: web',
    'users: [alice, bob]',
    // An attribute whose value nests one inline if in another.
    "level_attr: \"{{ 'big' if size > 5 else ('mid' if size > 2 else 'small') }}\"",
    // Nested in a branch of a value the attribute wraps in a helper call.
    "wrapped_attr: \"{{ ('x' if flavour == 'a' else ('y' if flavour == 'b' else 'z')) | upper }}\"",
    '',
  ].join('\n'),
  'roles/demo/tasks/main.yml': [
    '- name: Nested fact',
    '  set_fact:',
    "    level: \"{{ 'big' if size > 5 else ('mid' if size > 2 else 'small') }}\"",
    '- name: Owner chosen',
    '  file:',
    '    path: /tmp/a2c-owner',
    '    state: touch',
    "    owner: \"{{ 'root' if flavour == 'a' else ('daemon' if flavour == 'b' else 'nobody') }}\"",
    '- name: Guarded',
    '  file:',
    '    path: /tmp/a2c-guarded',
    '    state: touch',
    "  when: ('x' if flavour == 'a' else ('y' if flavour == 'b' else '')) | length > 0",
    '- name: Per user',
    '  file:',
    '    path: "/tmp/a2c-{{ _user }}"',
    '    state: touch',
    '  loop: "{{ users }}"',
    '  loop_control:',
    '    loop_var: _user',
    '- name: Numbered',
    '  command: "echo {{ item }}"',
    '  loop: [1, 2]',
    '  loop_control:',
    '    index_var: idx',
    '- name: Port line',
    '  lineinfile: { path: /tmp/a2c-port, line: "{{ \'\' ~ port }}", create: true }',
    '- name: Name line',
    '  lineinfile: { path: /tmp/a2c-name, line: "{{ name1 }}{{ \'\' }}", create: true }',
    '- name: Run',
    '  command: echo hi',
    '  register: _res',
    '- name: Nested from a result',
    '  copy:',
    "    content: \"{{ 'changed' if _res.changed else ('rc0' if _res.rc == 0 else 'other') }}\"",
    '    dest: /tmp/a2c-res',
    '- name: Late',
    '  set_fact:',
    '    late: "{{ (_res is defined and _res.changed) or (flavour == \'b\') }}"',
    '',
  ].join('\n'),
  'site.yml': '- hosts: localhost\n  roles: [demo]\n',
};

interface Report {
  files: Array<{ path: string; offenses: Array<{ cop_name: string; message: string; location: { line: number } }> }>;
}

describe('the constructs RuboCop found on unseen roles', () => {
  it('all convert, written as Cookstyle wants them', async () => {
    const r = await convertProject(ROLE);
    expect(r.tasks.filter((t) => t.outcome !== 'converted').map((t) => [t.span.line, t.code, t.reason])).toEqual([]);
    const body = recipeBody(r, 'demo');
    // The whole value of an assignment is the if expression; an argument's is computed first into a local
    // named after the fact.
    // size, read by both branches, is read once before (translate/read-once.ts).
    expect(body).toMatch(/^size = node\['demo'\]\['size'\]$/m);
    expect(body).toContain(
      [
        'level = if size > 5',
        "          'big'",
        '        elsif size > 2',
        "          'mid'",
        '        else',
        "          'small'",
        '        end',
        "node.run_state['level'] = A2C::Jinja.set_fact_value(level)",
      ].join('\n'),
    );
    // A property's value: a local inside the resource block, named after the property (every branch a
    // literal text, so the argument's str conversion has nothing left to do).
    expect(body).toMatch(/\n {2}owner_value = if .*\n[\s\S]*\n {2}owner owner_value\n/);
    expect(body).toMatch(/\n {2}only_if do\n {4}value = if /);
    // A value computed at converge time: inside its lazy block (no local: nothing wraps the value).
    expect(body).toMatch(/\n {2}content lazy \{\n {4}if [\s\S]*\n {4}end\n {2}\}\n/);
    expect(body).toContain('.each do |user|');
    expect(body).toContain('file "/tmp/a2c-#{user}"');
    expect(body).toContain('.each_with_index do |item, _idx|');
    expect(body).toContain("node['demo']['port'].to_s");
    expect(body).not.toContain('"#{');
    const attributes = outputText(r, 'demo/attributes/default.rb');
    expect(attributes).toContain("default['demo']['level_attr'] = if node['demo']['size'] > 5\n");
  });

  it.skipIf(!requireOrSkip('rubocop', hasTool('rubocop')))('give RuboCop nothing to report', { timeout: 120_000 }, async () => {
    const r = await convertProject(ROLE);
    const dir = mkdtempSync(join(tmpdir(), 'a2c-rubocop-fixtures-'));
    try {
      const targets: string[] = [];
      for (const [path, content] of r.files) {
        if (!path.startsWith('demo/') || !path.endsWith('.rb')) continue;
        const file = join(dir, path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
        targets.push(file);
      }
      expect(targets.length).toBeGreaterThanOrEqual(3);
      const run = spawnSync('rubocop', ['--config', CONFIG, '--format', 'json', '--cache', 'false', ...targets], { encoding: 'utf8' });
      expect(run.status, run.stderr).not.toBe(2);
      const offenses = (JSON.parse(run.stdout) as Report).files.flatMap((f) =>
        f.offenses.map((o) => `${f.path.slice(dir.length + 1)}:${o.location.line}: ${o.cop_name}: ${o.message}`),
      );
      expect(offenses, offenses.join('\n')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
