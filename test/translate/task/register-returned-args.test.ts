// A resource task's record keeps, beside changed/failed, the keys of Ansible's result that are the
// module's own argument as given (returned-args.ts): file's path (state file, directory, absent) or
// dest (touch, link), copy's and template's dest. Compared with real ansible-playbook: a later task
// prints every key, and the converted run (compiled, then converged by test/tools/converge-render.rb)
// writes the same text: a templated path, a relative one, a trailing slash, an alias, a copy or a
// template that changed and one that did not. Where the module changes the argument (~, $HOME, a
// dest ending in '/'), Ansible's value is not the argument, and the read stays a TODO.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { convergedFileText } from '../../helpers/converged-file.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');

/** Registering tasks, then one printing `reads` of their results into shown.txt. */
const TASKS = [
  '- file: {path: "{{ base }}/d/", state: directory}',
  '  register: f_dir',
  '- file: {path: reldir, state: directory}',
  '  register: f_rel',
  '- file: {name: "{{ base }}/n", state: absent}',
  '  register: f_name',
  '- file: {path: "{{ base }}/tt", state: touch}',
  '  register: f_touch',
  '- file: {src: "{{ base }}/d", dest: "{{ base }}/l", state: link}',
  '  register: f_link',
  '- copy: {content: "x\\n", dest: "{{ base }}/c.txt"}',
  '  register: c_new',
  '- copy: {content: "x\\n", dest: "{{ base }}/c.txt"}',
  '  register: c_same',
  '- copy: {src: s.txt, dest: "{{ base }}/s.txt", mode: "0644"}',
  '  register: c_src',
  '- template: {src: t.j2, dest: "{{ base }}/t.conf"}',
  '  register: t_new',
  '- template: {src: t.j2, dest: "{{ base }}/t.conf"}',
  '  register: t_same',
];
const READS = [
  'f_dir.path',
  'f_rel.path',
  'f_name.path',
  'f_touch.dest',
  'f_link.dest',
  'c_new.dest',
  'c_same.dest',
  'c_src.dest',
  't_new.dest',
  't_same.dest',
];
const SHOW = ['- copy:', '    dest: "{{ base }}/shown.txt"', `    content: "${READS.map((r) => `{{ ${r} }}`).join('|')}"`];

function project(base: string, tasks: string[] = [...TASKS, ...SHOW]): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [demo]\n',
    'inventory.ini': 'localhost\n',
    'roles/demo/defaults/main.yml': `base: ${base}\n`,
    'roles/demo/files/s.txt': 's\n',
    'roles/demo/templates/t.j2': 'v={{ base }}\n',
    'roles/demo/tasks/main.yml': [...tasks, ''].join('\n'),
  };
}

/** ansible-playbook's run of `tasks` with base a fresh directory: base and the text of shown.txt. */
function ansibleShown(tasks?: string[]): { base: string; shown: string } {
  let base = '';
  const shown = withLocalPlay(
    (dir) => {
      base = join(dir, 'b');
      mkdirSync(base);
      return project(base, tasks);
    },
    (run) => {
      expect(run.status, run.log).toBe(0);
      return readFileSync(join(base, 'shown.txt'), 'utf8');
    },
  );
  return { base, shown };
}

describe('keys of a resource task result that are its own argument', () => {
  it('are recorded where the task ran, translated from the argument, and their reads convert', async () => {
    const r = await convertProject(project('/srv/app'));
    expect(r.tasks.map((t) => t.outcome)).toEqual(Array(TASKS.length / 2 + 1).fill('converted'));
    const body = recipeBody(r, 'demo');
    expect(body).toContain(`{ 'changed' => false, 'failed' => false, 'path' => "#{node['demo']['base']}/d/" }`);
    expect(body).toContain(`{ 'changed' => false, 'failed' => false, 'path' => 'reldir' }`);
    expect(body).toContain(`{ 'changed' => false, 'failed' => false, 'dest' => "#{node['demo']['base']}/tt" }`);
  });

  it('is kept only in a ran result: a skipped one has none of the module keys', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- copy: {content: "x\\n", dest: /etc/a.conf}',
        '  register: conf',
        '  when: go | bool',
        '- file: {path: /tmp/f, state: touch}',
        '  when: conf.dest is defined',
        '',
      ].join('\n'),
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    expect(recipeBody(r, 'demo')).toContain(
      "? { 'changed' => false, 'failed' => false, 'dest' => '/etc/a.conf' } : { 'changed' => false, 'skipped' => true, 'skip_reason' => 'Conditional result was False' }",
    );
  });

  it.each([
    ['file without a state (the current one: path or dest)', '- file: {path: /tmp/x}', 'r.path', ''],
    ['file state hard (a directory path gets src basename)', '- file: {src: /etc/hosts, dest: /tmp/h, state: hard}', 'r.dest', ''],
    ['file state touch read as path', '- file: {path: /tmp/x, state: touch}', 'r.path', "skip_reason, dest: its 'path' is not"],
    ['copy with force: false', '- copy: {content: "x", dest: /tmp/x, force: false}', 'r.dest', ''],
    ['copy with remote_src', '- copy: {src: /etc/hosts, dest: /tmp/x, remote_src: true}', 'r.dest', ''],
    ['copy to a dest ending in /', '- copy: {src: s.txt, dest: /tmp/x/}', 'r.dest', ''],
    ['copy with failed_when', '- copy: {content: "x", dest: /tmp/x}\n  failed_when: false', 'r.dest', ''],
    ['a key the module returns besides', '- copy: {content: "x", dest: /tmp/x}', 'r.checksum', "skip_reason, dest: its 'checksum' is not"],
  ])('leaves a TODO for %s', async (_what, task, read, says) => {
    const r = await convertRole({
      'files/s.txt': 's\n',
      'templates/t.j2': 'x\n',
      'tasks/main.yml': `${task}\n  register: r\n- file: {path: /tmp/f, state: touch}\n  when: ${read} is defined\n`,
    });
    const todo = r.tasks[1]!;
    expect(todo.outcome).toBe('todo');
    expect(todo.code).toBe('A2C-TODO-REGISTER');
    expect(todo.reason).toContain(says || 'is recorded in Chef only as changed, failed, skipped, skip_reason:');
  });
});

const tools = requireOrSkip(
  'ansible-playbook, ruby, erubis and shared/chef',
  hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile) && existsSync(GROUND_TRUTH),
);

describe.skipIf(!tools)('the recorded keys vs real Ansible', () => {
  it("hold the values of Ansible's result", async () => {
    const { base, shown } = ansibleShown();
    // The play's own sanity: each argument came back as given (the slash, the relative path).
    const b = (p: string) => `${base}/${p}`;
    expect(shown).toBe(
      [b('d/'), 'reldir', b('n'), b('tt'), b('l'), b('c.txt'), b('c.txt'), b('s.txt'), b('t.conf'), b('t.conf')].join('|'),
    );
    const r = await convertProject(project(base));
    expect(convergedFileText(r.files, 'shown.txt')).toBe(shown);
  });

  it('are not the argument where the module expands or joins it, which stays a TODO', async () => {
    const tasks = [
      '- file: {path: "~", state: directory}',
      '  register: home',
      '- file: {path: "$HOME", state: directory}',
      '  register: var',
      '- copy: {src: s.txt, dest: "{{ base }}/sub/"}',
      '  register: into',
    ];
    const show = ['- copy:', '    dest: "{{ base }}/shown.txt"', '    content: "{{ home.path }}|{{ var.path }}|{{ into.dest }}"'];
    const { base, shown } = ansibleShown([...tasks, ...show]);
    const [home, fromVar, into] = shown.split('|');
    expect(home).not.toBe('~');
    expect(home).toBe(fromVar);
    expect(into).toBe(`${base}/sub/s.txt`);
    // The ~ and $HOME tasks are TODOs themselves (the module expands them on the node, coerce.ts).
    const r = await convertProject(project(base, [...tasks, ...show]));
    expect(r.tasks.slice(0, 2).map((t) => t.code)).toEqual(['A2C-TODO-PARAM', 'A2C-TODO-PARAM']);
    // The copy into a directory converts; a read of its dest does not.
    const copied = await convertProject(
      project(base, [...tasks.slice(4), '- file: {path: /tmp/f, state: touch}', '  when: into.dest is defined']),
    );
    expect(copied.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
    expect(copied.tasks[1]!.code).toBe('A2C-TODO-REGISTER');
    expect(copied.tasks[1]!.reason).toContain("recorded in Chef only as changed, failed, skipped, skip_reason: its 'dest' is not");
  });
});
