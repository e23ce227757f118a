// What a role sees of results another role registered earlier in the same play, compared with
// real ansible-playbook: a role registers a command's result, a failed one (ignore_errors), a
// skipped one and a stat; the next role of the play writes their keys and values into a file. The
// converted run (compiled, then converged by test/tools/converge-render.rb in the node file's run
// list order) must write the same text, read from the first cookbook's node.run_state records.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { convergedFileText } from '../helpers/converged-file.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

const REGISTERING = [
  '- command: echo hello',
  '  register: out',
  '- command: "false"',
  '  register: bad',
  '  ignore_errors: true',
  '- command: echo never',
  '  register: skip',
  '  when: probe_skip | bool',
  '- stat: {path: /etc}',
  '  register: st',
  '',
].join('\n');

/** Values read through attributes and tests (a result read whole, as its keys, is refused: below). */
const SHOWN = [
  '{{ out.rc }}',
  '{{ out.stdout }}',
  '{{ out.stdout_lines | join(";") }}',
  '{{ out is changed }}',
  '{{ bad.rc }}',
  '{{ bad is failed }}',
  '{{ skip is skipped }}',
  '{{ skip.rc is defined }}',
  '{{ st.stat.exists }}',
  '{{ st.stat.isdir }}',
].join('|');

function project(base: string): Record<string, string> {
  return {
    // The interpreter named, so Ansible adds no discovered-interpreter fact to the first result.
    'site.yml':
      '- hosts: all\n  gather_facts: false\n  connection: local\n  vars: {ansible_python_interpreter: /usr/bin/python3}\n  roles: [probe, reader]\n',
    'inventory.ini': 'localhost\n',
    'roles/probe/defaults/main.yml': 'probe_skip: false\n',
    'roles/probe/tasks/main.yml': REGISTERING,
    'roles/reader/defaults/main.yml': `base: ${base}\n`,
    'roles/reader/tasks/main.yml': `- copy:\n    dest: "{{ base }}/shown.txt"\n    content: "${SHOWN.replace(/"/g, '\\"')}"\n`,
  };
}

const tools = requireOrSkip(
  'ansible-playbook, ruby, erubis and shared/chef',
  hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile) && existsSync(GROUND_TRUTH),
);

describe.skipIf(!tools)("another role's registered results vs real Ansible", () => {
  it.each([
    ["a key the record lacks (a command's timings)", '{{ out.delta }}', "not Ansible's start, end, delta or msg: its 'delta' is not"],
    ['the record read whole (its keys)', "{{ out | list | sort | join(',') }}", "not Ansible's start, end, delta or msg: read whole"],
  ])('refuse %s', async (_what, msg, says) => {
    const files = project('/tmp');
    files['roles/reader/tasks/main.yml'] += `- debug: {msg: "${msg}"}\n`;
    const r = await convertProject(files);
    const last = r.tasks.at(-1)!;
    expect([last.outcome, last.code]).toEqual(['todo', 'A2C-TODO-REGISTER']);
    expect(last.reason).toContain(says);
  });

  it('read the same keys and values as the role after it in the play reads', async () => {
    let base = '';
    const shown = withLocalPlay(
      (dir) => {
        base = join(dir, 'b');
        mkdirSync(base);
        return project(base);
      },
      (run) => {
        expect(run.status, run.log).toBe(0);
        return readFileSync(join(base, 'shown.txt'), 'utf8');
      },
    );
    // The play's own sanity: a command's output, a failure kept, a skip, the stat of a directory.
    expect(shown.split('|')).toEqual(['0', 'hello', 'hello', 'True', '1', 'True', 'True', 'False', 'True', 'True']);
    const r = await convertProject(project(base));
    expect(r.tasks.map((t) => t.outcome)).toEqual(Array(5).fill('converted'));
    // Every value read is Ansible's.
    expect(convergedFileText(r.files, 'shown.txt')).toBe(shown);
  });
});
