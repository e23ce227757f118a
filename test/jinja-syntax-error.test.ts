// A Jinja syntax error in one template is reported at its file:line:col, the task
// using it becomes a TODO, and the rest of the role still converts.
import { describe, expect, it } from 'vitest';
import { convertRole } from './helpers/convert-helpers.js';

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
    expect(d.span?.file).toMatch(/templates\/broken\.conf\.j2$/);
    expect(d.span?.line).toBe(3);
    expect(d.span?.col).toBeGreaterThan(1);
    const recipe = [...r.files].find(([p]) => p.endsWith('recipes/default.rb'));
    expect(recipe).toBeDefined();
    const text = String(recipe![1]);
    expect(text).toMatch(/template '\/etc\/good\.conf'/);
    expect(text).toMatch(/package 'nginx'/);
    expect(text).toMatch(/TODO[\s\S]*broken/);
    expect([...r.files.keys()].some((p) => p.endsWith('templates/good.conf.erb'))).toBe(true);
    expect(r.stats.todo).toBeGreaterThanOrEqual(1);
  });
});
