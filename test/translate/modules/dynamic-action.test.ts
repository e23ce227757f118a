// A templated action argument in plain Ruby (src/translate/modules/dynamic-action.ts): a word table
// becomes `{ ... }.fetch(value)`, a 'true'/'false' table read from a boolean becomes a ternary, the
// rest keeps A2C::Tasks.action. Checked against the helper in real Ruby on every table of the
// mappings and values of every kind, and against the real copy module for the boolean rule.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { actionChoice } from '../../../src/translate/modules/dynamic-action.js';
import { printExpr } from '../../../src/print/print-expr.js';
import { builtinTableOnly } from '../../../src/mapping/builtin.js';
import type { RExpr } from '../../../src/ir/ruby-ast.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');
const v: RExpr = { k: 'var', name: 'v' };
const convertData = (e: RExpr): RExpr => ({ k: 'call', recv: { k: 'const', path: ['A2C', 'Jinja'] }, name: 'convert_data', args: [e] });

/** Every action table of the built-in mappings, once. */
function tables(): Array<Record<string, string>> {
  const seen = new Map<string, Record<string, string>>();
  for (const spec of builtinTableOnly().modules.values())
    for (const p of spec.params.values()) if (p.kind === 'action') seen.set(JSON.stringify(p.values), p.values);
  return [...seen.values()];
}

async function actionLine(defaults: string, arg = 'force'): Promise<string> {
  const r = await convertRole({
    'defaults/main.yml': defaults,
    'tasks/main.yml': `- copy:\n    content: "new\\n"\n    dest: /tmp/f\n    ${arg}: "{{ v }}"\n`,
  });
  expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
  return recipeBody(r, 'demo')
    .split('\n')
    .find((l) => l.trim().startsWith('action'))!
    .trim();
}

describe('which form a templated action takes', () => {
  it('a boolean default with a true/false table: a ternary', async () => {
    expect(await actionLine('v: true\n')).toBe("action node['demo']['v'] ? :create : :create_if_missing");
    expect(await actionLine('v: no\n')).toBe("action node['demo']['v'] ? :create : :create_if_missing");
  });

  it('text that spells a boolean ("yes"), a template, or an unknown type keeps the helper', async () => {
    for (const d of ['v: "yes"\n', 'v: "True"\n', 'v: "{{ 1 == 1 }}"\n', 'v: 1\n', ''])
      expect(await actionLine(d)).toMatch(/^action A2C::Tasks\.action\(.*\{ 'true' => 'create', 'false' => 'create_if_missing' \}\)$/);
  });

  it('a word table: a lookup that fails on any other value, whatever the value type', () => {
    const t = { present: 'install', absent: 'remove' };
    expect(printExpr(actionChoice(v, t))).toBe("{ 'present' => :install, 'absent' => :remove }.fetch(v)");
    // convert_data only turns text into a boolean, list or dict, none of which is a row.
    expect(printExpr(actionChoice(convertData(v), t))).toBe("{ 'present' => :install, 'absent' => :remove }.fetch(v)");
    expect(printExpr(actionChoice(v, { started: 'start', reloaded: 'reload+start' }))).toBe(
      "{ 'started' => :start, 'reloaded' => [:reload, :start] }.fetch(v)",
    );
  });

  it('a handler whose action is picked so is notified with that choice, in Ruby that parses', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'pkg_state: present\nen: true\n',
      'tasks/main.yml': '- command: /bin/true\n  notify: [pkg, svc]\n',
      'handlers/main.yml':
        '- name: pkg\n  package:\n    name: y\n    state: "{{ pkg_state }}"\n- name: svc\n  service:\n    name: z\n    enabled: "{{ en }}"\n',
    });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const body = recipeBody(r, 'demo');
    // Bare `notifies { ... }` would open a block: the arguments are parenthesized.
    expect(body).toContain(
      "  notifies({ 'present' => :install, 'installed' => :install, 'latest' => :upgrade, 'absent' => :remove, 'removed' => :remove }.fetch(node['demo']['pkg_state']), 'package[pkg]', :delayed)\n",
    );
    expect(body).toContain("  notifies node['demo']['en'] ? :enable : :disable, 'service[svc]', :delayed\n");
  });

  it('rows that a non-text value could print as, or boolean rows beside words, keep the helper', () => {
    const odd: Array<Record<string, string>> = [
      { None: 'a', present: 'b' },
      { '1': 'a' },
      { true: 'a', present: 'b' },
      { True: 'a' },
      { 'a-b': 'x' },
    ];
    for (const t of odd) expect(printExpr(actionChoice(v, t))).toMatch(/^A2C::Tasks\.action\(v, /);
    // A value read through the helpers keeps the helper: no plain Ruby is gained.
    const helperRead: RExpr = { k: 'call', recv: { k: 'const', path: ['A2C', 'Jinja'] }, name: 'out', args: [v] };
    expect(printExpr(actionChoice(helperRead, { present: 'a' }))).toMatch(/^A2C::Tasks\.action\(/);
  });
});

const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
describe.skipIf(!haveRuby)('the lookup picks what A2C::Tasks.action picks, on every table of the mappings', () => {
  it('for rows, boolean words, other text and values of every type, with and without convert_data', () => {
    const values = [
      "'yes'",
      "'no'",
      "'True'",
      "'False'",
      "'None'",
      "''",
      "'Present'",
      "' present'",
      '"present\\n"',
      "'[1]'",
      "'{}'",
      '1',
      '0',
      '1.0',
      'nil',
      'true',
      'false',
      "['present']",
      "{ 'present' => 1 }",
    ];
    const word = tables().filter((t) => printExpr(actionChoice(v, t)).includes('.fetch('));
    expect(word.length).toBeGreaterThan(5);
    const lines: string[] = [];
    for (const t of word) {
      const rows = Object.keys(t).map((r) => `'${r}'`);
      const helper = `{ ${Object.entries(t)
        .map(([k, a]) => `'${k}' => '${a}'`)
        .join(', ')} }`;
      for (const x of [...rows, ...values]) {
        lines.push(`v = ${x}; a = (A2C::Tasks.action(v, ${helper}) rescue :raised); b = (${printExpr(actionChoice(v, t))} rescue :raised)`);
        lines.push(`c = (A2C::Tasks.action(A2C::Jinja.convert_data(v), ${helper}) rescue :raised)`);
        lines.push(`puts [v.inspect, a, b, c].inspect unless a == b && b == c`);
        lines.push('$n += 1');
      }
    }
    const script = `require 'a2c_jinja'; require 'a2c_tasks'; $n = 0\n${lines.join('\n')}\nputs "checked #{$n}"`;
    const r = spawnSync('ruby', ['-I', LIBDIR], { input: script, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^checked \d{3,}\n$/);
  });
});

// The copy module's `force` from a role default, as written in YAML: the real module overwrites an
// existing file or keeps it; the converted action, evaluated in Ruby on the attribute's value, must
// be :create exactly where Ansible overwrote.
const CASES = ['true', 'false', 'yes', 'no', 'on', '"yes"', '"no"', '"True"', '"false"', '1', '0'];
const haveAnsible = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));
describe.skipIf(!haveAnsible || !haveRuby)('the same overwrite as the real copy module', () => {
  it('for boolean and text defaults in the force slot', async () => {
    const ansible = withLocalPlay(
      () => ({
        'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n${CASES.map(
          (c, i) =>
            `    - copy: { dest: "{{ playbook_dir }}/f${i}", content: "old" }\n    - copy:\n        dest: "{{ playbook_dir }}/f${i}"\n        content: "new"\n        force: "{{ v }}"\n      vars:\n        v: ${c}\n`,
        ).join('')}`,
      }),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return CASES.map((_, i) => (existsSync(join(run.dir, `f${i}`)) ? readFileSync(join(run.dir, `f${i}`), 'utf8') : ''));
      },
    );
    for (const [i, c] of CASES.entries()) {
      const r = await convertRole({
        'defaults/main.yml': `v: ${c}\n`,
        'tasks/main.yml': '- copy:\n    content: "new"\n    dest: /tmp/f\n    force: "{{ v }}"\n',
      });
      const attrs = outputText(r, 'demo/attributes/default.rb');
      const action = recipeBody(r, 'demo')
        .split('\n')
        .find((l) => l.trim().startsWith('action'))!
        .trim()
        .replace(/^action/, '');
      const script = `require 'a2c_jinja'; require 'a2c_tasks'\ndefault = Hash.new { |h, k| h[k] = {} }\n${attrs}\nnode = default\np(${action})`;
      const ruby = spawnSync('ruby', ['-I', LIBDIR, '-e', script], { encoding: 'utf8' });
      expect(ruby.stderr, `${c}: ${action}`).toBe('');
      const chef = ruby.stdout.trim();
      expect({ c, chef }).toEqual({ c, chef: ansible[i] === 'new' ? ':create' : ':create_if_missing' });
    }
  }, 120_000);
});
