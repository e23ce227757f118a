// A2C::Find (behind a registered `find` task) checked DIFFERENTIALLY against ansible-core's own find module:
// the same arguments over the same temp tree, once through the module (test/tools/module-batch-ansible.py) and once through the Ruby
// library; the registered results must agree (files in order with every stat key, matched, examined,
// msg, skipped_paths), timestamps to a microsecond.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const ready = requireOrSkip('ruby and ansible-core under /usr/bin/python3', hasTool('ruby') && hasPythonModule('ansible.modules.find'));

type Result = { files: Array<Record<string, unknown>>; [k: string]: unknown };

describe.skipIf(!ready)('A2C::Find matches ansible.builtin.find', () => {
  let dir = '';
  let tree = '';
  let cases: Array<Record<string, unknown>> = [];
  let ansible: Result[] = [];
  let ruby: Result[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-find-'));
    tree = join(dir, 'tree');
    for (const d of ['sub/deeper', 'sub/.hdir', 'emptydir']) mkdirSync(join(tree, d), { recursive: true });
    for (const f of [
      'a.crt',
      'b.key',
      'c.txt',
      '.hidden.crt',
      '0',
      '12',
      '12a',
      'x[1].txt',
      'caret^a',
      'back\\slash',
      'sub/d.crt',
      'sub/deeper/e.key',
      'sub/.hdir/f.crt',
    ]) {
      writeFileSync(join(tree, f), `content of ${f}\n`);
    }
    symlinkSync(join(tree, 'sub'), join(tree, 'link-to-sub'));
    symlinkSync('a.crt', join(tree, 'link-file'));
    // Each case as the module receives it: lists as AnsibleModule converts literals, or text as a template renders.
    cases = [
      { paths: [tree] },
      { paths: [tree], patterns: ['*.crt', '*.key'] },
      { paths: [tree], patterns: ['^[0-9]+$'], use_regex: true },
      { paths: [tree], patterns: ['[0-9]'], use_regex: true },
      { paths: [tree], recurse: true },
      { paths: [tree], recurse: true, hidden: true, file_type: 'any' },
      { paths: [tree], file_type: 'directory' },
      { paths: [tree], file_type: 'directory', recurse: true, hidden: true },
      { paths: [tree], file_type: 'link' },
      { paths: [tree], recurse: true, follow: true },
      { paths: [tree], recurse: true, depth: 2 },
      { paths: [tree], recurse: true, depth: 1, file_type: 'any' },
      { paths: [tree, join(tree, 'missing'), join(tree, 'a.crt')] },
      { paths: [tree], patterns: ['*.crt'], excludes: ['a*'], recurse: true },
      // fnmatch, one pattern a case (so one cannot hide another's mistake).
      ...['x[1].txt', 'x[[]1].txt', '[!a]*.crt', '[^c]aret*', 'back\\*', '[a-b].*', '[0-9]', '*[', '?.crt', '[]]*'].map((p) => ({
        paths: [tree],
        patterns: [p],
      })),
      { paths: [tree], excludes: ['*.crt'] },
      { paths: [tree], get_checksum: true, file_type: 'any' },
      { paths: [`${tree}//./sub/../`], recurse: true },
      { paths: [tree], use_regex: true, patterns: ['.*\\.crt', 'c'], excludes: ['b', 'x'] },
      { paths: [join(tree, 'emptydir')] },
      // A templated value reaches A2C::Find as it renders: text is split on commas as the module splits it.
      { paths: `${tree},${join(tree, 'sub')}`, patterns: '*.crt,*.key', excludes: 'b*' },
      { paths: tree, patterns: '', recurse: true },
    ];
    const py = spawnSync('/usr/bin/python3', [join(ROOT, 'test/tools/module-batch-ansible.py')], {
      input: JSON.stringify({ module: 'ansible.modules.find', steps: cases }),
      encoding: 'utf8',
    });
    if (py.status !== 0) throw new Error(py.stderr);
    ansible = JSON.parse(py.stdout) as Result[];
    const script = [
      'require "json"',
      ...['a2c_tasks', 'a2c_python_regex', 'a2c_find'].map((f) => `require ${JSON.stringify(join(LIBDIR, f))}`),
      'cases = JSON.parse($stdin.read)',
      'out = cases.map { |c| A2C::Find.result(**c.transform_keys(&:to_sym)) }',
      'print JSON.generate(out)',
    ].join('\n');
    const r = spawnSync('ruby', ['-e', script], { input: JSON.stringify(cases), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    ruby = JSON.parse(r.stdout) as Result[];
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The comparable part of a result: what the module returns, but atime (the runs read the files).
   * mtime and ctime compare exactly: the library computes them as CPython does (sec + nsec * 1e-9), and
   * Time#to_f differs from that in the last bit for about one timestamp in five.
   */
  const comparable = (r: Result) => {
    const { files, changed, msg, matched, examined, skipped_paths } = r;
    return {
      changed,
      msg,
      matched,
      examined,
      skipped_paths,
      files: files.map((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'atime'))),
    };
  };

  it('the cases exercise the module: matches, empty results, skipped paths, checksums', () => {
    expect(ansible).toHaveLength(cases.length);
    expect(ansible.filter((r) => r.files.length > 0).length).toBeGreaterThan(15);
    expect(ansible.some((r) => r['msg'] !== 'All paths examined')).toBe(true);
    expect(ansible.some((r) => r.files.some((f) => typeof f['checksum'] === 'string'))).toBe(true);
  });

  it('agrees with the module on every case', () => {
    const diffs = cases.flatMap((c, i) => {
      const want = comparable(ansible[i]!);
      const got = comparable(ruby[i]!);
      return JSON.stringify(want) === JSON.stringify(got) ? [] : [{ case: c, ansible: want, ruby: got }];
    });
    expect(diffs).toEqual([]);
  });
});
