// A2C::Deb822 (behind a2c_deb822_repository): the sources file ansible.builtin.deb822_repository
// writes. The module is in ansible-core 2.15 and later, not in the 2.14 these tests run against, so
// no differential run is possible here: the expected texts follow the module's own steps (slug of
// the name, arguments sorted by name, AnsibleModule's list/bool/int conversion, python-debian's
// Deb822.dump with the module's format_multiline), each case checking one step that could differ.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const LIB = join(resolve(import.meta.dirname, '../..'), 'src/support-cookbook/ruby/libraries/a2c_deb822');
const haveRuby = requireOrSkip('ruby', hasTool('ruby'));

/** Runs `expr` (Ruby, with `args` parsed from JSON) and returns its JSON result, or the error raised. */
function rb(expr: string, args: unknown = null): { ok: unknown } | { error: string } {
  const script = [
    'require "json"',
    `require ${JSON.stringify(LIB)}`,
    'args = JSON.parse($stdin.read)',
    'begin',
    `  print JSON.generate({ 'ok' => (${expr}) })`,
    'rescue StandardError => e',
    "  print JSON.generate({ 'error' => e.message })",
    'end',
  ].join('\n');
  const r = spawnSync('ruby', ['-e', script], { input: JSON.stringify(args), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { ok: unknown } | { error: string };
}

const render = (params: Record<string, unknown>) => rb('A2C::Deb822.render(args)', params);

describe.skipIf(!haveRuby)('A2C::Deb822 writes the sources file of ansible.builtin.deb822_repository', () => {
  it('names the file by the slug of the name: lower case, _ and blanks to -, other signs dropped', () => {
    expect(rb('A2C::Deb822.sources_path(args)', 'MariaDB')).toEqual({ ok: '/etc/apt/sources.list.d/mariadb.sources' });
    expect(rb('A2C::Deb822.slug(args)', 'My Repo_v2.0!  x')).toEqual({ ok: 'my-repo-v20-x' });
    expect(rb('A2C::Deb822.key_paths(args)', 'Erlang Repo')).toEqual({
      ok: ['/etc/apt/keyrings/erlang-repo.asc', '/etc/apt/keyrings/erlang-repo.gpg'],
    });
  });

  it('writes the fields sorted by argument name, with Types deb when not given', () => {
    expect(render({ name: 'MariaDB', uris: 'https://mirror.example.com/mariadb', suites: 'bookworm', components: 'main' })).toEqual({
      ok: 'Components: main\nX-Repolib-Name: MariaDB\nSuites: bookworm\nTypes: deb\nURIs: https://mirror.example.com/mariadb\n',
    });
  });

  it('converts each argument as AnsibleModule does: lists split at commas, booleans as yes/no, ints as text', () => {
    const out = render({
      name: 'r',
      uris: ['http://a.example.com', 'http://b.example.com'],
      components: 'main,contrib',
      architectures: 1,
      enabled: false,
      trusted: 'yes',
      date_max_future: '10',
      types: 'deb,deb-src',
      inrelease_path: 'dists/x',
    });
    expect(out).toEqual({
      ok:
        'Architectures: 1\nComponents: main contrib\nDate-Max-Future: 10\nEnabled: no\nInrelease-Path: dists/x\n' +
        'X-Repolib-Name: r\nTrusted: yes\nTypes: deb deb-src\nURIs: http://a.example.com http://b.example.com\n',
    });
  });

  it('writes key text on lines of its own, indented by four blanks, an empty line as "."', () => {
    const key = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBF\n=abcd\n-----END PGP PUBLIC KEY BLOCK-----\n';
    expect(render({ name: 'k', uris: 'http://x.example.com', signed_by: key })).toEqual({
      ok:
        'X-Repolib-Name: k\nSigned-By:\n    -----BEGIN PGP PUBLIC KEY BLOCK-----\n    .\n    mQINBF\n    =abcd\n' +
        '    -----END PGP PUBLIC KEY BLOCK-----\nTypes: deb\nURIs: http://x.example.com\n',
    });
  });

  it('keeps a key path as it is and fails on a key URL (the module would download it)', () => {
    expect(render({ name: 'k', signed_by: '/usr/share/keyrings/k.gpg' })).toEqual({
      ok: 'X-Repolib-Name: k\nSigned-By: /usr/share/keyrings/k.gpg\nTypes: deb\n',
    });
    expect(render({ name: 'k', signed_by: 'https://example.com/k.asc' })).toEqual({ error: expect.stringMatching(/is a URL/) });
  });

  it("fails where the module's argument checks fail", () => {
    expect(render({ name: 'k', types: 'rpm' })).toEqual({
      error: expect.stringMatching(/value of types must be one or more of: deb, deb-src/),
    });
    expect(render({ name: 'k', enabled: 'maybe' })).toEqual({ error: expect.stringMatching(/unable to convert to bool/) });
    expect(render({ name: 'k', components: { a: 1 } })).toEqual({ error: expect.stringMatching(/cannot be converted to a list/) });
  });
});
