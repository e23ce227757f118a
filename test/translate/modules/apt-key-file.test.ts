// A static apt_key URL's key file is named when converting (aptKeyFile), a templated one's on the node
// (A2C::Modules.apt_key_file): both must name the same file for the same URL.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aptKeyFile } from '../../../src/translate/modules/system.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';

const LIB = join(resolve(import.meta.dirname, '../../..'), 'src/support-cookbook/ruby/libraries/a2c_modules.rb');
const URLS = [
  'https://download.docker.com/linux/debian/gpg',
  'https://www.postgresql.org/media/keys/ACCC4CF8.asc',
  'https://example.org/keys/release.gpg',
  'https://keyserver.ubuntu.com/pks/lookup?op=get&fingerprint=on&search=0x1655A0AB68576280',
  'https://packagecloud.io/varnishcache/varnish60lts/gpgkey#frag',
  'https://example.org/keys/',
  'https://example.org',
  'key.ASC',
  '',
];

describe.skipIf(!requireOrSkip('ruby', hasTool('ruby')))('apt_key key file names', () => {
  it('agree between the translator and the support library', () => {
    const r = spawnSync(
      'ruby',
      [
        '-rjson',
        '-e',
        `require ${JSON.stringify(LIB)}; print JSON.generate(JSON.parse($stdin.read).map { |u| A2C::Modules.apt_key_file(u) })`,
      ],
      {
        input: JSON.stringify(URLS),
        encoding: 'utf8',
      },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(URLS.map(aptKeyFile));
    expect(aptKeyFile(URLS[0]!)).toBe('/etc/apt/trusted.gpg.d/gpg.asc');
    expect(aptKeyFile(URLS[5]!)).toBe('/etc/apt/trusted.gpg.d/key.asc');
  });
});
