// A2C::Uri (behind a registered `uri` task) checked DIFFERENTIALLY against ansible-core's own uri module:
// the same requests to the same local HTTP server (test/tools/http-echo-server.py), once through the
// module (test/tools/module-batch-ansible.py) and once through the Ruby library; the registered results
// must agree (status, url, redirected, msg, failed, json, content, the lower-cased headers, cookies).
// The echo server returns what it received, so the request itself (method, encoded body, headers,
// credentials) is compared too.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { rubyRun } from '../helpers/ruby-async.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const ready = requireOrSkip('ruby and ansible-core under /usr/bin/python3', hasTool('ruby') && hasPythonModule('ansible.modules.uri'));

type Result = Record<string, unknown>;

/** What differs between two runs of the same request, not between the two implementations. */
const VOLATILE = ['date', 'server', 'elapsed', 'invocation'];

describe.skipIf(!ready)('A2C::Uri matches ansible.builtin.uri', () => {
  let server: ChildProcess | undefined;
  let cases: Result[] = [];
  let ansible: Result[] = [];
  let ruby: Result[] = [];
  let base = '';

  beforeAll(async () => {
    server = spawn('/usr/bin/python3', [join(ROOT, 'test/tools/http-echo-server.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const port = await new Promise<string>((ok) => server!.stdout!.once('data', (d: Buffer) => ok(d.toString().trim())));
    base = `http://127.0.0.1:${port}`;
    // Each case as the module receives it (arguments already of their types, as a template renders them).
    cases = [
      { url: `${base}/json` },
      { url: `${base}/json`, return_content: true },
      { url: `${base}/text`, return_content: true },
      { url: `${base}/text`, return_content: true, status_code: [201, '200'] },
      { url: `${base}/status/404` },
      { url: `${base}/status/404`, return_content: true },
      { url: `${base}/status/201`, status_code: [200, 201] },
      { url: `${base}/status/500`, status_code: 200 },
      { url: `${base}/redirect` },
      { url: `${base}/redirect`, method: 'POST', status_code: [302] },
      { url: `${base}/auth`, user: 'a2c', password: 'secret', return_content: true },
      { url: `${base}/auth`, user: 'a2c', password: 'secret', force_basic_auth: true },
      { url: `${base}/auth`, user: 'a2c', password: 'wrong-one' },
      { url: `${base}/auth` },
      { url: `${base}/echo`, method: 'POST', body_format: 'json', body: { name: 'k', role: 'Admin', n: [1, 2.5, null, true] } },
      { url: `${base}/echo`, method: 'POST', body_format: 'json', body: '{ "dashboard": {}, "overwrite": true }' },
      { url: `${base}/echo`, method: 'PUT', body_format: 'form-urlencoded', body: { a: 'x y', b: 'é&=' } },
      { url: `${base}/echo`, method: 'POST', body_format: 'form-urlencoded', body: { tags: ['a', 'b c'], on: true, skip: null, n: 3 } },
      { url: `${base}/echo`, method: 'POST', body_format: 'form-urlencoded', body: 'already=encoded' },
      { url: `${base}/echo`, method: 'POST', body: 'raw text', headers: { 'X-Custom': 'v1', 'Content-Type': 'text/plain' } },
      { url: `${base}/echo`, method: 'POST', body_format: 'json', body: { a: 1 }, headers: { 'Content-Type': 'application/vnd+json' } },
      { url: `${base}/echo`, method: 'DELETE', user: 'a2c', password: 'secret', force_basic_auth: true, return_content: true },
      { url: `${base}/echo`, method: 'PATCH', body: 'p' },
      { url: `${base}/echo`, method: 'HEAD' },
      { url: 'http://127.0.0.1:1/refused' },
    ];
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: 'ansible.modules.uri', steps: cases }),
      encoding: 'utf8',
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = JSON.parse(py.stdout) as Result[];
    const script = [
      'require "json"',
      `require ${JSON.stringify(join(LIBDIR, 'a2c_uri'))}`,
      'cases = JSON.parse($stdin.read)',
      'out = cases.map { |c| A2C::Uri.result(**c.transform_keys(&:to_sym)) }',
      'print JSON.generate(out)',
    ].join('\n');
    const r = await rubyRun(script, JSON.stringify(cases));
    if (r.status !== 0) throw new Error(r.stderr);
    ruby = JSON.parse(r.stdout) as Result[];
  });

  afterAll(() => {
    server?.stdin?.end();
  });

  const comparable = (r: Result) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => !VOLATILE.includes(k))
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );

  it('the cases exercise the module: JSON, content, failures, redirects, credentials', () => {
    expect(ansible).toHaveLength(cases.length);
    expect(ansible.filter((r) => r['failed'] === true).length).toBeGreaterThanOrEqual(4);
    expect(ansible.filter((r) => r['json'] !== undefined).length).toBeGreaterThan(8);
    expect(ansible.some((r) => r['redirected'] === true)).toBe(true);
    expect(ansible.some((r) => typeof r['content'] === 'string' && r['content'] !== '')).toBe(true);
    expect(ansible.some((r) => (r['json'] as Result | undefined)?.['headers'] !== undefined)).toBe(true);
  });

  it('agrees with the module on every case', () => {
    const diffs = cases.flatMap((c, i) => {
      const want = comparable(ansible[i]!);
      const got = comparable(ruby[i]!);
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [{ case: c, ansible: want, ruby: got }];
    });
    expect(diffs).toEqual([]);
  });

  it('register stores the result where later tasks read it, and fails the run as the task fails unless ignore_errors', async () => {
    const script = [
      'require "json"',
      `require ${JSON.stringify(join(LIBDIR, 'a2c_uri'))}`,
      'base = $stdin.read',
      'state = {}',
      'A2C::Uri.register(state, "ok", url: "#{base}/json")',
      'A2C::Uri.register(state, "missing", url: "#{base}/status/404", ignore_errors: true)',
      'raised = begin; A2C::Uri.register(state, "again", url: "#{base}/status/404"); nil; rescue RuntimeError => e; e.message; end',
      'ran = begin; A2C::Uri.run(url: "#{base}/status/500"); nil; rescue RuntimeError => e; e.message; end',
      'print JSON.generate(ok: A2C::Tasks.registered(state, "ok")["json"], missing: A2C::Tasks.registered(state, "missing")["status"], again: A2C::Tasks.registered(state, "again")["failed"], raised: raised, ran: ran)',
    ].join('\n');
    const r = await rubyRun(script, base);
    if (r.status !== 0) throw new Error(r.stderr);
    const out = JSON.parse(r.stdout) as Result;
    expect(out['ok']).toEqual({ name: 'a2c', items: [1, 2], tag_name: 'v1.2.3' });
    expect(out['missing']).toBe(404);
    expect(out['again']).toBe(true);
    expect(out['raised']).toContain('Status code was 404 and not [200]');
    expect(out['ran']).toContain('Status code was 500 and not [200]');
  });
});
