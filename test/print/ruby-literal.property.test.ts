// Property: any well-formed string -> rubyString -> Ruby reads back exactly that string.
// Checked with Prism's unescaped value and with the real `ruby` (one process for the whole batch).
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRubyParser } from '../../src/print/prism.js';
import { rubyString } from '../../src/print/quote.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

// Characters that matter to Ruby's lexer, mixed with arbitrary code points.
const tricky = fc.constantFrom(
  '\\',
  "'",
  '"',
  '#',
  '{',
  '}',
  '$',
  '@',
  '%',
  '>',
  '<',
  '\n',
  '\r',
  '\t',
  '\0',
  '0',
  '7',
  '8',
  '\x1b',
  '\x7f',
  '\u0085',
  '\u00a0',
  '\u200d',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u{E0001}',
  '\u{F0000}',
  '😀',
  'é',
  ' ',
  'a',
  'u',
);
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: tricky, maxLength: 40 }),
  fc.string({ unit: fc.oneof(tricky, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 }),
);
const SEED = 20240611;
const RUNS = 400;

describe('rubyString round trip', () => {
  it('Prism reads every literal back as one string node with the same value', async () => {
    const parse = await loadRubyParser();
    for (const erbSafe of [false, true]) {
      fc.assert(
        fc.property(anyString, (s) => {
          const lit = rubyString(s, { erbSafe });
          if (erbSafe) expect(lit).not.toContain('%>');
          const result = parse(lit);
          expect(result.errors).toEqual([]);
          const body = result.value.statements.body;
          expect(body).toHaveLength(1);
          const node = body[0] as unknown as { constructor: { name: string }; unescaped: { value: string; validEncoding: boolean } };
          expect(node.constructor.name).toBe('StringNode');
          expect(node.unescaped.validEncoding).toBe(true);
          // The JS binding decodes bytes with a default TextDecoder, which drops one leading U+FEFF; the real-ruby
          // test below checks those strings byte for byte.
          expect(node.unescaped.value).toBe(s.replace(/^\uFEFF/, ''));
        }),
        { seed: SEED, numRuns: RUNS },
      );
    }
  });

  const rubyOk = requireOrSkip('ruby', hasTool('ruby'));
  it.skipIf(!rubyOk)('real ruby evaluates every literal to the same UTF-8 bytes', () => {
    const samples = fc.sample(anyString, { seed: SEED, numRuns: RUNS });
    samples.push('', '\0', '\x001', '#{1}', '\\', "'", '%>', '\ufeff', '\ufeffx\ufeff');
    const lits = samples.flatMap((s) => [rubyString(s), rubyString(s, { erbSafe: true })]);
    const program = `vals = [\n${lits.join(',\n')}\n]\nvals.each { |v| puts "#{v.encoding} #{v.valid_encoding?} #{v.unpack1('H*')}" }\n`;
    const run = spawnSync('ruby', ['-'], { input: program, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const expected = samples.flatMap((s) => {
      const line = `UTF-8 true ${Buffer.from(s, 'utf8').toString('hex')}`;
      return [line, line];
    });
    expect(lines).toEqual(expected);
  });
});
