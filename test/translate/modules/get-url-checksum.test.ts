// get_url with a templated `checksum: "sha256:{{ digest }}"` -> remote_file's checksum, read when
// the resource converges by A2C::Tasks.sha256_checksum as the module reads it. Differential: each
// checksum text given to the real get_url (a local HTTP server's file) and to the helper. Where
// Ansible downloads and verifies, the helper gives the file's SHA-256 (Chef verifies the same
// digest); where Ansible refuses the text, the helper fails with the module's message; where
// Ansible's digest does not match, the helper gives that digest (Chef's ChecksumMismatch); a
// digest Chef would compare otherwise (another algorithm, not 64 digits) fails the run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');
const CONTENT = 'remote file\n';
const SHA256 = createHash('sha256').update(CONTENT).digest('hex');
const MD5 = createHash('md5').update(CONTENT).digest('hex');

describe('a templated sha256 checksum', () => {
  it('is read by the helper when the resource converges (lazy: a skipped task never reads it)', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'pkg_sha256: ""\nmethod: repo\n',
      'tasks/main.yml':
        '- get_url:\n    url: https://example.com/a.deb\n    dest: /opt/a.deb\n    checksum: "sha256:{{ pkg_sha256 }}"\n  when: method == "file"\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(recipeBody(r, 'demo')).toContain(`checksum lazy { A2C::Tasks.sha256_checksum("sha256:#{node['demo']['pkg_sha256']}") }`);
  });

  it('another algorithm, or one chosen when the task runs, stays a TODO', async () => {
    for (const checksum of ['md5:{{ d }}', '{{ algo }}:{{ d }}', '{{ whole }}']) {
      const r = await convertRole({
        'defaults/main.yml': 'd: x\nalgo: sha256\nwhole: "sha256:x"\n',
        'tasks/main.yml': `- get_url:\n    url: https://example.com/a\n    dest: /opt/a\n    checksum: "${checksum}"\n`,
      });
      expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
      expect(r.diagnostics.map((d) => d.code)).toContain('A2C-TODO-CHECKSUM');
    }
  });
});

describe('a checksum that is one variable', () => {
  const digest = 'ab'.repeat(32);
  it('converts where every definition of the variable in the input is sha256:<digest> (read by the same helper)', async () => {
    const r = await convertRole({
      'defaults/main.yml': `sum: "sha256:${digest}"\nmethod: repo\n`,
      'vars/main.yml': `sum: "sha256:${'CD'.repeat(32)}"\n`,
      'tasks/main.yml':
        '- get_url:\n    url: https://example.com/a.deb\n    dest: /opt/a.deb\n    checksum: "{{ sum }}"\n  when: method == "file"\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(recipeBody(r, 'demo')).toContain("checksum lazy { A2C::Tasks.sha256_checksum(node['demo']['sum']) }");
  });

  it('stays a TODO where one definition is another algorithm, not 64 digits, or templated', async () => {
    for (const other of ['"sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709"', '"sha256:abc"', '"sha256:{{ d }}"']) {
      const r = await convertRole({
        'defaults/main.yml': `sum: "sha256:${digest}"\nd: x\n`,
        'vars/main.yml': `sum: ${other}\n`,
        'tasks/main.yml': '- get_url:\n    url: https://example.com/a\n    dest: /opt/a\n    checksum: "{{ sum }}"\n',
      });
      expect(
        r.tasks.map((t) => t.outcome),
        other,
      ).toEqual(['todo']);
      expect(r.diagnostics.map((d) => d.code)).toContain('A2C-TODO-CHECKSUM');
    }
  });
});

const haveTools = requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'));
describe.skipIf(!haveTools)('the checksum text: the real get_url vs A2C::Tasks.sha256_checksum', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-get-url-sum-'));
  let server: ChildProcess | undefined;
  let port = 0;
  beforeAll(async () => {
    mkdirSync(join(dir, 'srv'));
    writeFileSync(join(dir, 'srv/file.txt'), CONTENT);
    const script =
      'import http.server,sys,functools\nh=functools.partial(http.server.SimpleHTTPRequestHandler,directory=sys.argv[1])\ns=http.server.HTTPServer(("127.0.0.1",0),h)\nprint(s.server_address[1],flush=True)\ns.serve_forever()\n';
    server = spawn('/usr/bin/python3', ['-c', script, join(dir, 'srv')], { stdio: ['ignore', 'pipe', 'ignore'] });
    port = await new Promise<number>((ok) => server!.stdout!.once('data', (d: Buffer) => ok(Number(String(d).trim()))));
  });
  afterAll(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  // [checksum text, what Ansible does, what the conversion does]
  const CASES: Array<[string, 'ok' | 'mismatch' | string, 'digest' | 'refused' | string]> = [
    [`sha256:${SHA256}`, 'ok', 'digest'],
    [`sha256:${SHA256.toUpperCase()}`, 'ok', 'digest'],
    [`sha256: ${SHA256.slice(0, 10)}-${SHA256.slice(10)} `, 'ok', 'digest'],
    [`sha256:${SHA256.slice(0, 8)}\u200b${SHA256.slice(8)}`, 'ok', 'digest'],
    [`sha256:${'0'.repeat(64)}`, 'mismatch', 'digest'],
    ['sha256:', 'The checksum format is invalid', 'The checksum format is invalid'],
    ['sha256:not-hex', 'The checksum format is invalid', 'The checksum format is invalid'],
    [
      'no colon',
      'The checksum parameter has to be in format <algorithm>:<checksum>',
      'The checksum parameter has to be in format <algorithm>:<checksum>',
    ],
    [`sha256:${SHA256.slice(0, 12)}`, 'mismatch', 'refused'],
    [`md5:${MD5}`, 'ok', 'refused'],
  ];

  it('gives what the module checks, or fails as it fails', () => {
    const url = `http://127.0.0.1:${port}/file.txt`;
    const tasks = CASES.map(
      ([text], i) =>
        `    - get_url:\n        url: ${url}\n        dest: ${join(dir, `dest-${i}`)}\n        checksum: ${JSON.stringify(text)}\n      register: r${i}\n      ignore_errors: true\n`,
    );
    const show = CASES.map((_, i) => `{{ r${i}.msg | default('ok') if r${i}.failed else 'ok' }}`).join('\\n');
    writeFileSync(
      join(dir, 'play.yml'),
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks.join('')}    - copy:\n        dest: ${join(dir, 'results.txt')}\n        content: "${show}\\n"\n`,
    );
    const a = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (a.status !== 0) throw new Error(`ansible-playbook failed: ${a.stdout}${a.stderr}`);
    const ansible = readFileSync(join(dir, 'results.txt'), 'utf8').trimEnd().split('\n');

    const script = [
      "require 'json'; require 'a2c_jinja'; require 'a2c_tasks'",
      'JSON.parse(STDIN.read).each do |text|',
      '  puts(begin',
      '    A2C::Tasks.sha256_checksum(text)',
      '  rescue A2C::Tasks::UnknownValue => e',
      "    e.message.start_with?('ansible2chef:') ? 'refused' : e.message",
      '  end)',
      'end',
    ].join('\n');
    const r = spawnSync('ruby', ['-I', LIBDIR, '-e', script], { encoding: 'utf8', input: JSON.stringify(CASES.map(([t]) => t)) });
    expect(r.stderr).toBe('');
    const chef = r.stdout.trimEnd().split('\n');

    CASES.forEach(([text, wantAnsible, wantChef], i) => {
      const got = ansible[i]!;
      expect(wantAnsible === 'mismatch' ? /did not match/.test(got) : got === wantAnsible, `${text}: Ansible says ${got}`).toBe(true);
      if (wantChef === 'digest') {
        // Chef downloads and compares the file's SHA-256 with this digest: equal exactly where Ansible's check passes.
        expect(chef[i], text).toMatch(/^[0-9a-f]{64}$/);
        expect(chef[i] === SHA256, text).toBe(wantAnsible === 'ok');
      } else {
        expect(chef[i], text).toBe(wantChef);
      }
    });
  });
});
