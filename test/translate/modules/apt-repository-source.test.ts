// apt_repository: the file name is the one Ansible derives from the line (its _suggest_filename),
// for a static line (at conversion) and a templated one (A2C::Tasks.apt_source when the recipe
// compiles), checked against the real module's function; a templated line goes through the
// compile-phase check.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pythonJson, supportRubyJson } from '../../helpers/differential.js';
import { compileCheck } from '../../../src/scripts/chef-compile.js';
import { aptSourceFilename } from '../../../src/translate/modules/system.js';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { compileInputs, compileReady } from '../../helpers/chef-compile-inputs.js';

const LINES = [
  'deb http://apt.postgresql.org/pub/repos/apt/ bookworm-pgdg main',
  'deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/debian bookworm stable',
  'deb-src https://deb.nodesource.com/node_18.x bookworm main',
  'deb https://user:secret@repo.example.org:8443/debian/ stable main contrib',
  'deb http://packages.elastic.co/elasticsearch/2.x/debian stable main',
  'deb file:///srv/mirror ./',
];

const haveTools = requireOrSkip('ruby and ansible', hasTool('ruby') && hasPythonModule('ansible'));

describe.skipIf(!haveTools)('the file name of a source line', () => {
  it('is the one the apt_repository module derives, in TypeScript and in the support library', () => {
    const want = pythonJson<string>(
      [
        'import json, sys, types',
        'from ansible.modules.apt_repository import SourcesList',
        'fake = types.SimpleNamespace(module=types.SimpleNamespace(params={"filename": None}))',
        'print(json.dumps([SourcesList._suggest_filename(fake, l)[:-len(".list")] for l in json.load(sys.stdin)]))',
      ],
      LINES,
    );
    expect(want[0]).toBe('apt_postgresql_org_pub_repos_apt');
    expect(LINES.map(aptSourceFilename)).toEqual(want);
    expect(supportRubyJson(["puts JSON.generate(JSON.parse($stdin.read).map { |l| A2C::Tasks.apt_source(l)['name'] })"], LINES)).toEqual(
      want,
    );
  });
});

describe('apt_repository lines', () => {
  it('a static line is named as Ansible names its file; filename wins', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- apt_repository: { repo: "deb http://packages.elastic.co/elasticsearch/2.x/debian stable main" }',
        '- apt_repository: { repo: "deb http://apt.example.org/x stable main", filename: example }',
        '',
      ].join('\n'),
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain("apt_repository 'packages_elastic_co_elasticsearch_2_x_debian' do");
    expect(body).toContain("apt_repository 'example' do");
  });

  it.skipIf(!hasTool('ruby'))(
    'a templated PPA is the uri, named on the node as the static PPA is, without the support library',
    async () => {
      const r = await convertRole({
        'defaults/main.yml': 'v: stable\n',
        'tasks/main.yml': '- apt_repository: { repo: "ppa:nginx/{{ v }}" }\n- apt_repository: { repo: "ppa:nginx/stable" }\n',
      });
      const body = recipeBody(r, 'demo');
      expect(body).toContain("apt_repository 'ppa_nginx_stable' do\n  uri 'ppa:nginx/stable'\n");
      const line = body.split('\n').find((l) => l.startsWith('apt_repository "'))!;
      expect(line).not.toContain('A2C::');
      const name = line.replace(/^apt_repository /, '').replace(/ do$/, '');
      // With the locals the recipe reads once before it (translate/read-once.ts).
      const locals = body.split('\n').filter((l) => /^[a-z_][a-z0-9_]* = node\[/.test(l));
      const rb = spawnSync('ruby', ['-e', `node = { 'demo' => { 'v' => 'stable' } }\n${locals.join('\n')}\nprint(${name})`], {
        encoding: 'utf8',
      });
      expect(rb.stderr).toBe('');
      expect(rb.stdout).toBe('ppa_nginx_stable');
    },
  );

  it('a templated line is split when the recipe compiles', async () => {
    const r = await convertRole({
      'tasks/main.yml':
        '- apt_repository:\n    repo: deb http://apt.postgresql.org/pub/repos/apt/ {{ansible_distribution_release}}-pgdg main\n    state: present\n',
    });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(recipeBody(r, 'demo')).toMatch(/apt_repository A2C::Tasks\.apt_source\(.*\)\['name'\] do/);
  });
});

const ready = compileReady();
const inputs = compileInputs();

describe.skipIf(!ready)('compile-phase check of a templated line', () => {
  it('declares the repository with the parts of the rendered line', async () => {
    const r = await convertRole(
      {
        'defaults/main.yml': 'arch: amd64\nppa_version: stable\n',
        'tasks/main.yml': [
          '- apt_repository:',
          '    repo: "ppa:nginx/{{ ppa_version }}"',
          '- apt_repository:',
          '    repo: deb http://apt.postgresql.org/pub/repos/apt/ {{ansible_distribution_release}}-pgdg main',
          '- apt_repository:',
          '    repo: "deb [arch={{ arch }} signed-by=/etc/apt/keyrings/d.asc] https://download.docker.com/linux/debian {{ ansible_distribution_release }} stable"',
          '    filename: docker',
          '',
        ].join('\n'),
      },
      'repos',
    );
    const runs = compileCheck(r.files, inputs);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true });
    const detail = runs[0]!.detail!;
    const pg = detail.find((d) => d.id.startsWith('apt_repository[apt_postgresql_org_pub_repos_apt]'));
    expect(pg, detail.map((d) => d.id).join(', ')).toBeDefined();
    expect(pg!.properties).toMatchObject({ uri: 'http://apt.postgresql.org/pub/repos/apt/', components: ['main'], deb_src: false });
    expect(String(pg!.properties['distribution'])).toMatch(/-pgdg$/);
    // A templated PPA is the uri Chef's apt_repository expands, named as the static PPA of the same text.
    const ppa = detail.find((d) => d.id === 'apt_repository[ppa_nginx_stable]');
    expect(ppa, detail.map((d) => d.id).join(', ')).toBeDefined();
    expect(ppa!.properties).toMatchObject({ uri: 'ppa:nginx/stable' });
    const docker = detail.find((d) => d.id === 'apt_repository[docker]');
    expect(docker!.properties).toMatchObject({
      uri: 'https://download.docker.com/linux/debian',
      components: ['stable'],
      arch: 'amd64',
      signed_by: '/etc/apt/keyrings/d.asc',
    });
  });
});
