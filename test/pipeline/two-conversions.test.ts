// Two conversions in one process, each with its own mapping tables, run side by side: each result
// follows its own tables (no table, cache or ledger is shared between runs).
import { describe, expect, it } from 'vitest';
import { builtinTables, type Tables } from '../../src/mapping/tables.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';

const ROLE = {
  'tasks/main.yml': [
    '- name: post it',
    '  uri:',
    '    url: "https://{{ api_host }}/hook"',
    '    method: POST',
    '    body: "{{ payload }}"',
    '',
  ].join('\n'),
  'defaults/main.yml': 'api_host: api.example.com\npayload: hello\n',
};

/** The built-in tables, but http_request may say only a uri task's url (every other argument takes A2C::Uri). */
function urlOnly(): Tables {
  const tables = builtinTables();
  const uri = tables.modules.modules.get('ansible.builtin.uri')!;
  const modules = new Map(tables.modules.modules);
  modules.set('ansible.builtin.uri', { ...uri, native_params: new Set(['url']) });
  return { ...tables, modules: { ...tables.modules, modules } };
}

describe('two conversions in one process', () => {
  it('each follows its own tables', async () => {
    const [builtin, narrowed, again] = await Promise.all([
      convertRole(ROLE),
      convertRole(ROLE, 'demo', { mappings: urlOnly() }),
      convertRole(ROLE),
    ]);
    expect(recipeBody(builtin, 'demo')).toContain("http_request 'post it' do");
    expect(recipeBody(builtin, 'demo')).not.toContain('A2C::Uri');
    expect(recipeBody(narrowed, 'demo')).toContain("ruby_block 'post it' do");
    expect(recipeBody(narrowed, 'demo')).toContain('A2C::Uri.run(');
    expect(recipeBody(again, 'demo')).toBe(recipeBody(builtin, 'demo'));
  });
});
