// get_url validate_certs -> remote_file ssl_verify_mode (Chef 16.2+): false is :verify_none, true
// (the module's default) :verify_peer whatever the client's own ssl_verify_mode, a templated value
// decided when the recipe compiles, an omitted one the default. Chef applies the mode through its
// VerifyNoneSSLPolicy / VerifyPeerSSLPolicy (lib/chef/http/ssl_policies.rb), which set Net::HTTP's
// verify_mode to OpenSSL::SSL::VERIFY_NONE / VERIFY_PEER; checked against the real get_url on a
// local HTTPS server with a self-signed certificate: both fetch with checks off and refuse with
// checks on.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

async function body(task: string, defaults = ''): Promise<string> {
  return recipeBody(await convertRole({ 'tasks/main.yml': task, ...(defaults ? { 'defaults/main.yml': defaults } : {}) }), 'demo');
}

describe('get_url validate_certs', () => {
  it('is ssl_verify_mode: literal, templated and omitted values', async () => {
    expect(await body('- get_url: { url: "https://h/a", dest: /a, validate_certs: false }\n')).toContain(
      '  ssl_verify_mode :verify_none\n',
    );
    expect(await body('- get_url: { url: "https://h/a", dest: /a, validate_certs: yes }\n')).toContain('  ssl_verify_mode :verify_peer\n');
    expect(await body('- get_url: { url: "https://h/a", dest: /a, validate_certs: "{{ check }}" }\n', 'check: true\n')).toContain(
      "  ssl_verify_mode node['demo']['check'] == false ? :verify_none : :verify_peer\n",
    );
    const omitted = await body('- get_url: { url: "https://h/a", dest: /a, validate_certs: "{{ nothing | default(omit) }}" }\n');
    expect(omitted).toContain('A2C::Tasks.omit(');
    expect(omitted).toContain(':verify_peer');
    // A value the module would refuse is refused here too.
    const r = await convertRole({ 'tasks/main.yml': '- get_url: { url: "https://h/a", dest: /a, validate_certs: maybe }\n' });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
  });
});

const haveTools =
  requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) &&
  requireOrSkip('ruby and openssl', hasTool('ruby') && hasTool('openssl'));
describe.skipIf(!haveTools)('a self-signed HTTPS server: the real get_url and the verify modes Chef sets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-get-url-tls-'));
  let server: ChildProcess | undefined;
  let port = 0;
  beforeAll(async () => {
    mkdirSync(join(dir, 'srv'));
    writeFileSync(join(dir, 'srv/file.txt'), 'remote\n');
    const cert = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    if (cert.status !== 0) throw new Error(cert.stderr);
    const script = [
      'import http.server,ssl,sys,functools',
      'h=functools.partial(http.server.SimpleHTTPRequestHandler,directory=sys.argv[1])',
      's=http.server.HTTPServer(("127.0.0.1",0),h)',
      'c=ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); c.load_cert_chain(sys.argv[2], sys.argv[3])',
      's.socket=c.wrap_socket(s.socket, server_side=True)',
      'print(s.server_address[1],flush=True)',
      's.serve_forever()',
    ].join('\n');
    server = spawn('/usr/bin/python3', ['-c', script, join(dir, 'srv'), join(dir, 'cert.pem'), join(dir, 'key.pem')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    port = await new Promise<number>((ok) => server!.stdout!.once('data', (d: Buffer) => ok(Number(String(d).trim()))));
  }, 60_000);
  afterAll(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetch with checks off, refuse with checks on, on both sides', () => {
    const url = `https://127.0.0.1:${port}/file.txt`;
    const ansible = Object.fromEntries(
      ['false', 'true'].map((v) => {
        const dest = join(dir, `ansible-${v}`);
        writeFileSync(
          join(dir, 'play.yml'),
          `- hosts: localhost\n  gather_facts: false\n  tasks:\n    - get_url: { url: "${url}", dest: "${dest}", validate_certs: ${v} }\n`,
        );
        const a = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
          encoding: 'utf8',
          env: ansibleEnv(),
          timeout: 120_000,
        });
        return [v, a.status === 0 && existsSync(dest) && readFileSync(dest, 'utf8') === 'remote\n' ? 'fetched' : 'refused'];
      }),
    );
    // Net::HTTP with the verify mode each Chef SSL policy sets (the CA store is the system's, as Chef's default policy has it).
    const script = [
      "require 'net/http'; require 'openssl'",
      'uri = URI(ARGV[0])',
      "{ 'verify_none' => OpenSSL::SSL::VERIFY_NONE, 'verify_peer' => OpenSSL::SSL::VERIFY_PEER }.each do |name, mode|",
      '  http = Net::HTTP.new(uri.host, uri.port); http.use_ssl = true; http.verify_mode = mode',
      '  r = (http.request(Net::HTTP::Get.new(uri)) rescue nil)',
      '  puts "#{name}=#{r && r.body == "remote\\n" ? \'fetched\' : \'refused\'}"',
      'end',
    ].join('\n');
    const r = spawnSync('ruby', ['-e', script, url], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const chef = Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('=') as [string, string]),
    );
    expect(ansible).toEqual({ false: 'fetched', true: 'refused' });
    expect({ false: chef['verify_none'], true: chef['verify_peer'] }).toEqual(ansible);
  }, 240_000);
});
