// Templated no_log / ignore_errors: converted through Ansible's strict boolean conversion, which
// real Ruby (the support library) and real Ansible must agree on, value by value.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const LIBS = resolve(new URL('../../..', import.meta.url).pathname, 'src/support-cookbook/ruby/libraries');
const tools = requireOrSkip('ruby and ansible', hasTool('ruby') && hasPythonModule('ansible'));

describe('templated boolean keywords', () => {
  it('become strict conversions on the resource, or in the register block', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: Start ntp',
        '  service: {name: ntp, state: started}',
        '  ignore_errors: "{{ ansible_check_mode }}"',
        '- name: Write the secret',
        '  copy: {content: "x\\n", dest: /etc/s}',
        '  no_log: "{{ hide }}"',
        '- name: Probe',
        '  command: /bin/true',
        '  register: probe',
        '  ignore_errors: "{{ tolerate }}"',
        '- debug: var=probe.rc',
        '',
      ].join('\n'),
      'defaults/main.yml': 'hide: yes\ntolerate: "no"\n',
    });
    const body = recipeBody(r, 'demo');
    // A boolean read as it is (Ansible's text 'True' reads back as True, which the strict conversion keeps):
    // ansible_check_mode (Chef's why-run, compared with true) and a boolean default; text ('no') still
    // goes through the conversion.
    expect(body).toContain('  ignore_failure A2C::Jinja.check_mode\n');
    expect(body).toContain("  sensitive node['demo']['hide']\n");
    expect(body).toContain("ignore_errors: A2C::Tasks.strict_boolean(node['demo']['tolerate'], 'ignore_errors')");
    expect(r.tasks.every((t) => t.outcome === 'converted')).toBe(true);
  });

  it('a value read from a registered result stays a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- command: /bin/true\n  register: probe\n- service: {name: ntp, state: started}\n  ignore_errors: "{{ probe.rc == 0 }}"\n',
    });
    expect(r.diagnostics.map((d) => d.message)).toContain('ignore_errors from a registered result is not converted');
  });

  it.skipIf(!tools)('converts every value as Ansible does (or fails where Ansible fails)', () => {
    const values = ['yes', 'No', ' true ', 'TRUE', '1', '0', 't', 'f', 'y', 'n', 'on', 'off', 'maybe', '', 1, 0, 2, 1.0, 0.0, true, false];
    const json = JSON.stringify(values);
    const py = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        `
import json, sys
from ansible.module_utils.parsing.convert_bool import boolean
out = []
for v in json.loads(sys.argv[1]):
    try: out.append(boolean(v, strict=True))
    except TypeError: out.append('error')
print(json.dumps(out))`,
        json,
      ],
      { encoding: 'utf8' },
    );
    expect(py.stderr).toBe('');
    const rb = spawnSync(
      'ruby',
      [
        '-rjson',
        '-e',
        `
      Dir[File.join(ARGV[0], '*.rb')].sort.each { |f| require File.expand_path(f) }
      out = JSON.parse(ARGV[1]).map { |v| begin; A2C::Tasks.strict_boolean(v, 'no_log'); rescue A2C::Tasks::UnknownValue; 'error'; end }
      print JSON.generate(out)`,
        LIBS,
        json,
      ],
      { encoding: 'utf8' },
    );
    expect(rb.stderr).toBe('');
    expect(JSON.parse(rb.stdout)).toEqual(JSON.parse(py.stdout));
  });
});
