// Values a recipe reads several times are read once into a local (translate/read-once.ts): where the
// read is sure to happen anyway, never into lazy values, guards or converge-time blocks, never across
// an include_recipe, never in a recipe that writes attributes.
import { describe, expect, it } from 'vitest';
import type { Recipe, ResourceStmt, Stmt } from '../../src/ir/chef-ir.js';
import { call, nodePath, str, type RExpr } from '../../src/ir/ruby-ast.js';
import { printRecipe } from '../../src/print/print-recipe.js';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { readOnce } from '../../src/translate/read-once.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';
import { convertProject, outputText } from '../helpers/convert-helpers.js';

const origin = { span: { file: 'tasks/main.yml', line: 1, col: 1 } };
const read = (...path: string[]): RExpr => call(call(undefined, 'node', [], { noParens: true }), 'read!', path.map(str));
const interp = (...parts: Array<string | RExpr>): RExpr => ({ k: 'interp', parts });

function file(name: RExpr, extra: Partial<ResourceStmt> = {}): ResourceStmt {
  return { kind: 'resource', type: 'file', name, properties: [], actions: [], guards: [], notifies: [], subscribes: [], origin, ...extra };
}

function recipe(stmts: Stmt[]): Recipe {
  return { name: 'default', source: 'tasks/main.yml', stmts };
}

const printed = (r: Recipe) => printRecipe(r, 'app');
const count = (text: string, what: string) => text.split(what).length - 1;

describe('reading a value once', () => {
  it('reads a repeated attribute into a local before the first statement reading it, and reads it there only', () => {
    const r = recipe([
      file(str('/etc/first')),
      file(interp(read('app', 'dir'), '/one')),
      file(interp(read('app', 'dir'), '/two'), { properties: [{ name: 'content', value: read('app', 'dir') }] }),
    ]);
    expect(readOnce(r)).toBe(1);
    const text = printed(r);
    expect(count(text, "node.read!('app', 'dir')")).toBe(1);
    // After the first resource, which does not read it: a read that fails, fails at the same statement.
    expect(text.indexOf("dir = node.read!('app', 'dir')")).toBeGreaterThan(text.indexOf("file '/etc/first'"));
    expect(text.indexOf("dir = node.read!('app', 'dir')")).toBeLessThan(text.indexOf('file "#{dir}/one"'));
    expect(text).toContain('file "#{dir}/two" do\n  content dir\nend');
  });

  it('leaves a value read once, or read first where it may not be read at all, as it is', () => {
    const once = recipe([file(interp(read('app', 'dir'), '/one')), file(str('/etc/x'))]);
    expect(readOnce(once)).toBe(0);
    // Both reads in a loop body: over an empty list nothing is read, and a missing attribute must not fail.
    const loop = (): Recipe =>
      recipe([
        {
          kind: 'each',
          items: nodePath(['app', 'list']),
          params: ['item'],
          body: [file(interp(read('app', 'dir'), '/a')), file(interp(read('app', 'dir'), '/b'))],
        },
      ]);
    const r = loop();
    expect(readOnce(r)).toBe(0);
    expect(count(printed(r), "node.read!('app', 'dir')")).toBe(2);
    // Set by the cookbook's attributes whatever the platform: its read cannot fail, and moves before the loop.
    const set = loop();
    expect(readOnce(set, (p) => p.join('.') === 'app.dir')).toBe(1);
    expect(printed(set)).toMatch(/^dir = node\.read!\('app', 'dir'\)\n\nnode\['app'\]\['list'\]\.each do \|_?item\|$/m);
  });

  it('does not read for lazy values, guards or block properties, which run at converge time', () => {
    const r = recipe([
      file(interp(read('app', 'dir'), '/one'), {
        properties: [
          { name: 'content', value: { k: 'lazy', e: read('app', 'dir') } },
          { name: 'block', value: read('app', 'dir'), block: true },
        ],
        guards: [{ kind: 'only_if', ruby: read('app', 'dir') }],
      }),
      file(interp(read('app', 'dir'), '/two')),
    ]);
    expect(readOnce(r)).toBe(1);
    const text = printed(r);
    // The local's own read, then the lazy value, the block and the guard: each keeps its read.
    expect(count(text, "node.read!('app', 'dir')")).toBe(4);
    expect(text).toContain('file "#{dir}/two"');
  });

  it('does not reach past an include_recipe, nor into a recipe that writes attributes', () => {
    const include: Stmt = { kind: 'include_recipe', recipe: 'other::default', origin };
    const r = recipe([file(interp(read('app', 'dir'), '/one')), include, file(interp(read('app', 'dir'), '/two'))]);
    expect(readOnce(r)).toBe(0);
    const writes = recipe([
      file(interp(read('app', 'dir'), '/one')),
      {
        kind: 'assign',
        target: {
          k: 'index',
          recv: call(call(undefined, 'node', [], { noParens: true }), 'default', [], { noParens: true }),
          key: str('x'),
        },
        value: str('y'),
        origin,
      },
      file(interp(read('app', 'dir'), '/two')),
    ]);
    expect(readOnce(writes)).toBe(0);
  });

  it('names the local so that it breaks no property or DSL call of the recipe', () => {
    const r = recipe([
      file(interp(read('vhost', 'name'), '/a'), { properties: [{ name: 'path', value: read('site', 'path') }] }),
      file(interp(read('vhost', 'name'), '/b'), { properties: [{ name: 'path', value: read('site', 'path') }] }),
    ]);
    expect(readOnce(r)).toBe(2);
    const text = printed(r);
    expect(text).toContain("vhost_name = node.read!('vhost', 'name')");
    expect(text).toContain("site_path = node.read!('site', 'path')");
    expect(text).toContain('  path site_path\n');
  });
});

const FILES = {
  'site.yml': '- hosts: web\n  roles: [app]\n',
  'inventory.ini': '[web]\nweb1\n',
  'roles/app/defaults/main.yml': 'app_dir: /opt/app\napp_restart_state: reloaded\napp_files: [a, b]\n',
  'roles/app/tasks/main.yml':
    [
      '- name: one',
      '  copy: { content: "1", dest: "{{ app_dir }}/one" }',
      '  notify: restart app',
      '- name: per file',
      '  copy: { content: "2", dest: "{{ app_dir }}/{{ item }}" }',
      '  loop: "{{ app_files }}"',
      '  notify: restart app',
      '- name: three',
      '  copy: { content: "3", dest: "{{ app_dir }}/three" }',
      '  notify: restart app',
    ].join('\n') + '\n',
  'roles/app/handlers/main.yml': '- name: restart app\n  service: { name: app, state: "{{ app_restart_state }}" }\n',
};

describe('a converted role', () => {
  it("reads the handler's templated actions and the directory once, and notifies as before", async () => {
    const r = await convertProject(FILES);
    const text = outputText(r, 'app/recipes/default.rb');
    expect(count(text, "['restart_state']")).toBe(1);
    expect(text).toMatch(/^restart_state_actions = \[\{ 'started' => :start, .*\}\.fetch\(node\['app'\]\['restart_state'\]\)\]\.flatten$/m);
    expect(count(text, "restart_state_actions.each { |a2c_action| notifies a2c_action, 'service[restart app]', :delayed }")).toBe(3);
    expect(count(text, "node['app']['dir']")).toBe(1);
    if (!compileReady()) return;
    const runs = compileCheck(r.files, compileInputs());
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run, JSON.stringify(run)).toMatchObject({ ok: true });
    const detail = runs[0]!.detail!;
    const restart = [
      ['reload', 'service[restart app]', 'delayed'],
      ['start', 'service[restart app]', 'delayed'],
    ];
    for (const f of ['one', 'a', 'b', 'three']) expect(detail.find((d) => d.id === `file[/opt/app/${f}]`)!.notifies).toEqual(restart);
  });
});
