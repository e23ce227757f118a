// Every A2C::*.method the generated Ruby and ERB call exists in the support cookbook's libraries
// (checked with real Ruby), over the bundled example, the golden inputs and the corpus.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convert } from '../../src/convert.js';
import { inputOptions, readInput } from '../../src/cli/read-input.js';
import { corpusEntries } from '../../src/scripts/corpus.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { CORPUS, REPO_ROOT as REPO } from '../helpers/shared.js';

const subdirs = (d: string) =>
  existsSync(d)
    ? readdirSync(d)
        .map((n) => join(d, n))
        .filter((p) => statSync(p).isDirectory())
    : [];

describe('support cookbook helpers', () => {
  const ruby = requireOrSkip('ruby', hasTool('ruby'));
  // The corpus calls most helpers; without it the count below cannot be reached.
  const corpus = requireOrSkip('shared/corpus', existsSync(CORPUS));
  it.skipIf(!ruby || !corpus)(
    'every helper the converted code calls is defined',
    async () => {
      const inputs = [
        join(REPO, 'playbooks'),
        ...subdirs(join(REPO, 'test/golden'))
          .map((d) => join(d, 'input'))
          .filter((d) => existsSync(d)),
        ...corpusEntries(CORPUS).map(([, dir]) => dir),
      ];
      const calls = new Set<string>();
      for (const dir of inputs) {
        const input = readInput(dir);
        const r = await convert(input.tree, inputOptions(input));
        for (const [path, content] of r.files) {
          if (typeof content !== 'string' || path.startsWith('ansible2chef_support/') || !/\.(rb|erb)$/.test(path)) continue;
          for (const m of content.matchAll(/A2C::([A-Z]\w*(?:::[A-Z]\w*)*)\.([a-z_]\w*[?!]?)/g)) calls.add(`${m[1]}.${m[2]}`);
        }
      }
      expect(calls.size).toBeGreaterThan(40);
      const script = `
      Dir[File.join(ARGV[0], '*.rb')].sort.each { |f| require File.expand_path(f) }
      missing = STDIN.read.split("\\n").reject do |c|
        mod, meth = c.split('.', 2)
        m = (Object.const_get("A2C::#{mod}") rescue nil)
        m && m.respond_to?(meth)
      end
      print missing.join("\\n")`;
      const r = spawnSync('ruby', ['-e', script, join(REPO, 'src/support-cookbook/ruby/libraries')], {
        input: [...calls].sort().join('\n'),
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      expect(r.stdout, 'helpers called by converted code but not defined').toBe('');
    },
    120_000,
  );
});
