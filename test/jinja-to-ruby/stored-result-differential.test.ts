// Reads of a registered result its ruby_block stored earlier in the same recipe (Registered `stored`,
// undef.ts storedDict/storedKey), typed by what the support library keeps (register-types.ts):
// `r.k is defined` is Hash#key?, `r.k | default(x)` Hash#fetch with the fallback, a key every
// result has is Hash#[]. Compared with real Ansible on the results each helper can store: mysql_replication's
// getreplica (a status row of any columns, the old module's Is_Slave among them, falsy ones too), its
// failure under ignore_errors, a skipped task's result; stat's result where the path exists, where it
// does not, and skipped. A key read that Ansible fails on (undefined) must fail in Ruby too.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseExpression, parseTemplate } from '../../src/load/jinja/index.js';
import { translateCondition } from '../../src/jinja-to-ruby/expr.js';
import { translateTemplate } from '../../src/jinja-to-ruby/template.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import type { ErbNode } from '../../src/ir/chef-ir.js';
import { printErb } from '../../src/print/print-erb.js';
import { bool } from '../../src/ir/ruby-ast.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { registeredRef, resultTestExpr } from '../../src/translate/task/register.js';
import { helperResultType } from '../../src/translate/task/register-types.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runJson } from '../helpers/differential.js';

const ROW = {
  Slave_IO_State: '',
  Master_Host: 'db1',
  Read_Master_Log_Pos: 4,
  Last_Error: '',
  Seconds_Behind_Master: null,
};
const REPLICATION: Record<string, Record<string, unknown>> = {
  replica: { changed: false, failed: false, ...ROW, Is_Replica: true, queries: [] },
  'not a replica': { changed: false, failed: false, Is_Replica: false, msg: 'Server is not configured as mysql replica', queries: [] },
  'old module, Is_Slave true': { changed: false, failed: false, Is_Slave: true, queries: [] },
  'old module, Is_Slave empty text': { changed: false, failed: false, Is_Slave: '', queries: [] },
  'old module, Is_Slave 0': { changed: false, failed: false, Is_Slave: 0, queries: [] },
  failed: { changed: false, failed: true, msg: 'Access denied' },
  skipped: { changed: false, skipped: true, skip_reason: 'Conditional result was False' },
};
const STAT: Record<string, Record<string, unknown>> = {
  directory: { changed: false, failed: false, stat: { exists: true, isdir: true, path: '/etc/my.cnf.d', mode: '0755' } },
  file: { changed: false, failed: false, stat: { exists: true, isdir: false, path: '/etc/my.cnf', mode: '0644' } },
  absent: { changed: false, failed: false, stat: { exists: false } },
};

const REPLICATION_CONDITIONS = [
  // geerlingguy mysql's tasks/replication.yml, the three forms
  '(rep.Is_Slave is defined and not rep.Is_Slave) or (rep.Is_Replica is defined and not rep.Is_Replica) or (rep.Is_Slave is not defined and rep.Is_Replica is not defined and rep is failed)',
  '(rep.Is_Slave is defined and rep.Is_Slave) or (rep.Is_Replica is defined and rep.Is_Replica) or (rep.Is_Slave is not defined and rep.Is_Replica is not defined and rep is failed)',
  'rep.Master_Host is defined',
  'rep.Read_Master_Log_Pos is defined and rep.Read_Master_Log_Pos > 3',
  'rep.Seconds_Behind_Master is defined and rep.Seconds_Behind_Master is none',
  'rep.Is_Replica | default(false)',
  'rep.changed',
  'rep.Is_Replica',
  'not rep.Is_Slave',
  'rep.msg is undefined',
  // a key proved present by the left of an `and` (Hash#[] there); an `or` or a negated test proves nothing
  'rep.Is_Replica is defined and rep.Is_Replica and rep.Master_Host is defined and rep.Master_Host == "db1"',
  '(rep.Is_Slave is defined or rep.Is_Replica is defined) and rep.Is_Slave',
  'rep.Is_Slave is not defined or rep.Is_Slave',
  'rep.Is_Slave is defined and (rep.Is_Slave or rep.Is_Replica)',
];
const REPLICATION_OUTPUTS = [
  "{{ rep.msg | default('no message') }}",
  "{{ rep.Master_Host | default('none') }}",
  '{{ rep.Seconds_Behind_Master | default(7) }}',
  '{{ rep.Is_Slave | default(False) }}',
  '{{ rep.Is_Replica | default(None) }}',
  '{{ rep.queries | default([]) | length }}',
  '{{ rep.Read_Master_Log_Pos | default(0) }}',
  '{{ rep.changed }}',
  '{{ rep.Is_Replica }}',
];
const STAT_CONDITIONS = [
  'st.stat.isdir is defined and st.stat.isdir',
  'st.stat.isdir is not defined',
  'st.stat.exists',
  'st.stat.isdir | default(false)',
  'st.stat.mode is defined and st.stat.mode == "0755"',
  'st.stat.isdir is defined and st.stat.isdir and st.stat.mode is defined and st.stat.mode == "0755"',
];
const STAT_OUTPUTS = ["{{ st.stat.mode | default('none') }}", '{{ st.stat.isdir | default(None) }}', '{{ st.stat.exists }}'];

/** A scope where `rep` and `st` are results stored earlier in the recipe, of the helper's type. */
function scopeFor(conditional: boolean): JinjaScope {
  const types = {
    rep: helperResultType('mysql_replication', conditional),
    st: helperResultType('stat', conditional),
  };
  return {
    tables: builtinTables(),
    locals: new Map(),
    lookupVar: (name) =>
      name === 'rep' || name === 'st' ? { kind: 'ruby', expr: registeredRef(name, types[name]), defined: bool(true) } : undefined,
    resultTest: (test, operand, negated) =>
      operand.kind === 'name' && (operand.name === 'rep' || operand.name === 'st')
        ? resultTestExpr(operand.name, test, negated, types[operand.name])
        : undefined,
  };
}

interface Case {
  label: string;
  source: string;
  erb: string;
  registered: Record<string, unknown>;
}

function cases(): Case[] {
  const out: Case[] = [];
  const add = (texts: string[], cond: boolean, name: 'rep' | 'st', results: Record<string, Record<string, unknown>>, maySkip = false) => {
    for (const [what, result] of Object.entries(results)) {
      const scope = scopeFor(maySkip || what === 'skipped');
      for (const text of texts) {
        const label = `${text} [${what}${maySkip ? ', task with a when' : ''}]`;
        if (cond) {
          const p = parseExpression(text);
          if (!p.ok) throw new Error(`parse ${text}`);
          const t = translateCondition(p.value, scope);
          if (!t.ok) throw new Error(`${label}: refused: ${t.reason}`);
          const erb: ErbNode[] = [
            { k: 'if', branches: [{ cond: t.value, body: [{ k: 'text', text: 'True' }] }], otherwise: [{ k: 'text', text: 'False' }] },
          ];
          out.push({ label, source: `{% if ${text} %}True{% else %}False{% endif %}`, erb: printErb(erb), registered: { [name]: result } });
        } else {
          const p = parseTemplate(text);
          if (!p.ok) throw new Error(`parse ${text}`);
          const t = translateTemplate(p.value.nodes, p.value.settings, scope, { sourceText: text });
          if (!t.ok) throw new Error(`${label}: refused: ${t.reason}`);
          out.push({ label, source: text, erb: printErb(t.value), registered: { [name]: result } });
        }
      }
    }
  };
  add(REPLICATION_CONDITIONS, true, 'rep', REPLICATION);
  add(REPLICATION_OUTPUTS, false, 'rep', REPLICATION);
  add(STAT_CONDITIONS, true, 'st', STAT);
  add(STAT_OUTPUTS, false, 'st', STAT);
  // The same results typed as a task with a `when` stores them (every key but changed may be missing).
  add(STAT_CONDITIONS, true, 'st', STAT, true);
  add(STAT_OUTPUTS, false, 'st', STAT, true);
  add(REPLICATION_CONDITIONS, true, 'rep', REPLICATION, true);
  // stat's result where the task may be skipped: no `stat` key at all.
  const skipped = { changed: false, skipped: true, skip_reason: 'Conditional result was False' };
  for (const text of ['st.stat.isdir is defined and st.stat.isdir', 'st.stat is defined', 'st.stat.exists | default(false)']) {
    const p = parseExpression(text);
    if (!p.ok) throw new Error(`parse ${text}`);
    const t = translateCondition(p.value, scopeFor(true));
    if (!t.ok) throw new Error(`${text}: refused: ${t.reason}`);
    const erb: ErbNode[] = [
      { k: 'if', branches: [{ cond: t.value, body: [{ k: 'text', text: 'True' }] }], otherwise: [{ k: 'text', text: 'False' }] },
    ];
    out.push({
      label: `${text} [skipped]`,
      source: `{% if ${text} %}True{% else %}False{% endif %}`,
      erb: printErb(erb),
      registered: { st: skipped },
    });
  }
  return out;
}

const haveTools = requireOrSkip(
  'ansible+ruby+erubis',
  hasPythonModule('ansible') && hasTool('ruby') && spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0,
);

describe('stored registered results read as plain Ruby', () => {
  it('prints the guard of geerlingguy mysql replication without the Jinja helpers for defined keys', () => {
    const p = parseExpression(REPLICATION_CONDITIONS[1]!);
    if (!p.ok) throw new Error('parse');
    const t = translateCondition(p.value, scopeFor(true));
    if (!t.ok) throw new Error(t.reason);
    const erb = printErb([{ k: 'if', branches: [{ cond: t.value, body: [] }], otherwise: [] }]);
    expect(erb).toContain(".key?('Is_Slave')");
    // proved present by the `is defined` before it: Hash#[]
    expect(erb).toContain("A2C::Jinja.truthy(A2C::Tasks.registered(node.run_state, 'rep')['Is_Slave'])");
    expect(erb).toContain("A2C::Tasks.registered(node.run_state, 'rep')['Is_Replica']");
    expect(erb).not.toContain('A2C::Jinja.is_defined');
    expect(erb).not.toContain('A2C::Jinja.try');
  });

  it('reads a key every stat result has with Hash#[] and one it may lack with Hash#fetch', () => {
    const p = parseExpression('st.stat.isdir is defined and st.stat.isdir');
    if (!p.ok) throw new Error('parse');
    const t = translateCondition(p.value, scopeFor(false));
    if (!t.ok) throw new Error(t.reason);
    const erb = printErb([{ k: 'if', branches: [{ cond: t.value, body: [] }], otherwise: [] }]);
    expect(erb).toContain("['stat'].key?('isdir') && A2C::Tasks.registered(node.run_state, 'st')['stat']['isdir']");
    expect(erb).not.toContain('A2C::Jinja.');
  });

  it('asks each key the stat of a task with a when may lack, then reads it with Hash#[]', () => {
    const p = parseExpression('st.stat.isdir is defined and st.stat.isdir');
    if (!p.ok) throw new Error('parse');
    const t = translateCondition(p.value, scopeFor(true));
    if (!t.ok) throw new Error(t.reason);
    const erb = printErb([{ k: 'if', branches: [{ cond: t.value, body: [] }], otherwise: [] }]);
    const st = "A2C::Tasks.registered(node.run_state, 'st')";
    expect(erb).toContain(`${st}.key?('stat') && ${st}['stat'].key?('isdir') && ${st}['stat']['isdir']`);
  });
});

describe.skipIf(!haveTools)('stored registered results vs real Ansible', () => {
  const all = cases();
  const expected = runJson<{ out?: string; error?: string }>(
    '/usr/bin/python3',
    ['test/tools/jinja-diff-ansible.py'],
    all.map((c) => ({ template: c.source, vars: c.registered })),
  );
  const actual = runJson<{ out?: string; error?: string }>(
    'ruby',
    ['test/tools/jinja-diff-render.rb'],
    all.map((c) => ({ erb: c.erb, vars: {}, node_name: 'web1', registered: c.registered })),
  );
  it.each(all.map((c, i) => [c.label, i] as const))('%s', (_label, i) => {
    const c = all[i]!;
    const exp = expected[i];
    const act = actual[i];
    if (exp?.error !== undefined) {
      expect(act?.error, `Ansible failed (${exp.error}); Ruby rendered ${JSON.stringify(act?.out)}\n${c.erb}`).toBeDefined();
    } else {
      expect(act?.error, `Ruby failed\n${c.erb}`).toBeUndefined();
      expect(act?.out, c.erb).toBe(exp?.out);
    }
  });
});
