// A setup task whose filter is known only when it runs (openstack-ansible's cinder playbook:
// `filter: "{{ cinder_gather_filter | default('ansible_processor*') }}"`): Ohai reloads, and
// whether the local facts (facts.d) are read again is decided then by
// A2C::Facts.setup_gathers_local?. Differential: each filter and gather_subset given to the real
// setup module (does its result hold ansible_local?) and to the helper; a subset the helper does
// not decide fails the run instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const LIBDIR = resolve(import.meta.dirname, '../../src/support-cookbook/ruby/libraries');

describe('setup with a templated filter', () => {
  it('reloads Ohai and reads the local facts again where the helper says the filter keeps them', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'flt: "ansible_processor*"\n',
      'tasks/main.yml': '- name: more facts\n  setup:\n    filter: "{{ flt }}"\n    gather_subset: processor_count\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    const body = recipeBody(r, 'demo');
    expect(body).toContain("ohai 'more facts'\n");
    expect(body).toContain("    A2C::Facts.setup_refresh_local(node, node['demo']['flt'], 'processor_count')\n");
  });
});

// [filter, gather_subset (undefined: not given)]
const CASES: Array<[string | string[], string | string[] | undefined]> = [
  ['ansible_processor*', 'processor_count'],
  ['ansible_local', '!all'],
  ['local', '!all'],
  ['*local', 'min'],
  ['ansible_loc?l', undefined],
  ['facter_local', undefined],
  ['ohai*', undefined],
  ['ansible_processor*,ansible_local', '!all'],
  [
    ['ansible_mounts', 'ansible_local'],
    ['!all', 'local'],
  ],
  ['', '!all'],
  [[], '!all'],
  ['ansible_local', '!all,!min'],
  ['ansible_local', ['!all', '!min', 'local']],
  ['ansible_local', '!local'],
  ['ansible_local', 'hardware'],
];

const tools = requireOrSkip('ansible-playbook and ruby', hasTool('ansible-playbook') && hasTool('ruby'));
describe.skipIf(!tools)('whether setup gathers ansible_local: the real module vs the helper', () => {
  it('gives the module answer, or fails where it does not decide', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-setup-filter-'));
    try {
      const tasks = CASES.map(
        ([filter, subset], i) =>
          `    - setup:\n        filter: ${JSON.stringify(filter)}\n${subset === undefined ? '' : `        gather_subset: ${JSON.stringify(subset)}\n`}      register: r${i}\n`,
      );
      const show = CASES.map((_, i) => `{{ 'ansible_local' in r${i}.ansible_facts }}`).join(',');
      writeFileSync(
        join(dir, 'play.yml'),
        `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks.join('')}    - copy:\n        dest: ${join(dir, 'out.txt')}\n        content: "${show}"\n`,
      );
      const a = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', join(dir, 'play.yml')], {
        encoding: 'utf8',
        env: ansibleEnv(),
      });
      if (a.status !== 0) throw new Error(`ansible-playbook failed: ${a.stdout}${a.stderr}`);
      const ansible = readFileSync(join(dir, 'out.txt'), 'utf8').split(',');

      const script = [
        "require 'json'; require 'a2c_jinja'; require 'a2c_facts'; require 'a2c_facts_local'",
        'JSON.parse(STDIN.read).each do |(filter, subset)|',
        '  puts(begin',
        '    A2C::Facts.setup_gathers_local?(filter, subset) ? "True" : "False"',
        '  rescue A2C::Facts::LocalFactRefused',
        "    'refused'",
        '  end)',
        'end',
      ].join('\n');
      const r = spawnSync('ruby', ['-I', LIBDIR, '-e', script], {
        encoding: 'utf8',
        input: JSON.stringify(CASES.map(([f, s]) => [f, s ?? null])),
      });
      expect(r.stderr).toBe('');
      const chef = r.stdout.trimEnd().split('\n');
      const decided = CASES.map((c, i) => [JSON.stringify(c), ansible[i], chef[i]]);
      // Where the helper decides, it says what the module did; it leaves open only subsets beyond the ones it knows.
      for (const [c, a, h] of decided) if (h !== 'refused') expect(h, c).toBe(a);
      expect(decided.filter(([, , h]) => h === 'refused').map(([c]) => c)).toEqual([JSON.stringify(['ansible_local', 'hardware'])]);
      expect(ansible.filter((x) => x === 'True').length).toBeGreaterThan(3);
      expect(ansible.filter((x) => x === 'False').length).toBeGreaterThan(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
