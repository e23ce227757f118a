// A loop whose `when` tests the item, and whose resource name reads what the guard tests: Ansible
// evaluates the per-item `when` before it templates the arguments, so a skipped item's arguments
// are never evaluated; Chef evaluates a resource's name when the recipe compiles, for every item,
// so `only_if` alone raised there (`object has no attribute 'path'`). The loop skips such an item
// first (`next unless`) where the guard reads nothing that changes during the run; a guard on a
// registered result stays `only_if`, checked at converge time.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCheck, type CompileInputs } from '../../../src/scripts/chef-compile.js';
import { convertRole, recipeBody, type TextTree } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../../helpers/shared.js';

const schemaFile = join(SHARED, 'chef/resources.json');
const canCompile =
  requireOrSkip('ruby', hasTool('ruby')) &&
  requireOrSkip('shared/ground-truth and shared/chef', existsSync(GROUND_TRUTH) && existsSync(schemaFile));
const inputs: CompileInputs = { factsFile: GROUND_TRUTH, schemaFile };

/** The public role's shape: two of three items have a path; the link is named from it. */
function role(linkDir: string, when: string, extraTasks = ''): TextTree {
  return {
    'defaults/main.yml': [
      `link_dir: ${linkDir}`,
      'links_enabled: true',
      'things:',
      '  - { path: /etc/hostname }',
      '  - { name: no-path }',
      '  - { path: /etc/hosts }',
    ].join('\n'),
    'tasks/main.yml': [
      extraTasks,
      '- name: Link the things.',
      '  file: src="{{ item.path }}" dest="{{ link_dir }}/{{ item.path | basename }}" state=link',
      '  loop: "{{ things }}"',
      `  when: ${when}`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

const compileRuns = async (files: TextTree) => compileCheck((await convertRole(files)).files, inputs);

describe('a looped resource named from what its per-item guard tests', () => {
  it('skips the item in the loop before the resource is built, and builds it as an unguarded one', async () => {
    const body = recipeBody(await convertRole(role('/x', 'item.path is defined')), 'demo');
    expect(body).toContain(
      "do |item|\n  next unless A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(item, 'path') })\n\n  # tasks/main.yml:1 Link the things.\n  link ",
    );
    expect(body).not.toContain('only_if');
    // Nothing is evaluated for a skipped item, so the properties need not wait for converge time.
    expect(body).not.toContain('lazy');
  });

  it('skips with `next if` where the guard is a negation (no `unless !`)', async () => {
    const body = recipeBody(await convertRole(role('/x', 'not (item.path is defined)')), 'demo');
    expect(body).toContain("  next if A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(item, 'path') })\n");
  });

  it.skipIf(!canCompile)('compiles in Chef with one resource per item Ansible links (it raised before)', async () => {
    const runs = await compileRuns(role('/x', 'item.path is defined'));
    expect(runs.map((r) => [r.outcome, r.error, r.message])).toEqual([['ok', undefined, undefined]]);
    expect(runs[0]!.resources).toBe(2);
  });

  it.skipIf(!requireOrSkip('ansible-playbook', hasTool('ansible-playbook')))(
    'Ansible itself skips the item without evaluating its arguments, and links the other two',
    () => {
      const files = (dir: string) => {
        const r = role(join(dir, 'links'), 'item.path is defined');
        return {
          'roles/demo/defaults/main.yml': r['defaults/main.yml'] as string,
          'roles/demo/tasks/main.yml': r['tasks/main.yml'] as string,
          'site.yml':
            '- hosts: localhost\n  connection: local\n  gather_facts: false\n  pre_tasks:\n    - file: { path: "{{ playbook_dir }}/links", state: directory }\n  roles: [demo]\n',
        };
      };
      const linked = withLocalPlay(files, (run) => {
        expect(run.status, run.log).toBe(0);
        return readdirSync(join(run.dir, 'links')).filter((f) => lstatSync(join(run.dir, 'links', f)).isSymbolicLink());
      });
      expect(linked.sort()).toEqual(['hostname', 'hosts']);
    },
  );

  it("moves a block's or role's compile-time condition before it with it, in Ansible's order", async () => {
    const files = role('/x', 'item.path is defined');
    const tasks = `- block:\n${(files['tasks/main.yml'] as string)
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n')}\n  when: links_enabled | bool`;
    const body = recipeBody(await convertRole({ ...files, 'tasks/main.yml': tasks }), 'demo');
    // `links_enabled | bool` of a boolean default is the attribute itself.
    expect(body).toContain(
      "next unless node['demo']['links_enabled'] && A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(item, 'path') })\n",
    );
    expect(body).not.toContain('only_if');
    if (canCompile) expect((await compileRuns({ ...files, 'tasks/main.yml': tasks })).map((r) => r.outcome)).toEqual(['ok']);
  });

  it('keeps a registered result in only_if (it exists at converge time), after the item test it follows', async () => {
    const check = '- name: Check.\n  command: "true"\n  register: check\n  changed_when: false';
    const body = recipeBody(await convertRole(role('/x', '[item.path is defined, check.rc == 0]', check)), 'demo');
    expect(body).toContain("next unless A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(item, 'path') })");
    expect(body).toMatch(/  link [^\n]+ do\n(?:    [^\n]*\n)*    only_if \{ [^\n]*registered\(node\.run_state, 'check'\)/);
    expect(body).not.toMatch(/only_if \{[^\n]*is_defined/);
  });

  it('moves nothing when a registered result is tested first (the item test is evaluated only where it holds)', async () => {
    const check = '- name: Check.\n  command: "true"\n  register: check\n  changed_when: false';
    const body = recipeBody(await convertRole(role('/x', '[check.rc == 0, item.path is defined]', check)), 'demo');
    expect(body).not.toContain('next ');
    expect(body).toMatch(/only_if \{ [^\n]*registered\(node\.run_state, 'check'\)[^\n]*&& A2C::Jinja\.is_defined\(/);
  });

  it('leaves a guard alone where no name reads the item (nothing evaluated early can fail)', async () => {
    const files: TextTree = {
      'defaults/main.yml': 'things: [{ on: true }, { off: true }]\n',
      'tasks/main.yml': '- name: Touch.\n  file: path=/tmp/flag state=touch\n  loop: "{{ things }}"\n  when: item.on is defined\n',
    };
    const body = recipeBody(await convertRole(files), 'demo');
    expect(body).not.toContain('next ');
    expect(body).toContain("only_if { A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(item, 'on') }) }");
  });

  it('leaves a looped handler guarded on its resources (a notification names every item)', async () => {
    const files = role('/x', 'item.path is defined');
    const handler = (files['tasks/main.yml'] as string).replace('- name: Link the things.', '- name: relink');
    const r = await convertRole({
      ...files,
      'handlers/main.yml': handler,
      'tasks/main.yml': '- name: Trigger.\n  file: path=/tmp/t state=touch\n  notify: relink\n',
    });
    const handlers = recipeBody(r, 'demo', 'handlers');
    expect(handlers).not.toContain('next ');
    expect(handlers).toContain("only_if { A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(item, 'path') }) }");
  });
});
