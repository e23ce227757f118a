import { it } from 'vitest';
import { convertRole, formatDiagnostic, recipeBody } from './helpers/convert-helpers.js';
import { MODULE_CASES, KEYWORD_CASES } from './helpers/module-cases.js';
it('x', async () => {
  const want = ['ansible.builtin.fail', 'ansible.builtin.assert', 'ansible.builtin.wait_for', 'ansible.builtin.stat'];
  for (const c of [...want.map((w) => MODULE_CASES[w]![0]!), ...KEYWORD_CASES.filter((k) => /^(notify on apt|until)/.test(k.title))]) {
    const r = await convertRole(c.files);
    console.log('### ' + c.title + '\n' + recipeBody(r, 'demo') + '\n' + r.diagnostics.map(formatDiagnostic).join('\n'));
  }
});
