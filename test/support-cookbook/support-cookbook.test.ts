// The support cookbook's file-editing resources, checked DIFFERENTIALLY against the real Ansible modules:
// every case of test/fixtures/support/file-edit-cases.json is applied to one copy of its input file by
// Ansible's modules (one Python process for the whole batch) and to another copy by A2C::FileEdit (one ruby process);
// the resulting bytes, `changed` and `failed` must agree.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORT_RESOURCES, supportCookbookFiles } from '../../src/support-cookbook/files.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

interface EditCase {
  name: string;
  module: 'lineinfile' | 'blockinfile' | 'replace' | 'ini_file';
  input: string | null;
  params: Record<string, unknown>;
}
interface Outcome {
  changed: boolean;
  failed: boolean;
  content: string | null;
}

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const RUNNER = join(ROOT, 'test/tools/support-file-edit-runner.rb');
const CASES = (JSON.parse(readFileSync(join(ROOT, 'test/fixtures/support/file-edit-cases.json'), 'utf8')) as { cases: EditCase[] }).cases;
const FQCN: Record<EditCase['module'], string> = {
  lineinfile: 'ansible.builtin.lineinfile',
  blockinfile: 'ansible.builtin.blockinfile',
  replace: 'ansible.builtin.replace',
  ini_file: 'community.general.ini_file',
};

const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
const PYTHON = '/usr/bin/python3';
const haveAnsible = requireOrSkip(
  'ansible (Python)',
  hasPythonModule('ansible.modules.lineinfile') && hasPythonModule('ansible_collections.community.general.plugins.modules.ini_file'),
);

function prepare(dir: string): string[] {
  return CASES.map((c, i) => {
    const caseDir = join(dir, `case-${i}`);
    mkdirSync(caseDir, { recursive: true });
    const path = join(caseDir, 'target.conf');
    if (c.input !== null) writeFileSync(path, c.input, 'utf8');
    return path;
  });
}

function readOutcomes(paths: string[], flags: Array<{ changed: boolean; failed: boolean }>): Outcome[] {
  return paths.map((p, i) => ({
    changed: flags[i]?.changed ?? false,
    failed: flags[i]?.failed ?? false,
    content: existsSync(p) ? readFileSync(p, 'latin1') : null,
  }));
}

function runAnsible(dir: string): Outcome[] {
  const paths = prepare(dir);
  // Ansible's own modules, all cases in one Python process (test/tools/support-file-edit-ansible.py):
  // ansible-playbook forks a worker and a module process per task, which took minutes for this batch
  // on a loaded machine; the module code and its arguments are the same.
  const batch = CASES.map((c, i) => ({ module: FQCN[c.module], params: { path: paths[i], ...c.params } }));
  const run = spawnSync(PYTHON, [join(ROOT, 'test/tools/support-file-edit-ansible.py')], {
    input: JSON.stringify(batch),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the Ansible module runner failed:\n${run.stderr}`);
  const raw = JSON.parse(run.stdout) as Array<{ changed: boolean; failed: boolean }>;
  return readOutcomes(paths, raw);
}

function runRuby(dir: string): Array<Outcome & { msg: string }> {
  const paths = prepare(dir);
  const casesFile = join(dir, 'cases.json');
  writeFileSync(casesFile, JSON.stringify(CASES.map((c, i) => ({ id: i, module: c.module, params: c.params, path: paths[i] }))));
  const run = spawnSync('ruby', [RUNNER, LIBDIR, casesFile], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ruby runner failed:\n${run.stderr}`);
  const raw = JSON.parse(run.stdout) as Array<{ changed: boolean; failed: boolean; msg: string }>;
  return readOutcomes(paths, raw).map((o, i) => ({ ...o, msg: raw[i]?.msg ?? '' }));
}

describe.skipIf(!(haveRuby && haveAnsible))('A2C::FileEdit matches the real Ansible modules', () => {
  let work: string;
  let expected: Outcome[];
  let actual: Array<Outcome & { msg: string }>;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'a2c-support-'));
    expected = runAnsible(join(work, 'ansible'));
    actual = runRuby(join(work, 'ruby'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('really ran the modules: some cases change the file, few fail', () => {
    expect(expected.filter((o) => o.changed).length).toBeGreaterThan(CASES.length / 2);
    expect(expected.filter((o) => o.failed).length).toBeLessThan(CASES.length / 8);
  });

  it('covers every module with at least 12 cases', () => {
    for (const mod of Object.keys(FQCN)) {
      expect(CASES.filter((c) => c.module === mod).length).toBeGreaterThanOrEqual(12);
    }
  });

  it.each(CASES.map((c, i) => [`${c.module}: ${c.name}`, i] as const))('%s', (_label, i) => {
    const want = expected[i];
    const got = actual[i];
    expect({ changed: got?.changed, failed: got?.failed, content: got?.content }, got?.msg).toEqual(want);
  });
});

describe.skipIf(!haveRuby)('support cookbook Ruby sources', () => {
  it('every .rb file passes ruby -c', () => {
    const rbFiles = supportCookbookFiles().filter((f) => f.path.endsWith('.rb'));
    expect(rbFiles.length).toBeGreaterThan(5);
    for (const f of rbFiles) {
      const run = spawnSync('ruby', ['-c'], { input: f.content, encoding: 'utf8' });
      expect(run.status, `${f.path}: ${run.stderr}`).toBe(0);
    }
  });

  it('rejects Python regex constructs it cannot translate, with a clear error', () => {
    const script = `
      require '${join(LIBDIR, 'a2c_python_regex.rb')}'
      ['(a)(?(1)b|c)', '\\\\p{L}', '(?<name>x)', '[a-z]\\\\z', '(?L)a'].each do |pat|
        begin
          A2C::PythonRegex.compile(pat)
          puts "accepted #{pat}"
        rescue A2C::PythonRegex::Error => e
          puts "rejected: #{e.message}"
        end
      end`;
    const run = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/^rejected: .*(cannot translate|not supported)/);
  });
});

describe('supportCookbookFiles and SUPPORT_RESOURCES', () => {
  const files = supportCookbookFiles();

  it('lists the cookbook deterministically, sorted by path', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('metadata.rb');
    expect(paths).toContain('README.md');
    expect(paths).toContain('libraries/a2c_file_edit.rb');
    expect(supportCookbookFiles()).toEqual(files);
    expect(paths.every((p) => !p.startsWith('/') && !p.includes('\\'))).toBe(true);
  });

  it('names the cookbook ansible2chef_support without Supermarket dependencies', () => {
    const metadata = files.find((f) => f.path === 'metadata.rb')?.content ?? '';
    expect(metadata).toMatch(/^name 'ansible2chef_support'$/m);
    expect(metadata).not.toMatch(/^depends /m);
  });

  it('describes exactly the properties and actions each resource file declares', () => {
    const inResources = files.filter((f) => f.path.startsWith('resources/'));
    // Chef loads no resource from a file named '_x.rb': it is a partial that `use '_x'` evaluates in the resource.
    const partials = new Map(inResources.filter((f) => f.path.startsWith('resources/_')).map((f) => [f.path, f.content]));
    expect([...partials.keys()].sort()).toEqual([
      'resources/_file_edit.rb',
      'resources/_mysql_login.rb',
      'resources/_openstack.rb',
      'resources/_rabbitmqctl.rb',
    ]);
    const resourceFiles = inResources
      .filter((f) => !partials.has(f.path))
      .map((f) => ({
        path: f.path,
        content: f.content.replace(
          /^use '_?(\w+)'$/gm,
          (_m, name: string) => partials.get(`resources/_${name}.rb`) ?? `missing partial ${name}`,
        ),
      }));
    expect(resourceFiles.map((f) => f.path).sort()).toEqual([
      'resources/apt_package.rb',
      'resources/apt_update.rb',
      'resources/assemble.rb',
      'resources/authorized_key.rb',
      'resources/block.rb',
      'resources/capability.rb',
      'resources/converge_loop.rb',
      'resources/deb822_repository.rb',
      'resources/debconf.rb',
      'resources/directory.rb',
      'resources/filesystem.rb',
      'resources/get_url_directory.rb',
      'resources/ini_setting.rb',
      'resources/line.rb',
      'resources/lvg.rb',
      'resources/lvol.rb',
      'resources/make.rb',
      'resources/mysql_database.rb',
      'resources/mysql_query.rb',
      'resources/mysql_replication.rb',
      'resources/mysql_user.rb',
      'resources/openssl_csr.rb',
      'resources/openstack_domain.rb',
      'resources/openstack_endpoint.rb',
      'resources/openstack_group.rb',
      'resources/openstack_project.rb',
      'resources/openstack_role.rb',
      'resources/openstack_role_assignment.rb',
      'resources/openstack_service.rb',
      'resources/openstack_user.rb',
      'resources/rabbitmq_plugin.rb',
      'resources/rabbitmq_policy.rb',
      'resources/rabbitmq_user.rb',
      'resources/rabbitmq_vhost.rb',
      'resources/replace.rb',
      'resources/ssh_key.rb',
      'resources/ufw.rb',
      'resources/user_groups.rb',
    ]);
    const declared: Record<string, { actions: string[]; properties: string[] }> = {};
    for (const f of resourceFiles) {
      const name = /^provides :(\w+)/m.exec(f.content)?.[1] ?? f.path;
      declared[name] = {
        actions: [...f.content.matchAll(/^action :(\w+)/gm)].map((m) => m[1] ?? '').sort(),
        properties: [...f.content.matchAll(/^property :(\w+)/gm)].map((m) => m[1] ?? '').sort(),
      };
    }
    const described = Object.fromEntries(
      Object.entries(SUPPORT_RESOURCES).map(([name, r]) => [
        name,
        {
          actions: r.actions.filter((a) => a !== 'nothing').sort(),
          properties: Object.keys(r.properties).sort(),
        },
      ]),
    );
    expect(described).toEqual(declared);
  });
});

// Keep the fixture folder honest: only the cases file lives there.
it('support fixtures contain only the cases table', () => {
  expect(readdirSync(join(ROOT, 'test/fixtures/support'))).toEqual(['file-edit-cases.json']);
});
