// Variable strings (module arguments, vars) with backslashes: Ansible doubles a backslash in a
// string literal inside `{{ }}` before parsing (escape_backslashes). Compared with Ansible's own
// Templar.template on the same values, the translated Ruby run with the A2C::Jinja library.
import { describe, expect, it } from 'vitest';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues, stringValueMismatches } from '../helpers/template-compare.js';
import { builtinTables } from '../../src/mapping/tables.js';

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
  '{{ path }}\\sub',
  "{{ word | regex_replace('(b)', '[\\1]') }}",
  "{{ 'x' }}\\{{ 'y\\z' }}",
];

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) => (n in VARS ? { kind: 'attribute', path: [n] } : undefined),
  locals: new Map(),
};

describe.skipIf(!(ansible && ruby))('variable strings with backslashes against Ansible', () => {
  it('gives the value Ansible gives for every case', () => {
    const run = runStringValues(VALUES, VARS, scope, ['a2c_python_regex']);
    expect(stringValueMismatches(VALUES, run)).toEqual([]);
    // The corpus' regex forms render what the playbook author meant.
    expect(run.want[0]).toEqual({ out: '2.6.12' });
    expect(run.want[1]).toEqual({ out: '8.0.36' });
  });
});
