// with_fileglob over a role's own files: the items are known at conversion time, so a copy of
// `{{ item }}` becomes one resource per matching file; a search that could leave the role, or a
// use of the item as text (a path on the controller), stays a TODO. Checked against
// ansible-playbook: the files it writes are the cookbook_file resources, with the same contents.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../helpers/workflow.js';
import { convertProject, convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';
import { existsSync } from 'node:fs';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { GROUND_TRUTH, SHARED } from '../../helpers/shared.js';

const copyTask = (glob: string, dest = '/etc/app/', name = 'Copy the snippets') =>
  `- name: ${name}\n  copy:\n    src: "{{ item }}"\n    dest: ${dest}\n  with_fileglob:\n    - "${glob}"\n`;

const ROLE_FILES = {
  'files/conf.d/b.conf': 'b\n',
  'files/conf.d/a.conf': 'a\n',
  'files/conf.d/.hidden': 'h\n',
  'files/conf.d/sub/c.conf': 'c\n',
  'files/top.txt': 'top\n',
  'files/other.cfg': 'other\n',
  'extras/x.conf': 'x\n',
};

describe('with_fileglob', () => {
  it('copies each matching regular file of the role (not hidden ones, not folders) into the dest folder', async () => {
    const r = await convertRole({ 'tasks/main.yml': copyTask('conf.d/*'), ...ROLE_FILES });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("the fileglob loop matches 2 of the role's files");
    expect([...body.matchAll(/cookbook_file '([^']+)' do\n {2}source '([^']+)'/g)].map((m) => [m[1], m[2]])).toEqual([
      ['/etc/app/a.conf', 'conf.d/a.conf'],
      ['/etc/app/b.conf', 'conf.d/b.conf'],
    ]);
    expect(outputText(r, 'demo/files/conf.d/a.conf')).toBe('a\n');
  });

  it('finds a folder outside files/ and a pattern without a folder, as the lookup searches them', async () => {
    const r = await convertRole({
      'tasks/main.yml': copyTask('extras/*.conf', '/opt/x/') + copyTask('*.txt', '/opt/t/'),
      ...ROLE_FILES,
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    const body = recipeBody(r, 'demo');
    expect(body).toMatch(/cookbook_file '\/opt\/x\/x.conf' do\n {2}source 'extras\/x.conf'/);
    expect(body).toMatch(/cookbook_file '\/opt\/t\/top.txt' do\n {2}source 'top.txt'/);
  });

  it('converts an existing role folder with no match to no resource (the loop has no items)', async () => {
    const r = await convertRole({ 'tasks/main.yml': copyTask('conf.d/*.none'), ...ROLE_FILES });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(recipeBody(r, 'demo')).not.toContain('cookbook_file');
  });

  it("keeps a TODO when the folder is not in the role: the playbook's folder would be searched next", async () => {
    const r = await convertRole({ 'tasks/main.yml': copyTask('dashboards/*'), ...ROLE_FILES });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect(recipeBody(r, 'demo')).toContain(
      'folder dashboards is not in the role (files/dashboards, dashboards), so the search continues in the folders of the roles depending on it and of the playbook that runs it',
    );
  });

  it('knows `item | basename` (the file name) in other arguments, and renders templates found by the glob', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: Render each\n  template:\n    src: "{{ item }}"\n',
        `    dest: "/etc/x/{{ item | basename | regex_replace('\\\\.j2$', '') }}"\n`,
        '  with_fileglob: "templates/*.j2"\n',
        '- name: Copy each\n  copy:\n    src: "{{ item }}"\n    dest: "/etc/y/{{ item|basename }}"\n    mode: "0644"\n',
        '  with_fileglob: "*.cfg"\n',
      ].join(''),
      'templates/a.conf.j2': 'hello {{ greeting }}\n',
      'defaults/main.yml': 'greeting: hi\n',
      ...ROLE_FILES,
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted']);
    const body = recipeBody(r, 'demo');
    expect(body).toContain(`template "/etc/x/#{A2C::Jinja.regex_replace('a.conf.j2', /\\.j2\\Z/, [])}" do\n  source 'a.conf.erb'`);
    expect(body).toContain("cookbook_file '/etc/y/other.cfg' do\n  source 'other.cfg'\n  mode '0644'");
  });

  it('reads loop: query/lookup(wantlist) of fileglob the same way; lookup without wantlist is a string, not converted', async () => {
    const loop = (expr: string) => `- copy:\n    src: "{{ item }}"\n    dest: /etc/app/\n  loop: "{{ ${expr} }}"\n`;
    const r = await convertRole({
      'tasks/main.yml': [
        loop("query('fileglob', 'conf.d/*')"),
        loop("lookup('fileglob', 'conf.d/*', wantlist=True)"),
        loop("q('fileglob', 'nowhere/*')"),
        loop("lookup('fileglob', 'conf.d/*')"),
      ].join(''),
      ...ROLE_FILES,
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'todo', 'todo']);
    const body = recipeBody(r, 'demo');
    expect(body.match(/cookbook_file '\/etc\/app\/a.conf'/g)).toHaveLength(2);
    expect(body).toContain("query('fileglob'): folder nowhere is not in the role");
  });

  it('keeps a TODO for templated or absolute patterns and for the item used as text', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        copyTask('{{ sub }}/*'),
        copyTask('/tmp/dashboards/*'),
        '- name: Post each\n  uri:\n    url: http://x/api\n    body: \'{{ lookup("file", item) }}\'\n  with_fileglob: "conf.d/*"\n',
        '- name: Named\n  copy:\n    src: "{{ item }}"\n    dest: "/etc/{{ item | dirname | basename }}.conf"\n  with_fileglob: "conf.d/*"\n',
      ].join(''),
      ...ROLE_FILES,
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo', 'todo', 'todo', 'todo']);
    const body = recipeBody(r, 'demo');
    expect(body).toContain('pattern {{ sub }}/* is templated');
    expect(body).toContain('pattern /tmp/dashboards/* is an absolute path on the Ansible controller');
    expect(body).toContain('only copy and template with src: "{{ item }}"');
    expect(body).toContain("'item' is the file's absolute path on the Ansible controller");
    // A string that only looks like the filter is text, not the item.
    const quoted = await convertRole({
      'tasks/main.yml':
        '- copy:\n    src: "{{ item }}"\n    dest: "/etc/{{ \'item | basename\' }}{{ item }}"\n  with_fileglob: "conf.d/*"\n',
      ...ROLE_FILES,
    });
    expect(quoted.tasks.map((t) => t.outcome)).toEqual(['todo']);
    // Two files to one dest without a trailing /: a folder on the node, which the dest does not say.
    const same = await convertRole({ 'tasks/main.yml': copyTask('conf.d/*', '/etc/app'), ...ROLE_FILES });
    expect(same.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect(recipeBody(same, 'demo')).toContain('2 files go to the same dest /etc/app, a folder on the node');
    const templated = await convertRole({
      'tasks/main.yml': copyTask('conf.d/*', '"{{ app_dir }}"'),
      'defaults/main.yml': 'app_dir: /etc/app\n',
      ...ROLE_FILES,
    });
    expect(recipeBody(templated, 'demo')).toContain('2 files go to the same dest {{ app_dir }}, a folder on the node');
    const intoTemplated = await convertRole({ 'tasks/main.yml': copyTask('conf.d/*', '"{{ app_dir }}/"'), ...ROLE_FILES });
    expect(recipeBody(intoTemplated, 'demo')).toContain('a templated dest ending in / (a folder to copy into) is not converted');
  });
});

/** Files ansible-playbook wrote under <dir>/out, by path relative to dir, with their contents. */
function ansibleCopies(files: (dir: string) => Record<string, string>): { written: Record<string, string>; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-fileglob-'));
  try {
    const tree = files(dir);
    writeTree(dir, tree);
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
      cwd: dir,
      encoding: 'utf8',
      env: ansibleEnv({ ANSIBLE_GATHERING: 'explicit' }),
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const written: Record<string, string> = {};
    const walk = (rel: string) => {
      for (const e of readdirSync(join(dir, rel), { withFileTypes: true }))
        if (e.isDirectory()) walk(join(rel, e.name));
        else written[join(rel, e.name)] = readFileSync(join(dir, rel, e.name), 'utf8');
    };
    walk('out');
    return { written, files: tree };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))('with_fileglob against ansible-playbook', () => {
  it('writes the files the cookbook_file resources write, and no others', async () => {
    let root = '';
    const { written, files } = ansibleCopies((dir) => {
      root = dir;
      const role = Object.fromEntries(Object.entries(ROLE_FILES).map(([p, t]) => [`roles/demo/${p}`, t]));
      return {
        'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [demo]\n',
        'roles/demo/tasks/main.yml':
          copyTask('conf.d/*', `${dir}/out/conf/`) +
          copyTask('extras/*.conf', `${dir}/out/extras/`) +
          copyTask('*.txt', `${dir}/out/txt/`) +
          copyTask('conf.d/*.none', `${dir}/out/none/`) +
          copyTask('dashboards/*', `${dir}/out/dash/`) +
          `- copy:\n    src: "{{ item }}"\n    dest: "${dir}/out/conf/{{ item | basename }}.bak"\n  with_fileglob: "*.cfg"\n` +
          `- copy:\n    src: "{{ item }}"\n    dest: "${dir}/out/q/"\n  loop: "{{ query('fileglob', 'extras/*.conf') }}"\n`,
        ...role,
        // Only the playbook's folder has dashboards/: Ansible copies them, the conversion keeps a TODO.
        'files/dashboards/d.json': '{}\n',
      };
    });
    expect(Object.keys(written).sort()).toEqual([
      'out/conf/a.conf',
      'out/conf/b.conf',
      'out/conf/other.cfg.bak',
      'out/dash/d.json',
      'out/extras/x.conf',
      'out/q/x.conf',
      'out/txt/top.txt',
    ]);
    const r = await convertProject(files);
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted', 'converted', 'converted', 'converted', 'todo', 'converted', 'converted']);
    const body = recipeBody(r, 'demo');
    const made = Object.fromEntries(
      [...body.matchAll(/cookbook_file '([^']+)' do\n {2}source '([^']+)'/g)].map((m) => [
        m[1]!.slice(root.length + 1),
        outputText(r, `demo/files/${m[2]}`),
      ]),
    );
    const { 'out/dash/d.json': fromPlaybook, ...fromRole } = written;
    expect(fromPlaybook).toBe('{}\n');
    expect(made).toEqual(fromRole);
  });
});

const schemaFile = join(SHARED, 'chef/resources.json');
describe.skipIf(
  !(
    requireOrSkip('ruby', hasTool('ruby')) &&
    requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile))
  ),
)('with_fileglob output in Chef', () => {
  it("compiles: one folder, then each file and rendered template, named as Ansible's dest", async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        copyTask('conf.d/*'),
        '- template:\n    src: "{{ item }}"\n',
        `    dest: "/etc/x/{{ item | basename | regex_replace('\\\\.j2$', '') }}"\n`,
        '  with_fileglob: "templates/*.j2"\n',
      ].join(''),
      'templates/a.conf.j2': 'hello {{ greeting }}\n',
      'defaults/main.yml': 'greeting: hi\n',
      ...ROLE_FILES,
    });
    const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile, detail: true });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
    expect(runs[0]!.detail?.map((d) => d.id)).toEqual([
      'directory[/etc/app]',
      'cookbook_file[/etc/app/a.conf]',
      'cookbook_file[/etc/app/b.conf]',
      'template[/etc/x/a.conf]',
    ]);
  });
});
