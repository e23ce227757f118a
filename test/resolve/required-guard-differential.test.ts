// A required input's guard (resolve/required-guards.ts) against real Ansible: a role that fails when
// db_pw is undefined or None, then prints it into a template, keeps it in its vars' data (a list of
// users) and tests it again (`db_pw is not none`) after the guard. The converted cookbook reads it
// as plain Chef under a text-or-integer contract: for a str or an int, ansible-playbook and the
// converted run (compiled and converged by test/tools/converge-render.rb) write the same files;
// None and an unset variable fail both runs, Chef's first (A2C::Inputs.check! / Chef's strict
// read, where Ansible fails at the guard); a boolean, a list or 'True', which Ansible prints as
// Python does, fail the converted run naming the variable instead of printing otherwise.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { withLocalPlay } from '../helpers/local-play.js';
import { convergeRender } from '../helpers/converge-render.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';
import { compileCheckDir } from '../../src/scripts/chef-compile.js';

const schemaFile = join(SHARED, 'chef/resources.json');
const UNSET = Symbol('unset');

function project(out: string): Record<string, string> {
  return {
    'site.yml': '- hosts: all\n  gather_facts: false\n  connection: local\n  roles: [db]\n',
    'inventory.ini': 'localhost\n',
    'roles/db/vars/main.yml': 'db_users:\n  - name: root\n    password: "{{ db_pw }}"\n',
    'roles/db/tasks/main.yml': [
      '- name: Fail if the password is not provided',
      '  fail:',
      '    msg: Please set db_pw',
      '  when: (db_pw is undefined) or (db_pw is none)',
      '- name: render',
      `  template: { src: client.cnf.j2, dest: "${out}/client.cnf" }`,
      '- name: after',
      `  copy: { content: "pw={{ db_pw }}", dest: "${out}/after.txt" }`,
      '  when: db_pw is not none',
      '',
    ].join('\n'),
    'roles/db/templates/client.cnf.j2': '[client]\npassword={{ db_pw }}\nusers={{ db_users | length }} {{ db_users[0].password }}\n',
  };
}

type Outcome = { files: Record<string, string> } | { error: string };

/** ansible-playbook's run with db_pw given as an extra variable (or not at all). */
function ansibleRun(value: unknown): Outcome {
  return withLocalPlay(
    (dir) => project(dir),
    (run) => {
      if (run.status !== 0) return { error: run.log };
      const read = (f: string) => readFileSync(join(run.dir, f), 'utf8');
      return { files: { 'client.cnf': read('client.cnf'), 'after.txt': read('after.txt') } };
    },
    value === UNSET ? undefined : { db_pw: value },
  );
}

/** The converted run on the node file holding db_pw (or not): its compile-phase failure, else the files it converges. */
function chefRun(dir: string, value: unknown): Outcome {
  const nodeFile = join(dir, 'nodes/localhost.json');
  const node = JSON.parse(readFileSync(nodeFile, 'utf8')) as Record<string, unknown>;
  node['normal'] = value === UNSET ? {} : { ansible: { db_pw: value } };
  writeFileSync(nodeFile, JSON.stringify(node));
  const [compiled] = compileCheckDir(dir, { factsFile: GROUND_TRUTH, schemaFile });
  if (compiled?.outcome !== 'ok') return { error: `${compiled?.outcome} ${compiled?.error}: ${compiled?.message}` };
  const events = convergeRender(dir, schemaFile)['localhost'] ?? [];
  const failed = events.find((e) => e.error !== undefined);
  if (failed) return { error: failed.error! };
  const text = (suffix: string) => events.find((e) => e.id.endsWith(`${suffix}]`))?.text ?? '(not written)';
  return { files: { 'client.cnf': text('/client.cnf'), 'after.txt': text('/after.txt') } };
}

describe('a guarded required input', () => {
  it('gets a text-or-integer contract and prints plain', async () => {
    const r = await convertProject(project('/etc/db'));
    expect(outputText(r, 'db/templates/client.cnf.erb')).toContain("password=<%= node.read!('ansible', 'db_pw') %>");
    expect(outputText(r, 'db/attributes/default.rb')).toContain("'password' => node.read!('ansible', 'db_pw')");
    expect(outputText(r, 'db/libraries/input_contracts.rb')).toMatch(/'db_pw' => \{\s+type: :str_or_int,/);
    // The guard stays: the user's own check, before anything reads the value.
    expect(outputText(r, 'db/recipes/default.rb')).toContain("raise('Please set db_pw')");
    expect(outputText(r, 'CONVERSION.md')).toMatch(
      /\| `db_pw` \| text or integer \(`str\\\|int`\), inferred from use: tested at roles\/db\/tasks\/main.yml:4/,
    );
  });
});

const tools = requireOrSkip(
  'ansible-playbook, ruby, erubis and shared/chef',
  hasTool('ansible-playbook') && hasTool('ruby') && existsSync(schemaFile) && existsSync(GROUND_TRUTH),
);

describe.skipIf(!tools)('a guarded required input vs real Ansible', () => {
  const converted = async (use: (dir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-guard-'));
    try {
      const r = await convertProject(project('/etc/db'));
      for (const [path, content] of r.files) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('writes the same files for a str or an int', async () => {
    await converted((dir) => {
      for (const v of ['s3cret', 42, '', 'ends\n', 'None']) {
        const want = ansibleRun(v);
        expect(want, JSON.stringify(v)).toHaveProperty('files');
        expect(chefRun(dir, v), JSON.stringify(v)).toEqual(want);
      }
    });
    // The play's own sanity: the value printed, kept in the users' data, the task after the guard run.
    const plain = ansibleRun(42);
    expect(plain).toEqual({ files: { 'client.cnf': '[client]\npassword=42\nusers=1 42\n', 'after.txt': 'pw=42' } });
  });

  it('fails both runs on None or an unset variable, the converted one naming it', async () => {
    await converted((dir) => {
      for (const v of [null, UNSET]) {
        const want = ansibleRun(v);
        expect(want, String(v)).toMatchObject({ error: expect.stringContaining('Please set db_pw') });
        const got = chefRun(dir, v);
        expect(got, String(v)).toMatchObject({
          error:
            v === null
              ? expect.stringMatching(/^failed A2C::Inputs::TypeMismatch: 'db_pw' .* is None, not str\|int/)
              : expect.stringMatching(/^required-input .*ansible.db_pw/),
        });
      }
    });
  });

  it('refuses a boolean, a list or text Ansible re-reads, which Ansible prints as Python does', async () => {
    await converted((dir) => {
      for (const [v, printed] of [
        [true, 'password=True'],
        [['a'], "password=['a']"],
        ['True', 'password=True'],
        [{ k: 1 }, "password={'k': 1}"],
      ] as const) {
        const want = ansibleRun(v);
        expect(want, JSON.stringify(v)).toMatchObject({ files: { 'client.cnf': expect.stringContaining(printed) } });
        expect(chefRun(dir, v), JSON.stringify(v)).toMatchObject({
          error: expect.stringMatching(/^failed A2C::Inputs::TypeMismatch: 'db_pw' \(node\['ansible'\]\['db_pw'\]\) is .*, not str\|int/),
        });
      }
    });
  });
});
