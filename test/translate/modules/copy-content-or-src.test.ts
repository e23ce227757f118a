// copy with `content` and `src` each `default(omit)` per loop item, run by the real ansible-playbook
// and by A2C::Modules.copy_content (what the converted file resource's content is): an item giving
// content must be written with that content; the items Ansible refuses (both, neither) and the one
// copying a controller file (not converted) must fail the Chef run rather than write anything.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const LIBDIR = join(resolve(import.meta.dirname, '../../..'), 'src/support-cookbook/ruby/libraries');
const ready = requireOrSkip('ruby and ansible-playbook', hasTool('ruby') && hasTool('ansible-playbook'));

const CASES: Array<{ content?: string | null; src?: boolean }> = [
  { content: 'hello\n' },
  { content: '' },
  { src: true },
  { content: 'x', src: true },
  {},
  { content: null },
];

describe.skipIf(!ready)('copy with content or src per item', () => {
  it('writes what ansible-playbook writes for content, and fails the run on every other item', () => {
    const ansible = withLocalPlay(
      (dir) => {
        const items = CASES.map((c, i) => ({
          dest: join(dir, `out-${i}`),
          ...(c.content !== undefined ? { content: c.content } : {}),
          ...(c.src ? { src: join(dir, 'controller.txt') } : {}),
        }));
        return {
          'controller.txt': 'from the controller\n',
          'site.yml': [
            '- hosts: localhost',
            '  connection: local',
            '  gather_facts: false',
            '  tasks:',
            '    - name: Copy static files',
            '      ansible.builtin.copy:',
            '        content: "{{ item.content | default(omit) }}"',
            '        dest: "{{ item.dest }}"',
            '        src: "{{ item.src | default(omit) }}"',
            '        mode: "0644"',
            `      loop: ${JSON.stringify(items)}`,
            '      ignore_errors: true',
            '      register: out',
            '    - ansible.builtin.copy:',
            '        content: "{{ out.results | map(attribute=\'failed\', default=false) | list | to_json }}"',
            `        dest: ${join(dir, 'failed.json')}`,
            '',
          ].join('\n'),
        };
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        const failedItems = JSON.parse(readFileSync(join(run.dir, 'failed.json'), 'utf8')) as boolean[];
        return CASES.map((_, i) => {
          const out = join(run.dir, `out-${i}`);
          return { failed: failedItems[i]!, written: existsSync(out) ? readFileSync(out, 'utf8') : null };
        });
      },
    );
    // Sanity: Ansible writes content (a null one rendered as ''), copies the controller file, and
    // refuses both and neither.
    expect(ansible).toEqual([
      { failed: false, written: 'hello\n' },
      { failed: false, written: '' },
      { failed: false, written: 'from the controller\n' },
      { failed: true, written: null },
      { failed: true, written: null },
      { failed: false, written: '' },
    ]);

    const script = [
      'require "json"',
      ...['a2c_jinja', 'a2c_tasks', 'a2c_modules'].map((l) => `require ${JSON.stringify(join(LIBDIR, l))}`),
      'omit = A2C::Jinja::OMIT',
      'out = JSON.parse($stdin.read).map do |c|',
      // The values as the converted task computes them: "{{ item.content | default(omit) }}" rendered.
      '  value = ->(v) { A2C::Jinja.convert_data(A2C::Jinja.out(v)) }',
      "  content = A2C::Tasks.to_str(value.call(c.fetch('content', omit)), 'content')",
      "  { 'written' => A2C::Modules.copy_content(content, value.call(c['src'] ? '/controller.txt' : omit)) }",
      'rescue A2C::Tasks::UnknownValue => e',
      "  { 'error' => e.message }",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify(CASES), encoding: 'utf8' });
    expect(rb.stderr).toBe('');
    const chef = JSON.parse(rb.stdout) as Array<{ written?: string; error?: string }>;
    // Where Ansible wrote the item's own content, Chef writes the same; everywhere else the run fails.
    ansible.forEach((a, i) => {
      if (!a.failed && CASES[i]!.content !== undefined) expect(chef[i]).toEqual({ written: a.written });
      else expect(chef[i]!.error).toMatch(/ansible2chef: copy/);
    });
  });
});
