// mappings/keywords.toml is the one statement of keyword policy: it must list every keyword the real
// ansible-core accepts where it accepts it (read from the field attributes of its Task, Handler,
// Block, Play and RoleDefinition classes), its loader must reject a malformed table naming file and
// key, and the loader and translators must follow it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { builtinKeywords, keywordEntries, KEYWORD_PLACES, type KeywordPlace } from '../../src/load/ansible/keyword-table.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { BLOCK_KEYWORDS, PLAY_KEYWORDS, TASK_KEYWORDS } from '../../src/load/ansible/keywords.js';
import { ROLE_REF_KEYWORDS } from '../../src/load/ansible/role-ref.js';
import {
  blockKeywordHandled,
  IGNORED_KEYWORDS,
  PLAY_NOT_APPLIED,
  PLAY_ONLY_KEYWORDS,
  TODO_KEYWORDS,
} from '../../src/translate/task/keyword-policy.js';
import { hasPythonModule, requireOrSkip } from '../helpers/real-tools.js';
import { convertProject, formatDiagnostic, outputText } from '../helpers/convert-helpers.js';

/** Keys Ansible accepts that are not field attributes of its classes, each with where and why. */
const BEYOND_ATTRIBUTES: Record<string, KeywordPlace[]> = {
  // A task form, turned into the module and delegate_to: localhost by ModuleArgsParser.
  local_action: ['task', 'handler'],
  // A playbook entry next to plays, read by the playbook loader.
  import_playbook: ['play'],
  // Role.load applies them to the role's tasks (role-ref.ts).
  delegate_to: ['role'],
  delegate_facts: ['role'],
  // Galaxy keys of a meta dependency.
  src: ['role'],
  version: ['role'],
  scm: ['role'],
};

function ansibleKeywords(): Record<KeywordPlace, string[]> {
  const py = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      [
        'import json',
        'from ansible.playbook.task import Task',
        'from ansible.playbook.handler import Handler',
        'from ansible.playbook.block import Block',
        'from ansible.playbook.play import Play',
        'from ansible.playbook.role.definition import RoleDefinition',
        // A private attribute (loop_with) is not written by users; an aliased one (async_val) is written as its alias.
        'names = lambda c: sorted({a.alias or n for n, a in c.fattributes.items() if not a.private})',
        'print(json.dumps({"task": names(Task), "handler": names(Handler), "block": names(Block), "play": names(Play), "role": names(RoleDefinition)}))',
      ].join('\n'),
    ],
    { encoding: 'utf8' },
  );
  expect(py.status, py.stderr).toBe(0);
  return JSON.parse(py.stdout) as Record<KeywordPlace, string[]>;
}

describe.skipIf(!requireOrSkip('ansible', hasPythonModule('ansible')))('the keyword table and ansible-core 2.14', () => {
  const table = builtinKeywords();
  const real = ansibleKeywords();

  it.each(KEYWORD_PLACES)('every %s keyword Ansible accepts has a row accepting it there', (place) => {
    expect(real[place].length).toBeGreaterThan(place === 'role' ? 20 : 25);
    const missing = real[place].filter((k) => !table.get(k)?.on.includes(place));
    expect(missing).toEqual([]);
  });

  it.each(KEYWORD_PLACES)('no row claims a %s keyword Ansible does not accept there, beyond the listed forms', (place) => {
    const claimed = [...table].filter(([, e]) => e.on.includes(place)).map(([k]) => k);
    const extra = claimed.filter((k) => !real[place].includes(k));
    expect(extra.sort()).toEqual(
      Object.entries(BEYOND_ATTRIBUTES)
        .filter(([, on]) => on.includes(place))
        .map(([k]) => k)
        .sort(),
    );
  });
});

describe('the loader and the translators read the table', () => {
  it("the keyword sets of the loader are the table's", () => {
    const on = (...places: KeywordPlace[]) =>
      [...builtinKeywords()]
        .filter(([, e]) => e.on.some((p) => places.includes(p)))
        .map(([k]) => k)
        .sort();
    expect([...TASK_KEYWORDS].sort()).toEqual(on('task', 'handler'));
    expect([...PLAY_KEYWORDS].sort()).toEqual(on('play'));
    expect([...ROLE_REF_KEYWORDS].sort()).toEqual(on('role'));
    // Only the block keywords: Ansible refuses a task keyword (loop, register...) next to `block:`.
    expect([...BLOCK_KEYWORDS].sort()).toEqual(on('block'));
    expect(BLOCK_KEYWORDS.has('loop') || BLOCK_KEYWORDS.has('register')).toBe(false);
    // A keyword is not a module: `async:` on a task is read as a keyword, never as a module name.
    expect(TASK_KEYWORDS.has('async')).toBe(true);
    expect(TASK_KEYWORDS.has('hosts')).toBe(false);
  });

  it('policies come from the rows', () => {
    expect(TODO_KEYWORDS.get('async')).toBe('Chef resources run synchronously');
    expect(IGNORED_KEYWORDS.get('tags')).toBe('Chef has no task tags; run lists select recipes');
    expect(IGNORED_KEYWORDS.has('name')).toBe(false);
    expect(PLAY_ONLY_KEYWORDS.has('serial')).toBe(true);
    expect(PLAY_NOT_APPLIED.has('environment')).toBe(true);
    expect(builtinTables().keywords).toBe(builtinKeywords());
    // A block hands these to its tasks (or they change nothing there), as Ansible does: ignore_errors,
    // environment, notify, timeout and throttle were reported as not applied while the tasks converted
    // without them (throttle now makes each task a TODO, as on a task).
    expect(
      [
        'when',
        'vars',
        'no_log',
        'become_user',
        'run_once',
        'delegate_to',
        'become',
        'tags',
        'name',
        'ignore_errors',
        'environment',
        'notify',
        'timeout',
        'throttle',
      ].filter((k) => !blockKeywordHandled(k)),
    ).toEqual([]);
  });

  it('every play keyword has a play policy, every other keyword a use', () => {
    for (const [k, e] of builtinKeywords()) {
      expect(e.play !== undefined, k).toBe(e.on.includes('play'));
      expect(e.use !== undefined, k).toBe(e.on.some((p) => p !== 'play'));
    }
  });
});

describe('a broken keyword table names its file and key', () => {
  const F = 'mappings/keywords.toml';
  it.each([
    ['[tags]\non = ["task"]\n', `${F}: tags.use: missing: the keyword is accepted on a task, handler, block or role`],
    [
      '[tags]\non = ["task"]\nuse = { kind = "dropped", reason = "x" }\n',
      `${F}: tags.use.kind: expected one of translated, ignored, carried, push-model, module, block-part, names-role, got "dropped"`,
    ],
    ['[tags]\non = ["task"]\nuse = { kind = "ignored" }\n', `${F}: tags.use.reason: missing`],
    ['[tags]\non = ["task"]\nuse = { kind = "ignored", reason = "x", note = "y" }\n', `${F}: tags.use.note: unknown key`],
    [
      '[tags]\non = ["tasks"]\nuse = { kind = "ignored", reason = "x" }\n',
      `${F}: tags.on.0: expected one of task, handler, block, play, role, got "tasks"`,
    ],
    ['[tags]\non = []\nuse = { kind = "ignored", reason = "x" }\n', `${F}: tags.on: names no place`],
    ['[tags]\non = ["task", "task"]\nuse = { kind = "ignored", reason = "x" }\n', `${F}: tags.on: names a place twice`],
    ['[serial]\non = ["play"]\n', `${F}: serial.play: missing: the keyword is accepted on a play`],
    [
      '[serial]\non = ["play"]\nplay = { kind = "push-model", reason = "x" }\n',
      `${F}: serial.play.kind: expected one of translated, ignored, push-run, not-applied, got "push-model"`,
    ],
    [
      '[serial]\non = ["play"]\nplay = { kind = "push-run", reason = "x" }\nuse = { kind = "ignored", reason = "x" }\n',
      `${F}: serial.use: only a keyword accepted on a task, handler, block or role has a use`,
    ],
    [
      '[tags]\non = ["task"]\nuse = { kind = "ignored", reason = "x" }\nplay = { kind = "ignored", reason = "x" }\n',
      `${F}: tags.play: only a keyword accepted on a play has a play policy`,
    ],
    ['[tags]\nwhere = ["task"]\n', `${F}: tags.where: unknown key`],
    ['tags = "ignored"\n', `${F}: tags: expected a table, got string`],
    [
      '[loop]\non = ["task"]\nuse = { kind = "translated", reason = "x" }\nblock = { kind = "handed-down", reason = "x" }\n',
      `${F}: loop.block: only a keyword accepted on a block has a block policy`,
    ],
    [
      '[timeout]\non = ["task", "block"]\nuse = { kind = "translated", reason = "x" }\n',
      `${F}: timeout.block: missing: a block keyword that is neither ignored nor carried is handed down or ignored on a block`,
    ],
    [
      '[when]\non = ["block"]\nuse = { kind = "translated", reason = "x" }\nblock = { kind = "translated", reason = "x" }\n',
      `${F}: when.block.kind: expected one of handed-down, ignored, got "translated"`,
    ],
  ])('%j', (text, message) => {
    expect(() => keywordEntries(text, F)).toThrow(message);
  });

  it('a TOML syntax error names the file and the line', () => {
    expect(() => keywordEntries('[tags]\non = [\n', F)).toThrow(/^mappings\/keywords\.toml: line \d+: /);
  });
});

describe('block keywords', () => {
  it('a block hands its keywords down to its tasks, as Ansible does, and nothing is reported', async () => {
    const r = await convertProject({
      'site.yml':
        '- hosts: all\n  tasks:\n    - block:\n        - command: /bin/true\n      become: true\n      become_user: app\n      ignore_errors: true\n',
    });
    const loud = r.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic);
    expect(loud).toEqual([]);
    // ignore_errors was reported as not applied (A2C-BLOCK-KEYWORD); the task now carries it.
    expect(outputText(r, 'site_playbook/recipes/play1_all_tasks.rb')).toContain("  ignore_failure true\n  user 'app'\n");
  });

  it('every block keyword of the table reaches the tasks or changes nothing there', () => {
    // block, rescue and always are the block's parts, not keywords handed down.
    const blockKeywords = [...builtinKeywords()].filter(([, e]) => e.on.includes('block') && e.use?.kind !== 'block-part').map(([k]) => k);
    expect(blockKeywords.filter((k) => !blockKeywordHandled(k))).toEqual([]);
  });
});

describe('play keywords Ansible hands down to the tasks', () => {
  it('a play-level environment or become_user the converted tasks do not carry is reported, not dropped', async () => {
    const r = await convertProject({
      'site.yml':
        '- hosts: all\n  environment:\n    http_proxy: http://proxy:3128\n  become_user: app\n  tags: [web]\n  tasks:\n    - command: /bin/true\n',
    });
    const loud = r.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic);
    expect(loud).toEqual([
      "site.yml:3:5: warning A2C-TODO-PLAY-KEYWORD play keyword environment is not applied: the play's tasks run without that environment",
      "site.yml:4:16: warning A2C-TODO-PLAY-KEYWORD play keyword become_user is not applied: the play's tasks run as root, not as that user",
    ]);
  });

  it('become_user root, on a play or on a task of any module, is how Chef runs already: converted, no TODO', async () => {
    const r = await convertProject({
      'site.yml': [
        '- hosts: all',
        '  become: true',
        '  become_user: root',
        '  tasks:',
        '    - name: As root',
        '      ansible.builtin.file: { path: /etc/app, state: directory }',
        '      become: true',
        '      become_user: root',
        '    - name: As app',
        '      ansible.builtin.file: { path: /srv/app, state: directory }',
        '      become: true',
        '      become_user: app',
        '',
      ].join('\n'),
    });
    const loud = r.diagnostics.filter((d) => d.severity !== 'info').map(formatDiagnostic);
    expect(loud).toEqual(['site.yml:12:20: warning A2C-TODO-KEYWORD become_user is converted only for commands']);
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'todo']);
  });
});
