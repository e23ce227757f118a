// with_items over a literal list that holds reads of variables (`["/etc/x", "{{ path }}"]`): the
// plugin flattens one level, so the list is its own item list only where no read can give a list
// (src/translate/task/loops.ts). Compared with ansible-playbook: the items Ansible loops over, and
// the items the converted recipe's list gives in Ruby, evaluated on the converted attributes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { withLocalPlay } from '../../helpers/local-play.js';

const LIBDIR = resolve(import.meta.dirname, '../../../src/support-cookbook/ruby/libraries');
const DEFAULTS = 's: /a\nn: 3\nf: 1.5\nnone: ~\nd: {k: v}\nl: [x, [y]]\nb: yes\nt: "{{ s }}/b\\n"\nq: "yes"\n';
const LOOPS = [
  '["/lit", "{{ s }}", "{{ n }}", "{{ f }}", "{{ none }}", "{{ d }}", "{{ b }}", "{{ q }}"]',
  '["{{ t }}", "{{ s }}"]',
  '["/lit", "{{ l }}"]',
];

async function converted() {
  const r = await convertRole({
    'defaults/main.yml': DEFAULTS,
    'tasks/main.yml': LOOPS.map((l, i) => `- debug: msg=m${i}\n  with_items: ${l}\n`).join(''),
  });
  expect(r.tasks.map((t) => t.outcome)).toEqual(LOOPS.map(() => 'converted'));
  const body = recipeBody(r, 'demo');
  // What the recipe reads several times is read once before (translate/read-once.ts): put back in each list.
  const locals = new Map([...body.matchAll(/^([a-z_][a-z0-9_]*) = (node\[.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  const lists = body
    .split('\n')
    .filter((l) => / do \|item\|$/.test(l))
    .map((l) => l.replace(/\.each do \|item\|$/, ''))
    .map((l) => l.replace(/\b[a-z_][a-z0-9_]*\b(?!')/g, (w) => locals.get(w) ?? w));
  return { r, lists, locals };
}

describe('with_items over a literal list of reads', () => {
  it('is the list itself where no read can be a list, the helper otherwise', async () => {
    const { lists, locals } = await converted();
    // s, read by two loops, is read once.
    expect([...locals]).toEqual([['s', "node['demo']['s']"]]);
    expect(lists[0]).toBe(
      "['/lit', node['demo']['s'], node['demo']['n'], node['demo']['f'], nil, node['demo']['d'], node['demo']['b'], node['demo']['q']]",
    );
    expect(lists[1]).toBe("[node['demo']['t'], node['demo']['s']]");
    expect(lists[2]).toBe("A2C::Lookup.items(['/lit', node['demo']['l']])");
  });

  const haveTools = requireOrSkip('ansible-playbook+ruby', hasTool('ansible-playbook') && hasTool('ruby'));
  it.skipIf(!haveTools)(
    'gives the items Ansible loops over',
    async () => {
      const ansible = withLocalPlay(
        () => ({
          'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n  tasks:\n${LOOPS.map(
            (_, i) =>
              `    - copy: { dest: "{{ playbook_dir }}/items${i}.json", content: "{{ r${i}.results | map(attribute='item') | list | to_json }}" }\n`,
          ).join('')}`,
          'roles/demo/defaults/main.yml': DEFAULTS,
          'roles/demo/tasks/main.yml': LOOPS.map((l, i) => `- debug: msg=m${i}\n  with_items: ${l}\n  register: r${i}\n`).join(''),
        }),
        (run) => {
          expect(run.status, run.log).toBe(0);
          return LOOPS.map((_, i) => JSON.parse(readFileSync(join(run.dir, `items${i}.json`), 'utf8')) as unknown);
        },
      );
      const { r, lists } = await converted();
      const attrs = outputText(r, 'demo/attributes/default.rb');
      const script = `require 'json'; require 'a2c_jinja'; require 'a2c_lookup'\ndefault = Hash.new { |h, k| h[k] = {} }\nnode = default\n${attrs}\nputs JSON.generate([${lists.join(', ')}])`;
      const ruby = spawnSync('ruby', ['-I', LIBDIR], { input: script, encoding: 'utf8' });
      expect(ruby.stderr).toBe('');
      expect(JSON.parse(ruby.stdout)).toEqual(ansible);
      // The edge: the list variable is flattened into the items.
      expect(ansible[2]).toEqual(['/lit', 'x', ['y']]);
    },
    120_000,
  );
});
