// get_url -> remote_file, by force and checksum. Without force, Ansible 2.14 asks with
// If-Modified-Since from the existing file's mtime (its docs say it downloads only when dest is
// missing; the module does not): the conversion sends the same header, computed when the resource
// converges, and turns Chef's own cached conditional GET off. Checked against the real module and a
// real HTTP server: the header A2C::Tasks.if_modified_since builds gets a 304 exactly where Ansible
// keeps the file, and a 200 where Ansible replaces it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');

async function body(task: string): Promise<string> {
  return recipeBody(await convertRole({ 'tasks/main.yml': task }), 'demo');
}

describe('get_url force and checksum', () => {
  it("without force: If-Modified-Since from the existing file, Chef's cached conditional GET off", async () => {
    const b = await body('- get_url: url=https://example.com/a.tgz dest=/opt/a.tgz\n');
    expect(b).toContain(
      ["  headers lazy { A2C::Tasks.if_modified_since('/opt/a.tgz') }", '  use_etag false', '  use_last_modified false'].join('\n'),
    );
    expect(b).not.toContain('create_if_missing');
  });

  it("keeps the task's headers", async () => {
    const b = await body(
      '- get_url:\n    url: https://example.com/a.tgz\n    dest: /opt/a.tgz\n    force: no\n    headers: {X-Token: abc}\n',
    );
    expect(b).toContain("  headers lazy { A2C::Tasks.if_modified_since('/opt/a.tgz', { 'X-Token' => 'abc' }) }");
  });

  it('force: yes and a checksum are plain :create (fetched each run / kept while the checksum matches)', async () => {
    for (const task of [
      '- get_url: url=https://example.com/a.tgz dest=/opt/a.tgz force=yes\n',
      `- get_url: url=https://example.com/a.tgz dest=/opt/a.tgz checksum=sha256:${'a'.repeat(64)}\n`,
    ]) {
      const b = await body(task);
      expect(b).not.toContain('if_modified_since');
      expect(b).not.toContain('use_etag');
      expect(b).not.toMatch(/action :create_if_missing/);
    }
  });

  it('a templated force is a TODO (it decides whether the file is fetched again)', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- get_url: url=https://example.com/a dest=/opt/a force={{ refetch }}\n',
      'defaults/main.yml': 'refetch: true\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
  });
});

const haveTools = requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'));
describe.skipIf(!haveTools)('If-Modified-Since: the same answer as the real get_url', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-get-url-'));
  let server: ChildProcess | undefined;
  let port = 0;
  beforeAll(async () => {
    mkdirSync(join(dir, 'srv'));
    writeFileSync(join(dir, 'srv/file.txt'), 'remote\n');
    // The remote file was last modified in 2025: an existing file written before is stale.
    utimesSync(join(dir, 'srv/file.txt'), new Date('2025-06-01T00:00:00Z'), new Date('2025-06-01T00:00:00Z'));
    const script =
      'import http.server,sys,functools\nh=functools.partial(http.server.SimpleHTTPRequestHandler,directory=sys.argv[1])\ns=http.server.HTTPServer(("127.0.0.1",0),h)\nprint(s.server_address[1],flush=True)\ns.serve_forever()\n';
    server = spawn('/usr/bin/python3', ['-c', script, join(dir, 'srv')], { stdio: ['ignore', 'pipe', 'ignore'] });
    port = await new Promise<number>((ok) => server!.stdout!.once('data', (d: Buffer) => ok(Number(String(d).trim()))));
  });
  afterAll(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A local file with other content, last written at `when`. */
  function local(name: string, when: string): string {
    const p = join(dir, name);
    writeFileSync(p, 'local\n');
    utimesSync(p, new Date(when), new Date(when));
    return p;
  }

  it('a file older than the remote one is fetched, a newer one is kept', () => {
    const cases = { older: '2024-01-01T00:00:00Z', newer: '2026-01-01T00:00:00Z' };
    const url = `http://127.0.0.1:${port}/file.txt`;
    // Ansible: one playbook run, get_url without force on each file.
    const tasks = Object.entries(cases).map(([n, when]) => `    - get_url: url=${url} dest=${local(`ansible-${n}`, when)}\n`);
    writeFileSync(join(dir, 'play.yml'), `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks.join('')}`);
    const a = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (a.status !== 0) throw new Error(`ansible-playbook failed: ${a.stdout}${a.stderr}`);
    const ansible = Object.fromEntries(
      Object.keys(cases).map((n) => [n, readFileSync(join(dir, `ansible-${n}`), 'utf8') === 'remote\n' ? 'fetched' : 'kept']),
    );
    // The converted header, sent by Ruby's Net::HTTP (what Chef's HTTP client uses) to the same server.
    const rubyPaths = Object.entries(cases).map(([n, when]) => local(`chef-${n}`, when));
    const script = [
      "require 'net/http'; require 'a2c_jinja'; require 'a2c_tasks'",
      `ARGV.each { |p| r = Net::HTTP.get_response(URI('${url}'), A2C::Tasks.if_modified_since(p)); puts(r.code == '304' ? 'kept' : r.code == '200' ? 'fetched' : r.code) }`,
    ].join('\n');
    const r = spawnSync('ruby', ['-I', LIBDIR, '-e', script, ...rubyPaths], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const chef = Object.fromEntries(Object.keys(cases).map((n, i) => [n, r.stdout.split('\n')[i]]));
    expect(ansible).toEqual({ older: 'fetched', newer: 'kept' });
    expect(chef).toEqual(ansible);
  });

  it('no existing file: no condition, the file is fetched', () => {
    const r = spawnSync(
      'ruby',
      [
        '-I',
        LIBDIR,
        '-e',
        "require 'a2c_jinja'; require 'a2c_tasks'; puts A2C::Tasks.if_modified_since('/nonexistent/x', { 'X' => '1' }).to_a.flatten.join(',')",
      ],
      { encoding: 'utf8' },
    );
    expect(r.stdout).toBe('X,1\n');
  });
});
