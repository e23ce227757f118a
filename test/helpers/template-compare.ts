// Shared by the tests that render one Jinja expression with Ansible's Templar and its translation
// with Erubis: a scope reading the test's variables as attributes, the ERB of a template, and a
// JSON round trip through a helper script.
import { spawnSync } from 'node:child_process';
import { parseTemplate } from '../../src/load/jinja/index.js';
import { printErb } from '../../src/print/print-erb.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { translateTemplate } from '../../src/jinja-to-ruby/template.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { printExpr } from '../../src/print/print-expr.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { parseYaml, toPlain, type YMap } from '../../src/load/ansible/yaml.js';
import { valueType, type VarType } from '../../src/resolve/types.js';

/** A scope where every name of `vars` (and `missing`, which no test sets) is a node attribute. */
export function attributeScope(vars: Record<string, unknown>): JinjaScope {
  return {
    tables: builtinTables(),
    lookupVar: (name) => (name in vars || name === 'missing' ? { kind: 'attribute', path: [name] } : undefined),
    locals: new Map(),
  };
}

/**
 * A role's defaults file as a test's variables: each one's static type as the resolve step gives it,
 * its plain value (for Ansible), and a scope reading each as a typed node attribute.
 */
export function typedDefaults(yaml: string): { types: Map<string, VarType>; vars: Record<string, unknown>; scope: JinjaScope } {
  const doc = parseYaml(yaml, 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
  const types = new Map<string, VarType>(doc.entries.map((e) => [String(toPlain(e.key)), valueType(e.value)]));
  const vars = Object.fromEntries(doc.entries.map((e) => [String(toPlain(e.key)), toPlain(e.value)])) as Record<string, unknown>;
  return {
    types,
    vars,
    scope: {
      tables: builtinTables(),
      lookupVar: (n) => (types.has(n) ? { kind: 'attribute', path: [n], type: types.get(n)!, read: 'node' } : undefined),
      locals: new Map(),
    },
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
/** A rendering's answer: its text, or the error it failed with. */
export type Answer = { out?: string; error?: string };

export function runJson(cmd: string, args: string[], input: unknown): Answer[] {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Answer[];
}

export interface StringValueRun {
  /** Ansible's Templar.template of each value (convert_data on). */
  want: Array<{ out?: unknown; error?: string }>;
  /** The Ruby each value translates to, and what it gives with the A2C::Jinja library. */
  exprs: string[];
  got: Array<{ out?: unknown; error?: string }>;
}

/**
 * Variable strings (module arguments, vars) through Ansible and through their translation: each value
 * translated with `scope`, printed, and evaluated by Ruby with `node` holding `vars`; `libs` are
 * extra support libraries to load (a2c_jinja always is).
 */
/** `node`: the attribute values the Ruby side reads, where they differ from the variables as written (a template's computed value). */
export function runStringValues(
  values: string[],
  vars: Record<string, unknown>,
  scope: JinjaScope,
  libs: string[] = [],
  node: Record<string, unknown> = vars,
): StringValueRun {
  const want = runJson('/usr/bin/python3', ['test/tools/string-value-ansible.py'], { vars, values });
  const exprs = values.map((v) => {
    const t = translateStringValue(v, scope);
    if (!t.ok) throw new Error(`${v}: ${t.reason}`);
    return printExpr(t.value);
  });
  const script = [
    "require 'json'",
    ...['a2c_jinja', ...libs].map((l) => `require_relative 'src/support-cookbook/ruby/libraries/${l}'`),
    `node = JSON.parse(${JSON.stringify(JSON.stringify(node))})`,
    // Chef's node.exist?/read! on the Hash standing for the node (a missing attribute raises).
    'def node.exist?(*path) = path.each_with_object([self]) { |k, c| c[0] = c[0].is_a?(Hash) && c[0].key?(k) ? c[0][k] : (return false) } && true',
    'def node.read!(*path) = exist?(*path) ? path.reduce(self) { |c, k| c[k] } : raise(KeyError, "no attribute #{path.join(\'.\')}")',
    'out = []',
    ...exprs.map((e) => `out << (begin; { 'out' => (${e}) }; rescue StandardError => ex; { 'error' => ex.message }; end)`),
    'print JSON.generate(out)',
  ].join('\n');
  const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`ruby failed: ${r.stderr}`);
  return { want, exprs, got: JSON.parse(r.stdout) as StringValueRun['got'] };
}

/** The values whose translation gives another value than Ansible, or succeeds where Ansible fails. */
export function stringValueMismatches(
  values: string[],
  run: StringValueRun,
): Array<{ value: string; ansible: unknown; a2c: unknown; ruby: string | undefined }> {
  return values.flatMap((value, i) => {
    const a = run.want[i]!;
    const b = run.got[i]!;
    const same = a.error !== undefined ? b.error !== undefined : JSON.stringify(a.out) === JSON.stringify(b.out);
    return same ? [] : [{ value, ansible: a, a2c: b, ruby: run.exprs[i] }];
  });
}

/**
 * Each template rendered by Ansible's Templar and, translated with `scope`, by Erubis with the support
 * library; `node`: the attributes Erubis reads, where they differ from the variables as written (a
 * template's computed value).
 */
export function renderBoth(
  templates: string[],
  vars: Record<string, unknown>,
  scope: JinjaScope,
  node: Record<string, unknown> = vars,
): {
  erbs: string[];
  want: Answer[];
  got: Answer[];
  /** The templates whose answers differ (sameAnswer), with their ERB. */
  diffs: Array<{ template: string; erb: string; ansible: Answer; ruby: Answer }>;
} {
  const erbs = templates.map((t) => erbOf(t, scope));
  const want = runJson(
    '/usr/bin/python3',
    ['test/tools/jinja-diff-ansible.py'],
    templates.map((template) => ({ template, vars })),
  );
  const got = runJson(
    'ruby',
    ['test/tools/jinja-diff-render.rb'],
    erbs.map((erb) => ({ erb, vars: node, node_name: 'h' })),
  );
  const diffs = templates.flatMap((template, k) =>
    sameAnswer(want[k]!, got[k]!) ? [] : [{ template, erb: erbs[k]!, ansible: want[k]!, ruby: got[k]! }],
  );
  return { erbs, want, got, diffs };
}

/** How the differential tests judge a rendering against Ansible's: the same text, or a failure in both. */
export function sameAnswer(a: Answer, b: Answer): boolean {
  return a.error !== undefined ? b.error !== undefined : b.error === undefined && a.out === b.out;
}
