// A conversion does not parse the support cookbook's shipped files again (src/convert.ts): they are the
// tool's own text, the same in every run. This is the check it relies on: every shipped Ruby file
// parses with the same Prism check every generated file passes.
import { describe, expect, it } from 'vitest';
import { supportCookbookFiles } from '../../src/support-cookbook/files.js';
import { checkRuby, formatRubyErrors } from '../../src/print/prism.js';

describe('support cookbook shipped Ruby', () => {
  it('every .rb file parses with Prism', async () => {
    const rbFiles = supportCookbookFiles().filter((f) => f.path.endsWith('.rb'));
    expect(rbFiles.length).toBeGreaterThan(5);
    for (const f of rbFiles) {
      const check = await checkRuby(f.content, f.path);
      expect(check.ok ? '' : formatRubyErrors(f.path, check.errors), f.path).toBe('');
    }
  });

  it('a shipped file that does not parse is caught by the check above', async () => {
    const check = await checkRuby('module A2C\n  def broken(\nend\n', 'libraries/broken.rb');
    expect(check.ok).toBe(false);
  });
});
