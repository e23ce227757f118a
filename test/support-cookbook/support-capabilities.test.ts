// A2C::Capabilities (behind a2c_capability) checked DIFFERENTIALLY against community.general's
// capabilities module: the same steps on the same temp file, from the same starting state, once through
// the module (test/tools/module-batch-ansible.py) and once through the Ruby library; after every step
// `changed`, `failed` and the file's capabilities (`getcap -v`) must agree. Also: the resource's
// preview (why-run) changes nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const MODULE = 'ansible_collections.community.general.plugins.modules.capabilities';

/** Can this machine set file capabilities (root with CAP_SETFCAP, a file system with xattrs)? */
function canSetcap(): boolean {
  if (!hasTool('setcap') || !hasTool('getcap')) return false;
  const dir = mkdtempSync(join(tmpdir(), 'a2c-cap-probe-'));
  try {
    writeFileSync(join(dir, 'f'), '');
    return spawnSync('setcap', ['cap_net_raw+p', join(dir, 'f')]).status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const ready = requireOrSkip(
  'ruby, community.general and setcap/getcap that work here',
  hasTool('ruby') && hasPythonModule(MODULE) && canSetcap(),
);

type Outcome = { changed: boolean; failed: boolean; snapshot: string };

describe.skipIf(!ready)('A2C::Capabilities matches community.general.capabilities', () => {
  let dir = '';
  let file = '';
  let steps: Array<Record<string, unknown>> = [];
  let ansible: Outcome[] = [];
  let ruby: Outcome[] = [];
  const reset = () => {
    writeFileSync(file, 'binary\n');
    spawnSync('setcap', ['-r', file]);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-cap-'));
    file = join(dir, 'server');
    steps = [
      { path: file, capability: 'CAP_NET_BIND_SERVICE+ep' },
      // getcap prints cap_net_bind_service=ep: the module compares `+` with `=` and sets it again.
      { path: file, capability: 'cap_net_bind_service+ep' },
      { path: file, capability: 'cap_net_bind_service=ep' },
      { path: file, capability: 'cap_net_bind_service=eip' },
      { path: file, capability: 'cap_dac_read_search+ep' },
      { path: file, capability: 'cap_dac_read_search', state: 'absent' },
      { path: ` ${file} `, capability: 'cap_net_raw=p', state: 'absent' },
      { path: file, capability: 'cap_net_raw=p' },
      { path: file, capability: 'cap_net_raw' },
      { path: file, capability: 'cap_a+b+c' },
      { path: join(dir, 'missing'), capability: 'cap_net_raw=p' },
      { path: file, capability: 'cap_net_raw', state: 'absent' },
      { path: file, capability: 'cap_net_raw', state: 'absent' },
    ];
    reset();
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: MODULE, steps: steps.map((s) => ({ state: 'present', ...s })), snapshot: ['getcap', '-v', file] }),
      encoding: 'utf8',
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = (JSON.parse(py.stdout) as Array<Record<string, unknown>>).map((r) => ({
      changed: r['changed'] === true,
      failed: r['failed'] === true,
      snapshot: String(r['snapshot']),
    }));
    reset();
    const script = [
      'require "json"; require "open3"',
      `require ${JSON.stringify(join(LIBDIR, 'a2c_capabilities'))}`,
      'steps, snap = JSON.parse($stdin.read)',
      'out = steps.map do |s|',
      '  r = begin',
      '    A2C::Capabilities.manage(**s.transform_keys(&:to_sym))',
      '  rescue A2C::Capabilities::Error => e',
      "    { 'changed' => false, 'failed' => true, 'msg' => e.message }",
      '  end',
      "  r.merge('snapshot' => Open3.capture3(*snap)[0])",
      'end',
      'print JSON.generate(out)',
    ].join('\n');
    const rb = spawnSync('ruby', ['-e', script], { input: JSON.stringify([steps, ['getcap', '-v', file]]), encoding: 'utf8' });
    if (rb.status !== 0) throw new Error(rb.stderr);
    ruby = (JSON.parse(rb.stdout) as Array<Record<string, unknown>>).map((r) => ({
      changed: r['changed'] === true,
      failed: r['failed'] === true,
      snapshot: String(r['snapshot']),
    }));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the steps change, keep and fail', () => {
    expect(ansible.filter((o) => o.changed).length).toBeGreaterThanOrEqual(4);
    expect(ansible.filter((o) => o.failed).length).toBeGreaterThanOrEqual(2);
    expect(ansible.filter((o) => !o.changed && !o.failed).length).toBeGreaterThanOrEqual(2);
    expect(ansible[0]!.snapshot).toMatch(/cap_net_bind_service=ep/);
  });

  it('agrees after every step on changed, failed and the file capabilities', () => {
    const diffs = steps.flatMap((s, i) =>
      JSON.stringify(ansible[i]) === JSON.stringify(ruby[i]) ? [] : [{ step: i, s, ansible: ansible[i], ruby: ruby[i] }],
    );
    expect(diffs).toEqual([]);
  });

  it('dry_run (the resource preview and why-run) reports the change and leaves the file alone', () => {
    reset();
    const rb = spawnSync(
      'ruby',
      [
        '-e',
        `require ${JSON.stringify(join(LIBDIR, 'a2c_capabilities'))}; p A2C::Capabilities.manage(path: ${JSON.stringify(file)}, capability: 'cap_net_raw+p', dry_run: true)['changed']`,
      ],
      { encoding: 'utf8' },
    );
    expect(rb.stdout.trim()).toBe('true');
    expect(spawnSync('getcap', ['-v', file], { encoding: 'utf8' }).stdout.trim()).toBe(file);
  });
});
