// The one list of Ruby's reserved words and the one local-name allocator (src/ir/ruby-names.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUBY_KEYWORDS, RubyLocals, firstFree } from '../../src/ir/ruby-names.js';
import { isRubyIdentifier, sanitizeIdentifier } from '../../src/print/quote.js';
import { sanitizeLocal } from '../../src/translate/locals.js';

const SRC = resolve(import.meta.dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));

describe('Ruby names', () => {
  it('lists the reserved words once, in src/ir/ruby-names.ts', () => {
    const holders = files(SRC)
      .filter((f) => /'yield'|"yield"/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(holders).toEqual(['ir/ruby-names.ts']);
  });

  it('every user of the list refuses or renames each keyword', () => {
    for (const k of RUBY_KEYWORDS) {
      expect(isRubyIdentifier(k)).toBe(false);
      expect(RUBY_KEYWORDS.has(sanitizeIdentifier(k))).toBe(false);
      expect(RUBY_KEYWORDS.has(sanitizeLocal(k))).toBe(false);
      expect(RUBY_KEYWORDS.has(new RubyLocals().fresh(k))).toBe(false);
    }
    expect(sanitizeLocal('node')).toBe('node_');
  });

  it('hands out each local once: keywords and renamed names get j_, taken ones a number', () => {
    const locals = new RubyLocals({ renamed: ['loop'], taken: ['node'], stripUnderscores: true });
    expect(['end', 'end', 'loop', 'node', 'x', 'x', '_x', '__', 'value'].map((n) => locals.fresh(n))).toEqual([
      'j_end',
      'end_2',
      'j_loop',
      'node_2',
      'x',
      'x_2',
      'x_3',
      'value',
      'value_2',
    ]);
    const plain = new RubyLocals({ renamed: ['node'] });
    expect(['_buf', '_buf', 'node', 'node'].map((n) => plain.fresh(n))).toEqual(['_buf', '_buf_2', 'j_node', 'node_2']);
    expect(firstFree('v', (n) => ['v', 'v1'].includes(n), { sep: '', first: 1 })).toBe('v2');
  });
});
