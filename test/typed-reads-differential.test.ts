// Plain Chef reads of variables of known type (resolve/types.ts), compared with Ansible at the edges
// of each rule: what `{{ x }}` prints in a template (str, int and None without A2C::Jinja.out, a
// boolean spelled True/False, floats/lists/dicts through the helper), and what a variable string
// gives back (convert_data dropped only where the text cannot be re-read as a list, dict or
// boolean). The types come from the YAML values as the symbol table reads them.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseYaml, toPlain, type YMap } from '../src/ansible/yaml.js';
import { DiagnosticSink } from '../src/diagnostics.js';
import { valueType, type VarType } from '../src/resolve/types.js';
import { builtinTables } from '../src/mapping/tables.js';
import { printExpr } from '../src/ruby/print-expr.js';
import type { JinjaScope } from '../src/translate/jinja/scope.js';
import { translateStringValue } from '../src/translate/jinja/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from './helpers/real-tools.js';
import { erbOf, renderBoth, runStringValues, stringValueMismatches } from './helpers/template-compare.js';

const DEFAULTS = [
  's: plain text', 'nl: "ends\\n"', 'yes_word: "yes"', 'none_v: ~', 'f: 1.5', 'whole_f: 2.0', 'l: [1, "a"]', 'd: {a: 1}',
  'b: true', 'bf: false', 'i: 42', 'neg: -3', 'lit: "[1, 2]"', 'tr: "True"', 'e: ""', 'brace: "{x}"', 'words: [a, b]',
].join('\n') + '\n';

const doc = parseYaml(DEFAULTS, 'defaults/main.yml', new DiagnosticSink())[0]!.root as YMap;
const TYPES = new Map<string, VarType>(doc.entries.map((e) => [String(toPlain(e.key)), valueType(e.value)]));
const VARS = Object.fromEntries(doc.entries.map((e) => [String(toPlain(e.key)), toPlain(e.value)])) as Record<string, unknown>;
const NAMES = [...TYPES.keys()];

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) => (TYPES.has(n) ? { kind: 'attribute', path: [n], type: TYPES.get(n)!, read: 'node' } : undefined),
  locals: new Map(),
};

const TEMPLATES = [
  ...NAMES.map((n) => `{{ ${n} }}`),
  ...NAMES.map((n) => `[{{ ${n} }}]:{{ i }}`),
  ...NAMES.map((n) => `{{ ${n} ~ '!' }}`),
  ...NAMES.map((n) => `{% if ${n} %}T{% else %}F{% endif %}`),
  ...['s', 'l', 'd', 'e', 'words'].map((n) => `{{ ${n} | length }}`),
  '{% for w in words %}{{ w }},{% endfor %}', '{{ b and i }}', '{{ none_v | default("z") }}',
];

const VALUES = [
  ...NAMES.map((n) => `{{ ${n} }}`),
  ...NAMES.map((n) => `{{ ${n} }}/tail`),
  ...NAMES.map((n) => `pre {{ ${n} }}`),
  ...NAMES.map((n) => `{{ ${n} }}{{ i }}`),
  '{{ s }}{{ tr }}', '{{ e }}{{ lit }}', '{{ e }}{{ e }}', 'Tr{{ e }}ue', '{{ i }}', '{{ b }}',
];

const haveTools = requireOrSkip('ansible+ruby+erubis', hasPythonModule('ansible') && hasTool('ruby') &&
  spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0);

describe('typed reads', () => {
  it('print plain Ruby where Ruby prints as Python does', () => {
    expect(erbOf('{{ s }} {{ i }} {{ none_v }}', scope)).toBe("<%= node['s'] %> <%= node['i'] %> <%= node['none_v'] %>");
    expect(erbOf('{{ b }}', scope)).toBe("<%= node['b'] ? 'True' : 'False' %>");
    expect(erbOf('{{ f }} {{ l }} {{ d }}', scope)).toBe("<%= A2C::Jinja.out(node['f']) %> <%= A2C::Jinja.out(node['l']) %> <%= A2C::Jinja.out(node['d']) %>");
    expect(erbOf('{{ l | length }}', scope)).toBe("<%= node['l'].length %>");
  });
  it('drop convert_data only where the text cannot read as a list, dict or boolean', () => {
    const ruby = (v: string) => {
      const t = translateStringValue(v, scope);
      if (!t.ok) throw new Error(t.reason);
      return printExpr(t.value);
    };
    expect(ruby('{{ s }}')).toBe("node['s']");
    expect(ruby('{{ lit }}')).toBe("A2C::Jinja.convert_data(node['lit'])");
    expect(ruby('{{ tr }}')).toBe("A2C::Jinja.convert_data(node['tr'])");
    expect(ruby('{{ s }}/tail')).toBe("\"#{node['s']}/tail\"");
    // An empty plain string lets the next part come first: '[1, 2]' would be re-read.
    expect(ruby('{{ e }}{{ lit }}')).toBe("A2C::Jinja.convert_data(\"#{node['e']}#{node['lit']}\")");
  });
});

describe.skipIf(!haveTools)('typed reads vs real Ansible', () => {
  it('templates render byte-identical with Erubis', () => {
    const { erbs, want, got } = renderBoth(TEMPLATES, VARS, scope);
    const diffs = TEMPLATES.flatMap((t, i) => {
      const a = want[i]!;
      const b = got[i]!;
      const same = a.error !== undefined ? b.error !== undefined : b.error === undefined && a.out === b.out;
      return same ? [] : [{ template: t, erb: erbs[i], ansible: a, ruby: b }];
    });
    expect(diffs).toEqual([]);
  });
  it('variable strings give the value Ansible gives', () => {
    const run = runStringValues(VALUES, VARS, scope);
    expect(stringValueMismatches(VALUES, run)).toEqual([]);
  });
});
