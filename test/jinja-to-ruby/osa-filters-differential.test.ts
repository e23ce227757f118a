// Python's str.splitlines() (as a method in Jinja, and openstack.osa's splitlines filter, which
// calls it) and openstack.osa's string_2_int, translated and rendered by Ruby + Erubis, against
// Ansible's Templar for the method and Python for the collection's filters (openstack.osa is not
// installed here: its definitions are `s.splitlines()` and
// `int(hashlib.sha256(s.encode('utf-8')).hexdigest(), 36) % 10240`), on generated strings.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { rng, runJson } from '../helpers/differential.js';
import { erbOf } from '../helpers/template-compare.js';

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

const PIECES = [
  'a',
  'line two',
  '',
  ' ',
  'é',
  '😀',
  '\n',
  '\r',
  '\r\n',
  '\n\r',
  '\v',
  '\f',
  '\x1c',
  '\x1d',
  '\x1e',
  '\x1f',
  '\x85',
  '\u2028',
  '\u2029',
  '\t',
];
const r = rng(2026);
const STRINGS = [
  '',
  '\n',
  'a\n',
  'a\n\n',
  'a\r\nb',
  'host1.example.com',
  ...Array.from({ length: 60 }, () =>
    Array.from({ length: Math.floor(r() * 6) }, () => PIECES[Math.floor(r() * PIECES.length)] as string).join(''),
  ),
];

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (name) => (name === 's' ? { kind: 'attribute', path: ['s'] } : undefined),
  locals: new Map(),
};

const erb = (source: string): string => erbOf(source, scope);

type Out = { out?: string; error?: string };
const viaRuby = (source: string) =>
  runJson<Out>(
    'ruby',
    ['test/tools/jinja-diff-render.rb'],
    STRINGS.map((s) => ({ erb: erb(source), vars: { s }, node_name: 'n' })),
  );

describe.skipIf(!haveTools)('splitlines and string_2_int against Python', () => {
  it('.splitlines() renders as Ansible renders it', () => {
    const source = '{{ s.splitlines() | length }}:{% for l in s.splitlines() %}[{{ l }}]{% endfor %}';
    const expected = runJson<Out>(
      '/usr/bin/python3',
      ['test/tools/jinja-diff-ansible.py'],
      STRINGS.map((s) => ({ template: source, vars: { s } })),
    );
    expect(viaRuby(source)).toEqual(expected);
  });

  it('openstack.osa.splitlines and string_2_int give the collection’s values', () => {
    const python = [
      'import hashlib, json, sys',
      'out = []',
      'for s in json.load(sys.stdin):',
      '    lines = s.splitlines()',
      "    n = int(hashlib.sha256(s.encode('utf-8')).hexdigest(), 36) % 10240",
      "    out.append({'out': '%d:%s|%d' % (len(lines), ''.join('[%s]' % l for l in lines), n)})",
      'print(json.dumps(out))',
    ].join('\n');
    const expected = runJson<Out>('/usr/bin/python3', ['-c', python], STRINGS);
    const source =
      '{{ s | openstack.osa.splitlines | length }}:{% for l in s | openstack.osa.splitlines %}[{{ l }}]{% endfor %}|{{ s | openstack.osa.string_2_int }}';
    expect(viaRuby(source)).toEqual(expected);
  });

  it('refuses a value that is not a string, as Python does', () => {
    const out = runJson<Out>(
      'ruby',
      ['test/tools/jinja-diff-render.rb'],
      [
        { erb: erb('{{ s | openstack.osa.string_2_int }}'), vars: { s: 5 }, node_name: 'n' },
        { erb: erb('{{ s.splitlines() }}'), vars: { s: ['a'] }, node_name: 'n' },
      ],
    );
    expect(out.map((o) => o.error !== undefined)).toEqual([true, true]);
  });
});
