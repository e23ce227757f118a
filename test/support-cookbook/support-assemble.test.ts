// a2c_assemble builds the content Ansible's assemble module builds: compared byte for byte with
// the real module (ansible-playbook, local connection) on fragment folders with hidden files,
// sub-folders, symlinks, fragments without a final newline, delimiters with escapes (which the
// module decodes again before each use), regexps, and the module's failures.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const LIBS = join(ROOT, 'src/support-cookbook/ruby/libraries');
const ruby = requireOrSkip('ruby', hasTool('ruby'));
const playbook = requireOrSkip('ansible-playbook', hasTool('ansible-playbook'));

interface Case {
  src: string;
  delimiter?: string;
  regexp?: string;
  ignore_hidden?: boolean;
}

describe.skipIf(!(ruby && playbook))('a2c_assemble against the assemble module', () => {
  let dir = '';
  let cases: Case[] = [];
  let ansible: string[] = [];
  let a2c: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2c-assemble-'));
    const frags = join(dir, 'frags');
    mkdirSync(frags);
    const files: Record<string, string> = {
      '01-head': 'global\n  daemon\n',
      '02-no-newline': 'defaults',
      '10-backend': 'backend web\n  server a [2001:db8::10]:8080\n',
      '.hidden': 'hidden\n',
      Zeta: 'upper case sorts first\n',
      alpha: 'lower case sorts after upper case\n',
      'é-unicode': 'unicode name\n',
      '20-empty': '',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(frags, name), text);
    mkdirSync(join(frags, '05-subdir'));
    symlinkSync(join(frags, '01-head'), join(frags, '30-link'));
    symlinkSync(join(frags, 'gone'), join(frags, '40-dangling'));
    writeFileSync(join(dir, 'plain-file'), 'x\n');
    cases = [
      { src: frags },
      { src: frags, delimiter: '### fragment ###' },
      { src: frags, delimiter: '#\\n' },
      { src: frags, delimiter: '\\\\n' },
      { src: frags, delimiter: '\\x41\\101\\q' },
      { src: frags, delimiter: '\\\\\\\\' },
      { src: frags, delimiter: '\\x4' },
      { src: frags, delimiter: '\\\n' },
      { src: frags, regexp: '^[0-9]' },
      { src: frags, regexp: '(head|backend)$' },
      { src: frags, regexp: '(?i)zeta' },
      { src: frags, ignore_hidden: true },
      { src: frags, ignore_hidden: true, delimiter: '--', regexp: 'e' },
      { src: join(dir, 'missing') },
      { src: join(dir, 'plain-file') },
    ];
    const tasks = cases.map((c, i) => ({
      'ansible.builtin.assemble': {
        src: c.src,
        dest: join(dir, `out-${i}`),
        ...(c.delimiter !== undefined ? { delimiter: c.delimiter } : {}),
        ...(c.regexp !== undefined ? { regexp: c.regexp } : {}),
        ...(c.ignore_hidden ? { ignore_hidden: true } : {}),
      },
      ignore_errors: true,
    }));
    const play = join(dir, 'play.json');
    writeFileSync(play, JSON.stringify([{ hosts: 'localhost', connection: 'local', gather_facts: false, tasks }]));
    const r = spawnSync('ansible-playbook', ['-i', 'localhost,', play], {
      encoding: 'utf8',
      env: ansibleEnv(),
    });
    if (r.status !== 0) throw new Error(`ansible-playbook failed:\n${r.stdout}${r.stderr}`);
    ansible = cases.map((_, i) => (existsSync(join(dir, `out-${i}`)) ? readFileSync(join(dir, `out-${i}`)).toString('base64') : 'error'));
    const rr = spawnSync('ruby', [join(ROOT, 'test/tools/assemble-ruby.rb'), LIBS], { input: JSON.stringify(cases), encoding: 'utf8' });
    if (rr.status !== 0) throw new Error(rr.stderr);
    a2c = JSON.parse(rr.stdout) as string[];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes for every case, and fails where the module fails', () => {
    const diffs = cases.flatMap((c, i) => {
      if (ansible[i] === a2c[i]) return [];
      const show = (b: string) => (b === 'error' ? b : Buffer.from(b, 'base64').toString('utf8'));
      return [{ case: c, ansible: show(ansible[i]!), a2c: show(a2c[i]!) }];
    });
    expect(diffs).toEqual([]);
  });

  it('covers both outcomes and the re-decoded delimiter', () => {
    expect(ansible.filter((x) => x === 'error').length).toBeGreaterThanOrEqual(2);
    expect(ansible.filter((x) => x !== 'error').length).toBeGreaterThanOrEqual(10);
    // '\\n' is a backslash and n between the first fragments, a newline from the third on.
    const text = Buffer.from(ansible[3]!, 'base64').toString('utf8');
    expect(text).toContain('\\n');
    expect(text).toMatch(/\n\n/);
  });
});
