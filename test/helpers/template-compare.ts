// Shared by the tests that render one Jinja expression with Ansible's Templar and its translation
// with Erubis: a scope reading the test's variables as attributes, the ERB of a template, and a
// JSON round trip through a helper script.
import { spawnSync } from 'node:child_process';
import { parseTemplate } from '../../src/jinja/index.js';
import { printErb } from '../../src/ruby/print-erb.js';
import type { JinjaScope } from '../../src/translate/jinja/scope.js';
import { translateTemplate } from '../../src/translate/jinja/template.js';
import { builtinTables } from '../../src/mapping/tables.js';

/** A scope where every name of `vars` (and `missing`, which no test sets) is a node attribute. */
export function attributeScope(vars: Record<string, unknown>): JinjaScope {
  return {
    tables: builtinTables(),
    lookupVar: (name) => (name in vars || name === 'missing' ? { kind: 'attribute', path: [name] } : undefined),
    locals: new Map(),
  };
}

/** The ERB a template translates to; throws when the translator refuses it. */
export function erbOf(source: string, scope: JinjaScope): string {
  const p = parseTemplate(source);
  if (!p.ok) throw new Error(`parse ${source}: ${p.error.message}`);
  const t = translateTemplate(p.value.nodes, p.value.settings, scope, { sourceText: source });
  if (!t.ok) throw new Error(`refused ${source}: ${t.reason}`);
  return printErb(t.value);
}

/** Runs a helper script with JSON on stdin and returns its JSON answer. */
export function runJson(cmd: string, args: string[], input: unknown): Array<{ out?: string; error?: string }> {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Array<{ out?: string; error?: string }>;
}
