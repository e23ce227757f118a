// A2C::GetUrl (behind a2c_get_url_directory: get_url with dest a directory) checked DIFFERENTIALLY
// against ansible-core's own get_url module: the same downloads from the same local HTTP server
// (test/tools/http-echo-server.py) into two directories, once through the module
// (test/tools/module-batch-ansible.py) and once through the Ruby library, step by step. After each
// step the directories must hold the same files with the same modes and contents, and each step must
// agree on the file it named, whether it changed anything and whether it failed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { rubyRun } from '../helpers/ruby-async.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const ready = requireOrSkip('ruby and ansible-core under /usr/bin/python3', hasTool('ruby') && hasPythonModule('ansible.modules.get_url'));

type Step = { path: string; before?: string[] };
type Outcome = { name?: string; changed?: boolean; failed: boolean; snapshot: string };

/** Every file of the directory: name, mode, content. */
const snapshot = (dir: string) => [
  'sh',
  '-c',
  `cd '${dir}' && for f in $(ls -A | sort); do printf '%s %s: ' "$f" "$(stat -c %a "$f")"; cat "$f"; done`,
];

const STEPS: Step[] = [
  { path: '/file/a.jar' },
  // The same file again: unchanged.
  { path: '/file/a.jar' },
  // The same name, other content: replaced, keeping the mode it was given.
  { path: '/file/a.jar?v=2', before: ['chmod', '600', 'a.jar'] },
  // Named by the URL after the redirect.
  { path: '/to-file/b.jar' },
  // Named by Content-Disposition, its basename only.
  { path: '/attach?name=c.bin' },
  { path: '/attach?name=sub/d.bin' },
  // No last segment: index.html.
  { path: '/dir/' },
  // A failed request writes nothing.
  { path: '/status/404' },
];

describe.skipIf(!ready)('A2C::GetUrl matches ansible.builtin.get_url into a directory', () => {
  let server: ChildProcess | undefined;
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    server = spawn('/usr/bin/python3', [join(ROOT, 'test/tools/http-echo-server.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const port = await new Promise<string>((ok) => server!.stdout!.once('data', (d: Buffer) => ok(d.toString().trim())));
    const base = `http://127.0.0.1:${port}`;
    const a = mkdtempSync(join(tmpdir(), 'a2c-get-url-ansible-'));
    const r = mkdtempSync(join(tmpdir(), 'a2c-get-url-ruby-'));
    dirs.push(a, r);
    const before = (dir: string) => STEPS.map((s) => (s.before ? ['sh', '-c', `cd '${dir}' && ${s.before.join(' ')}`] : null));
    // The module runs in this process's child; spawnSync would block the server's event loop.
    const py = await new Promise<{ status: number | null; stdout: string; stderr: string }>((ok) => {
      const p = spawn('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')]);
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('close', (status) => ok({ status, stdout, stderr }));
      p.stdin.end(
        JSON.stringify({
          module: 'ansible.modules.get_url',
          steps: STEPS.map((s) => ({ url: base + s.path, dest: `${a}/` })),
          before: before(a),
          snapshot: snapshot(a),
        }),
      );
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = (JSON.parse(py.stdout) as Array<Record<string, unknown>>).map((x) => ({
      ...(typeof x['dest'] === 'string' && !x['failed'] ? { name: (x['dest'] as string).slice(a.length + 1) } : {}),
      ...(x['failed'] ? {} : { changed: x['changed'] as boolean }),
      failed: x['failed'] === true,
      snapshot: x['snapshot'] as string,
    }));
    const script = [
      'require "json"',
      `require ${JSON.stringify(join(LIBDIR, 'a2c_get_url'))}`,
      'input = JSON.parse($stdin.read)',
      'out = input["steps"].each_with_index.map do |url, i|',
      '  system(*input["before"][i], exception: true) if input["before"][i]',
      '  step = begin',
      '    plan = A2C::GetUrl.plan(url, input["dir"] + "/")',
      '    A2C::GetUrl.write(plan) if plan["changed"]',
      '    { "name" => plan["dest"].delete_prefix(input["dir"] + "/"), "changed" => plan["changed"], "failed" => false }',
      '  rescue RuntimeError',
      '    { "failed" => true }',
      '  end',
      '  step.merge("snapshot" => IO.popen(input["snapshot"], &:read))',
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const rr = await rubyRun(
      script,
      JSON.stringify({ steps: STEPS.map((s) => base + s.path), dir: r, before: before(r), snapshot: snapshot(r) }),
    );
    if (rr.status !== 0) throw new Error(rr.stderr);
    ruby = JSON.parse(rr.stdout) as Outcome[];
  }, 120_000);

  afterAll(() => {
    server?.stdin?.end();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the steps exercise the module: names from the URL, a redirect and Content-Disposition, unchanged and replaced files, a failure', () => {
    expect(ansible.map((x) => x.name ?? null)).toEqual(['a.jar', 'a.jar', 'a.jar', 'b.jar', 'c.bin', 'd.bin', 'index.html', null]);
    expect(ansible.map((x) => x.changed ?? null)).toEqual([true, false, true, true, true, true, true, null]);
    expect(ansible.at(-1)!.failed).toBe(true);
    expect(ansible[2]!.snapshot).toContain('a.jar 600: content of /file/a.jar?v=2');
  });

  it('agrees with the module on every step', () => {
    const diffs = STEPS.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });
});
