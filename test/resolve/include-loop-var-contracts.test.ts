// An include loop's loop_var (`include_tasks: thing.yml` with `loop_control: loop_var: thing`, a
// public tomcat role's `instance`): inlined, the include binds it to each item; the included task
// file's own recipe reads it from outside (node['ansible']['thing']), which no source of the input
// sets. Its fields get contracts from their uses as an empty dict's do: a contracted field prints
// plain, `thing.f | default(x)` is `node.exist?(..., 'f') ? node[...]['f'] : x` (Jinja's undefined
// dict or key gives x), `thing.f is defined` is node.exist?. Rendered by real Ansible (the template
// with `thing` set, and unset) and by Erubis over the same values: byte-identical, or both fail.
import { describe, expect, it } from 'vitest';
import { hasTool } from '../helpers/real-tools.js';
import type { ConversionResult } from '../../src/convert.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';
import { itemCheckOf } from '../helpers/input-check.js';
import { haveAnsibleAndErubis, outcomes, renderBoth, rendersThenFails } from '../helpers/erb-differential.js';

const T_J2 = [
  'name = {{ thing.name }}',
  'port = {{ thing.port | default(app_port) }}',
  '{% if thing.label is defined %}',
  'label = {{ thing.label }}',
  '{% endif %}',
  '',
].join('\n');

const FILES = {
  'site.yml': '- hosts: all\n  roles: [app]\n',
  'roles/app/defaults/main.yml': 'app_port: 8080\nthings:\n  - name: a\n',
  'roles/app/tasks/main.yml': '- include_tasks: thing.yml\n  loop: "{{ things }}"\n  loop_control:\n    loop_var: thing\n',
  'roles/app/tasks/thing.yml': '- template:\n    src: t.j2\n    dest: "/tmp/x-{{ thing.name }}"\n',
  'roles/app/templates/t.j2': T_J2,
};

/** The ERB the included file's own recipe renders (the one reading node['ansible']['thing']). */
async function standalone(): Promise<{ erb: string; recipe: string; library: string; result: ConversionResult }> {
  const r = await convertProject(FILES);
  const recipe = outputText(r, 'app/recipes/thing.rb');
  const source = /source '([^']+)'/.exec(recipe)![1]!;
  return { erb: outputText(r, `app/templates/${source}`), recipe, library: outputText(r, 'app/libraries/input_contracts.rb'), result: r };
}

describe('an include loop variable read from outside by the included file’s own recipe', () => {
  it('reads its contracted fields as plain Chef', async () => {
    const { erb, recipe, library } = await standalone();
    expect(erb).toContain("name = <%= node.read!('ansible', 'thing').fetch('name') %>");
    expect(erb).toContain("port = <%= node.exist?('ansible', 'thing', 'port') ? node['ansible']['thing']['port'] : node['app']['port'] %>");
    expect(erb).toContain("<% if node.exist?('ansible', 'thing', 'label') %>");
    expect(erb).not.toContain('A2C::');
    expect(recipe).toContain('A2C::Inputs.check_items!(node, AppCookbook::ITEM_CONTRACTS)');
    expect(library).toMatch(/'thing' => \{\s+path: %w\(ansible thing\),\s+kind: :dict,/);
  });
});

const haveTools = haveAnsibleAndErubis();

// Inside the contracts, at their edges: '9' and 9, 0 and '', text ending in a newline, 'yes'.
const INSIDE: Array<Record<string, unknown>> = [
  { name: 'a' },
  { name: 7, port: '9' },
  { name: 'x', port: 0, label: '' },
  { name: 'yes', label: 'l\n', extra: [1] },
];
// The printed name missing, and `thing` unset (undefined in Ansible, no attribute in Chef): both fail.
const FAILING: Array<Record<string, unknown> | undefined> = [{ port: 1 }, undefined];

describe.skipIf(!haveTools)('an include loop variable vs real Ansible', () => {
  it('renders values inside the contracts byte-identical, and fails where Ansible fails', async () => {
    const { erb } = await standalone();
    const values = [...INSIDE, ...FAILING];
    const { want, diffs } = renderBoth(
      values.map((thing) => ({
        template: T_J2,
        vars: { app_port: 8080, ...(thing ? { thing } : {}) },
        erb,
        node: { app: { port: 8080 }, ...(thing ? { ansible: { thing } } : {}) },
        assigns: {},
      })),
    );
    expect(diffs).toEqual([]);
    expect(outcomes(want)).toEqual(rendersThenFails(INSIDE.length, want.length));
    expect(want[0]!.out).toBe('name = a\nport = 8080\n');
    expect(want[2]!.out).toBe('name = x\nport = 0\nlabel = \n');
  });
});

describe.skipIf(!hasTool('ruby'))('an include loop variable’s check', () => {
  it('fails the run on a value outside the contracts, and passes an unset one to the read that fails on it', async () => {
    const check = itemCheckOf((await standalone()).result, 'app', 'thing');
    const run = (thing: unknown) => check(thing === undefined ? {} : { ansible: { thing } });
    for (const thing of [...INSIDE, undefined]) expect(run(thing), JSON.stringify(thing)).toBe('ok');
    expect(run('text')).toMatch(/^thing \(node\['ansible'\]\['thing'\]\) is text, not a dict/);
    expect(run({ name: 'a', port: null })).toMatch(/^thing\['port'\] \(node\['ansible'\]\['thing'\]\) is None, not str\|int/);
  });
});
