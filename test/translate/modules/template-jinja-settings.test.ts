// The template module's trim_blocks and lstrip_blocks are the environment its template is parsed in
// (a `#jinja2:` header in the template still changes them). Each task's ERB is rendered by real
// Erubis and compared with what the real template module writes for the same task.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { withLocalPlay } from '../../helpers/local-play.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const BODY = [
  '[main]',
  '  {% if true %}',
  '  enabled = 1',
  '  {% endif %}',
  '{% for x in [1, 2] %}',
  '    {% if x > 1 %}',
  '    big {{ x }}',
  '    {% endif %}',
  '{% endfor %}',
  'end',
  '',
].join('\n');
const HEADED = `#jinja2: lstrip_blocks: True\n${BODY}`;

/** Each task's template options, the template it renders and where it writes. */
const TASKS: Array<{ src: string; opts: Record<string, boolean> }> = [
  { src: 'plain.conf.j2', opts: {} },
  { src: 'plain.conf.j2', opts: { lstrip_blocks: true } },
  { src: 'plain.conf.j2', opts: { trim_blocks: false } },
  { src: 'plain.conf.j2', opts: { trim_blocks: false, lstrip_blocks: true } },
  // The header wins over the task: lstrip_blocks stays on.
  { src: 'headed.conf.j2', opts: { lstrip_blocks: false } },
];

function tasksYaml(dest: (i: number) => string): string {
  return TASKS.map((t, i) =>
    [
      `- name: write ${i}`,
      '  ansible.builtin.template:',
      `    src: ${t.src}`,
      `    dest: ${dest(i)}`,
      ...Object.entries(t.opts).map(([k, v]) => `    ${k}: ${v}`),
    ].join('\n'),
  ).join('\n');
}

const haveTools = requireOrSkip(
  'ansible-playbook and ruby with erubis',
  hasTool('ansible-playbook') && hasTool('ruby') && spawnSync('ruby', ['-rerubis', '-e', ''], { stdio: 'ignore' }).status === 0,
);

describe('template trim_blocks / lstrip_blocks', () => {
  it('a templated setting stays a TODO', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- template: { src: plain.conf.j2, dest: /etc/x.conf, lstrip_blocks: "{{ strip }}" }\n',
      'templates/plain.conf.j2': BODY,
      'defaults/main.yml': 'strip: true\n',
    });
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'A2C-TODO-PARAM lstrip_blocks of the template module must be a literal boolean',
    ]);
  });

  it.skipIf(!haveTools)('renders each task as the template module writes it, one ERB per set of settings', async () => {
    const r = await convertRole({
      'tasks/main.yml': `${tasksYaml((i) => `/etc/out-${i}.conf`)}\n`,
      'templates/plain.conf.j2': BODY,
      'templates/headed.conf.j2': HEADED,
    });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const recipe = recipeBody(r, 'demo');
    const sources = [...recipe.matchAll(/source '([^']+)'/g)].map((m) => m[1]!);
    expect(sources).toHaveLength(TASKS.length);
    expect(new Set(sources.slice(0, 4)).size).toBe(4);
    const erbs = sources.map((s) => outputText(r, `demo/templates/${s}`));
    const render = spawnSync('ruby', [join('test/tools/jinja-diff-render.rb')], {
      input: JSON.stringify(erbs.map((erb) => ({ erb, vars: {}, node_name: 'h' }))),
      encoding: 'utf8',
    });
    const rendered = (JSON.parse(render.stdout) as Array<{ out?: string; error?: string }>).map((x) => x.out ?? x.error);
    const written = withLocalPlay(
      (dir) => ({
        'site.yml': `- hosts: localhost\n  connection: local\n  gather_facts: false\n  roles: [demo]\n`,
        'roles/demo/tasks/main.yml': `${tasksYaml((i) => join(dir, `out-${i}.conf`))}\n`,
        'roles/demo/templates/plain.conf.j2': BODY,
        'roles/demo/templates/headed.conf.j2': HEADED,
      }),
      (run) => {
        expect(run.status, run.log).toBe(0);
        return TASKS.map((_t, i) => readFileSync(join(run.dir, `out-${i}.conf`), 'utf8'));
      },
    );
    // The settings make a difference: no two of the first four outputs are alike.
    expect(new Set(written.slice(0, 4)).size).toBe(4);
    expect(rendered).toEqual(written);
  });
});
