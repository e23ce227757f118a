// A Jinja syntax error in one template is reported at its file:line:col, the task
// using it becomes a TODO, and the rest of the role still converts.
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';

const files = {
  'tasks/main.yml': [
    '- name: good config',
    '  template:',
    '    src: good.conf.j2',
    '    dest: /etc/good.conf',
    '- name: broken config',
    '  template:',
    '    src: broken.conf.j2',
    '    dest: /etc/broken.conf',
    '- name: a package',
    '  package:',
    '    name: nginx',
    '',
  ].join('\n'),
  'defaults/main.yml': 'port: 80\n',
  'templates/good.conf.j2': 'listen {{ port }}\n',
  'templates/broken.conf.j2': 'line one\n{% if port %}\nx = {{ port + }}\n{% endif %}\n',
};

describe('a Jinja syntax error in one template', () => {
  it('is reported at file:line:col, its task is a TODO, and everything else converts', async () => {
    const r = await convertRole(files);
    const syntax = r.diagnostics.filter((d) => d.code === 'A2C-JINJA-SYNTAX');
    expect(syntax).toHaveLength(1);
    const d = syntax[0]!;
    // At the `}}` where `port +` lacks its right operand.
    expect(d.span).toEqual({ file: 'templates/broken.conf.j2', line: 3, col: 15 });
    const text = outputText(r, 'demo/recipes/default.rb');
    expect(text).toMatch(/template '\/etc\/good\.conf'/);
    expect(text).toMatch(/package 'nginx'/);
    expect(text).toMatch(/TODO[\s\S]*broken/);
    // The broken template's task only: the good template and the package convert.
    expect(r.stats.todo).toBe(1);
    expect([...r.files.keys()].filter((p) => p.startsWith('demo/'))).toEqual([
      'demo/README.md',
      'demo/attributes/default.rb',
      'demo/metadata.rb',
      'demo/recipes/default.rb',
      'demo/templates/good.conf.erb',
    ]);
  });
});
