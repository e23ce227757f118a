// set_fact's action plugin turns text spelling true/false/yes/no (any case) into a boolean, whether
// the text is written in the task or comes out of its template (jinja2_native off); other text,
// numbers, lists and dicts stay. Checked against real ansible-playbook, value by value.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

// Texts as YAML writes them (quoted: they are strings), and what reaches set_fact through a template.
const TEXTS = ['yes', 'No', 'TRUE', 'false', 'y', 'on', '1', 'yes ', 'Yes please', '', 'True'];
const yamlStr = (s: string) => JSON.stringify(s);

function role() {
  const defaults = TEXTS.map((t, i) => `t${i}: ${yamlStr(t)}\n`).join('') + 'n0: 1\nl0: [yes]\n';
  const facts = [
    ...TEXTS.map((t, i) => `    lit${i}: ${yamlStr(t)}`),
    ...TEXTS.map((_t, i) => `    tpl${i}: "{{ t${i} }}"`),
    '    num: "{{ n0 }}"',
    '    lst: "{{ l0 }}"',
    // Text around the template that rules the words out, and two templates that could spell one.
    '    rel: "{{ t0 }}/x"',
    '    two: "{{ t4 }}{{ t1 | lower }}"',
    '    ye: "{{ t4 }}es"',
    // Text that whitespace control trims away rules nothing out: 'yes' stays a word.
    '    trim: "{{ t0 -}} "',
  ];
  // The k=v form: parse_kv splits it (its values are text), then the same rule applies.
  const kv = '- set_fact: kv1=yes kv2="two words" kv3=2 kv4="{{ t1 }}"\n';
  return { 'defaults/main.yml': defaults, 'tasks/main.yml': `- set_fact:\n${facts.join('\n')}\n${kv}` };
}
const NAMES = [
  ...TEXTS.map((_t, i) => `lit${i}`),
  ...TEXTS.map((_t, i) => `tpl${i}`),
  'num',
  'lst',
  'rel',
  'two',
  'ye',
  'trim',
  'kv1',
  'kv2',
  'kv3',
  'kv4',
];

describe.skipIf(!(requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'))))(
  'set_fact values vs real Ansible',
  () => {
    it('gives each fact the value (and type) Ansible gives', async () => {
      const files = role();
      const play = (out: string) =>
        [
          '- hosts: localhost',
          '  connection: local',
          '  gather_facts: false',
          `  vars_files: [defaults.yml]`,
          '  tasks:',
          ...files['tasks/main.yml']
            .split('\n')
            .filter(Boolean)
            .map((l) => `    ${l}`),
          `    - copy: { dest: ${out}, content: "{{ {${NAMES.map((n) => `'${n}': ${n}`).join(', ')}} | to_json }}" }`,
        ].join('\n') + '\n';
      const want = withLocalPlay(
        (dir) => ({ 'defaults.yml': files['defaults/main.yml'], 'site.yml': play(join(dir, 'facts.json')) }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return JSON.parse(readFileSync(join(run.dir, 'facts.json'), 'utf8')) as Record<string, unknown>;
        },
      );
      const r = await convertRole(files);
      const body = recipeBody(r, 'demo');
      // The facts' assignments, and the locals the recipe reads several times (translate/read-once.ts), in order.
      const assigns = body.split('\n').filter((l) => l.startsWith("node.run_state['") || /^[a-z_][a-z0-9_]* = node\[/.test(l));
      expect(assigns.filter((l) => l.startsWith("node.run_state['"))).toHaveLength(NAMES.length);
      const attrs: Record<string, unknown> = Object.fromEntries(TEXTS.map((t, i) => [`t${i}`, t]));
      attrs['n0'] = 1;
      attrs['l0'] = [true];
      const script = [
        "require 'json'",
        "require_relative 'src/support-cookbook/ruby/libraries/a2c_jinja'",
        // The role's attributes as Chef merges them; the recipe reads node['demo'][...].
        `attrs = JSON.parse(${JSON.stringify(JSON.stringify(attrs))})`,
        "Run = Struct.new(:run_state) { def [](k) = k == 'demo' ? ATTRS : raise(KeyError, k) }",
        'ATTRS = attrs',
        'node = Run.new({})',
        ...assigns,
        'print JSON.generate(node.run_state)',
      ].join('\n');
      const rb = spawnSync('ruby', ['-e', script], { encoding: 'utf8', cwd: process.cwd() });
      expect(rb.status, rb.stderr + '\n' + assigns.join('\n')).toBe(0);
      const got = JSON.parse(rb.stdout) as Record<string, unknown>;
      // num: a lone {{ n0 }} of a YAML number stays a number; lst: the list.
      expect(want).toMatchObject({
        lit0: true,
        lit1: false,
        tpl0: true,
        tpl1: false,
        lit4: 'y',
        tpl7: 'yes ',
        rel: 'yes/x',
        ye: true,
        kv1: true,
        kv3: '2',
        kv4: false,
      });
      expect(got).toEqual(want);
    });
  },
);
