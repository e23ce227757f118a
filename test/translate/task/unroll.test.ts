// A loop over a literal list whose items decide the resource type or action is unrolled: one
// resource per item, each argument `{{ item.key }}` taking the item's value as written.
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';

const crud = [
  '- name: Lay out the files',
  '  file:',
  '    src: "{{ item.src | default(omit) }}"',
  '    path: "{{ item.path }}"',
  '    state: "{{ item.state | default(\'directory\') }}"',
  '    mode: "{{ item.mode | default(omit) }}"',
  '  when: item.wanted | default(true) | bool',
  '  with_items:',
  '    - path: /etc/app',
  '      mode: "02755"',
  '    - src: /etc/app/app.conf',
  '      path: /etc/app.conf',
  '      state: link',
  '      wanted: "{{ app_link }}"',
  '',
].join('\n');

describe('unrolled literal loops', () => {
  it('makes one resource per item, with the action each item picks', async () => {
    const r = await convertRole({ 'tasks/main.yml': crud, 'defaults/main.yml': 'app_link: true\n' });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(recipeBody(r, 'demo')).toBe(
      [
        '# tasks/main.yml:1: the loop over 2 literal items is unrolled (an item decides what the module does)',
        '',
        '# tasks/main.yml:1 Lay out the files',
        "a2c_directory '/etc/app' do",
        "  mode '02755'",
        'end',
        '',
        '# tasks/main.yml:1 Lay out the files',
        "link '/etc/app.conf' do",
        "  to '/etc/app/app.conf'",
        "  only_if { A2C::Jinja.bool(A2C::Jinja.default(A2C::Jinja.try { node['demo']['app_link'] }, true)) }",
        'end',
      ].join('\n'),
    );
  });

  it('leaves a loop one Ruby loop can express as a loop', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- name: Run each step\n  command: "{{ item.cmd }}"\n  args:\n    creates: "{{ item.creates | default(omit) }}"\n  loop:\n    - {cmd: /bin/a}\n    - {cmd: /bin/b, creates: /tmp/b}\n',
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain('.each do |item|');
    expect(body).not.toContain('unrolled');
  });

  it('does not unroll a loop whose result is registered (a list of results)', async () => {
    const r = await convertRole({
      'tasks/main.yml': crud.replace('  with_items:', '  register: made\n  with_items:'),
      'defaults/main.yml': 'app_link: true\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('file state must be static');
  });

  it('does not unroll with_items over a string that may render to a list (flattened)', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- file:\n    path: "{{ item }}"\n    state: "{{ item.state }}"\n  with_items:\n    - "{{ extra_dirs }}"\n    - /srv\n',
      'defaults/main.yml': 'extra_dirs: [/a, /b]\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
  });

  it('keeps the original reason when an item cannot be translated either', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- file:\n    path: "{{ item.path }}"\n    state: "{{ item.state }}"\n  loop:\n    - {path: /a, state: directory}\n    - {path: /b, state: "{{ chosen_state }}"}\n',
      'defaults/main.yml': 'chosen_state: touch\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    expect(r.diagnostics.find((d) => d.code === 'A2C-TODO-DYNAMIC-ACTION')?.span?.line).toBe(3);
  });

  // The loop-wide reason (`state` is templated) names what unrolling settles; the item's names what stops it.
  it('reports an item that fails for another reason with that reason', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- file:\n    path: "{{ item.path }}"\n    state: "{{ item.state }}"\n  loop:\n    - {path: /a, state: directory}\n    - {path: /b, state: link}\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
    const d = r.diagnostics.filter((x) => x.code.startsWith('A2C-TODO'));
    expect(d.map((x) => x.code)).toEqual(['A2C-TODO-PARAM']);
    expect(d[0]!.message).toMatch(/^loop item 2 of 2: .*link/);
    expect(d[0]!.message).not.toContain('must be static');
  });

  it('leaves `item.items` (the dict method in Jinja) to the translator', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- file:\n    path: "{{ item.items }}"\n    state: "{{ item.state }}"\n  loop:\n    - {items: /a, state: directory}\n',
    });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['todo']);
  });
});

describe('a handler looping over literal items', () => {
  // wireguard's restart handler: `state: "{{ item }}"` over [stopped, started]. A Ruby loop gives
  // no resource names to notify, so each item becomes a handler resource of its own, notified in order.
  const role = {
    'tasks/main.yml': '- name: conf\n  copy: {content: "x\\n", dest: /etc/x.conf}\n  notify: restart x\n',
    'handlers/main.yml':
      '- name: restart x\n  service:\n    name: xsvc\n    state: "{{ item }}"\n  loop: [stopped, started]\n  when: x_enabled | bool\n',
    'defaults/main.yml': 'x_enabled: true\n',
  };

  it('becomes one resource per item, each notified with the action its item picks', async () => {
    const r = await convertRole(role);
    expect(r.tasks.every((t) => t.outcome === 'converted')).toBe(true);
    const handlers = recipeBody(r, 'demo', 'handlers');
    expect(handlers).toContain("service 'restart x (1)' do\n  service_name 'xsvc'\n  action :nothing\n  only_if {");
    expect(handlers).toContain("service 'restart x (2)' do");
    const body = recipeBody(r, 'demo');
    expect(body).toContain("notifies :stop, 'service[restart x (1)]', :delayed\n  notifies :start, 'service[restart x (2)]', :delayed");
  });
});
