// Where a registered result counts as stored (Registered `stored`, register-task.ts storesUnguarded):
// only a read later in the same recipe as its unguarded, top-level ruby_block asks the Hash itself
// (`r['stat'].key?('isdir')`); a read in another recipe (which may run without the registering one,
// or before it: task files are translated included-first), of a result registered inside an inlined
// include (in a loop or an `if` the recipe compiles), keeps
// `A2C::Jinja.try`, whose undefined answers `is defined` false as Ansible does where the task never ran.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';

const STAT = `- name: Look at the directory
  ansible.builtin.stat:
    path: /etc/demo
  register: conf
`;
const READ = `- name: Remove it when a directory
  ansible.builtin.file:
    path: /etc/demo
    state: absent
  when: conf.stat.isdir is defined and conf.stat.isdir
`;
const STORED =
  "A2C::Tasks.registered(node.run_state, 'conf')['stat'].key?('isdir') && A2C::Tasks.registered(node.run_state, 'conf')['stat']['isdir']";
const RESCUED = "A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(A2C::Tasks.registered(node.run_state, 'conf')['stat'], 'isdir') })";

async function recipe(files: Record<string, string>, name: string): Promise<string> {
  const r = await convertRole(files);
  return outputText(r, `demo/recipes/${name}.rb`);
}

describe('a registered result read as stored only where its ruby_block surely ran', () => {
  it('reads the Hash later in the same recipe', async () => {
    const text = await recipe({ 'tasks/main.yml': `---\n${STAT}${READ}` }, 'default');
    expect(text).toContain(STORED);
    expect(text).not.toContain('A2C::Jinja.');
  });

  it('keeps the rescue in another recipe than the registering one', async () => {
    const text = await recipe(
      { 'tasks/main.yml': `---\n- ansible.builtin.import_tasks: look.yml\n${READ}`, 'tasks/look.yml': `---\n${STAT}` },
      'default',
    );
    expect(text).toContain(RESCUED);
    expect(text).not.toContain(STORED);
  });
  it('keeps the rescue for a result registered inside an inlined include', async () => {
    const text = await recipe(
      {
        'tasks/main.yml': `---\n- ansible.builtin.include_tasks:\n    file: look.yml\n  vars:\n    x: 1\n${READ}`,
        'tasks/look.yml': `---\n${STAT}`,
      },
      'default',
    );
    // Inlined: the registering ruby_block is in this recipe, inside the include's translation.
    expect(text).toContain("A2C::Tasks.register_stat(node.run_state, 'conf'");
    expect(text).toContain(RESCUED);
    expect(text).not.toContain(STORED);
  });
});
