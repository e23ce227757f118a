// Variable strings (module arguments, vars) with backslashes: Ansible doubles a backslash in a
// string literal inside `{{ }}` before parsing (escape_backslashes). Compared with Ansible's own
// Templar.template on the same values, the translated Ruby run with the A2C::Jinja library.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { translateStringValue } from '../src/translate/jinja/string-value.js';
import type { JinjaScope } from '../src/translate/jinja/scope.js';
import { printExpr } from '../src/ruby/print-expr.js';
import { hasPythonModule, hasTool, requireOrSkip } from './helpers/real-tools.js';
import { builtinTables } from '../src/mapping/tables.js';

const ansible = requireOrSkip('ansible (Python API under /usr/bin/python3)', hasPythonModule('ansible'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

const VARS = { s: 'HA-Proxy version 2.6.12-1 2023/12/01', v: 'mysql  Ver 8.0.36-0 for Linux', path: 'C:\\temp', word: 'abc' };
const VALUES = [
  '{{ s | regex_replace("^HA-?Proxy version (\\d+(\\.\\d+)*).*$", "\\1") }}',
  "{{ v | regex_search('\\d+\\.\\d+\\.\\d+(-[a-zA-Z]+)?') }}",
  "{{ 'a\\b' }}",
  "{{ 'tab\\there' }}",
  '{{ "two\\\\\\\\slashes" }}',
  'outside\\n {{ word }}',
  'cmd \\\n  --flag {{ word }}',
  "{{ path }}\\sub",
  "{{ word | regex_replace('(b)', '[\\1]') }}",
  "{{ 'x' }}\\{{ 'y\\z' }}",
];

const scope: JinjaScope = { tables: builtinTables(), lookupVar: (n) => (n in VARS ? { kind: 'attribute', path: [n] } : undefined), locals: new Map() };

function run(cmd: string, args: string[], input: string): string {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!(ansible && ruby))('variable strings with backslashes against Ansible', () => {
  it('gives the value Ansible gives for every case', () => {
    const want = JSON.parse(run('/usr/bin/python3', ['test/tools/string-value-ansible.py'], JSON.stringify({ vars: VARS, values: VALUES }))) as Array<{ out?: unknown; error?: string }>;
    const exprs = VALUES.map((v) => {
      const t = translateStringValue(v, scope);
      if (!t.ok) throw new Error(`${v}: ${t.reason}`);
      return printExpr(t.value);
    });
    const script = [
      "require 'json'",
      "require_relative 'src/ruby/support-cookbook/libraries/a2c_jinja'",
      "require_relative 'src/ruby/support-cookbook/libraries/a2c_python_regex'",
      `node = JSON.parse(${JSON.stringify(JSON.stringify(VARS))})`,
      'out = []',
      ...exprs.map((e) => `out << (begin; { 'out' => (${e}) }; rescue StandardError => ex; { 'error' => ex.message }; end)`),
      'print JSON.generate(out)',
    ].join('\n');
    const got = JSON.parse(run('ruby', ['-e', script], '')) as Array<{ out?: unknown; error?: string }>;
    const diffs = VALUES.flatMap((v, i) => {
      const a = want[i]!;
      const b = got[i]!;
      const same = a.error !== undefined ? b.error !== undefined : JSON.stringify(a.out) === JSON.stringify(b.out);
      return same ? [] : [{ value: v, ansible: a, a2c: b, ruby: exprs[i] }];
    });
    expect(diffs).toEqual([]);
    // The corpus' regex forms render what the playbook author meant.
    expect(want[0]).toEqual({ out: '2.6.12' });
    expect(want[1]).toEqual({ out: '8.0.36' });
  });
});
