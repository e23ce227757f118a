// Issue 17: a large attributes file is syntax-checked a piece at a time (Prism's WebAssembly memory
// grows with the text it parses and never shrinks). The answer must be the whole file's: a file that
// parses is accepted, one that does not gets the errors a whole-file check gives.
import { describe, expect, it } from 'vitest';
import type { Attribute } from '../../src/ir/chef-ir.js';
import { fromData, nodePath, str } from '../../src/ir/ruby-ast.js';
import { checkRuby, checkRubyStatements, printAttributes } from '../../src/print/index.js';
import { isAttributesFile } from '../../src/print/layout.js';

/** A printed attributes file of `n` attributes, well over one piece (256 KiB) for n in the thousands. */
function attributesFile(n: number): string {
  const attrs: Attribute[] = [];
  for (let i = 0; i < n; i++) {
    const name = `site_${String(i).padStart(6, '0')}`;
    const origin = { file: 'roles/big/defaults/main.yml', line: i * 6 + 2, col: 1 };
    const value = fromData({ name, port: 1024 + i, enabled: i % 3 === 0, tags: [`t${i % 11}`, `group-${i % 13}`] });
    const attr: Attribute = { precedence: 'default', path: ['big', name], value, origin };
    // Some attributes under a guard and some in `case` branches, so pieces end beside `if`/`case` blocks.
    if (i % 17 === 0) attr.onlyIf = nodePath(['platform_family']);
    if (i % 29 === 0) attr.when = { on: nodePath(['platform']), value: 'ubuntu' };
    attrs.push(attr);
  }
  attrs.push({ precedence: 'default', path: ['big', 'last'], value: str('end'), origin: { file: 'f.yml', line: 1, col: 1 } });
  return printAttributes('big', attrs, 'roles/big/defaults/main.yml');
}

describe('checkRubyStatements', () => {
  const file = attributesFile(8000);

  it('accepts a printed attributes file of many pieces, as the whole-file check does', async () => {
    expect(file.length).toBeGreaterThan(3 * 256 * 1024);
    expect(await checkRuby(file, 'big/attributes/default.rb')).toEqual({ ok: true });
    expect(await checkRubyStatements(file, 'big/attributes/default.rb')).toEqual({ ok: true });
  });

  it('gives the whole file`s errors when a statement deep in the file does not parse', async () => {
    // Two pieces are enough, and the failing check parses the whole file again in full (slow on a large one).
    const small = attributesFile(3500);
    expect(small.length).toBeGreaterThan(256 * 1024);
    const at = small.indexOf('\n\n', Math.floor(small.length * 0.9));
    const broken = `${small.slice(0, at)}\n\ndefault['x'] = foo(\n${small.slice(at)}`;
    const whole = await checkRuby(broken, 'big/attributes/default.rb');
    expect(whole.ok).toBe(false);
    expect(await checkRubyStatements(broken, 'big/attributes/default.rb')).toEqual(whole);
  });

  it('falls back to the whole file when a blank line sits inside a statement that parses whole', async () => {
    // A multi-line array with a blank line inside: the piece before the blank line does not parse alone.
    const items = Array.from({ length: 40_000 }, (_, i) => `  'item-${i}',`).join('\n');
    const text = `default['a'] = [\n${items}\n\n  'after-blank',\n]\n`;
    expect(text.length).toBeGreaterThan(256 * 1024);
    expect(await checkRubyStatements(text, 'a/attributes/default.rb')).toEqual({ ok: true });
  });

  it('is used for the printed attributes file of a cookbook only', () => {
    expect(isAttributesFile('web/attributes/default.rb')).toBe(true);
    expect(isAttributesFile('web/recipes/default.rb')).toBe(false);
    expect(isAttributesFile('web/files/default/attributes/default.rb')).toBe(false);
    expect(isAttributesFile('attributes/default.rb')).toBe(false);
  });
});
