// get_url with dest a directory (ending in '/'): the file's name comes from the server's answer, so
// the task becomes a2c_get_url_directory (named by its URL, one per URL of a loop), which finds the
// name when it converges (checked against the module in test/support-cookbook/support-get-url.test.ts).
// With any other argument or a registered result it stays a TODO naming the file Ansible would write
// without Content-Disposition or redirect.
import { describe, expect, it } from 'vitest';
import { convertRole, recipeBody } from '../../helpers/convert-helpers.js';

const task = (extra = '') => `- get_url:\n    url: https://example.com/x/lib.jar\n    dest: /opt/lib/\n${extra}`;

describe('get_url into a directory', () => {
  it('becomes a2c_get_url_directory named by the URL', async () => {
    const r = await convertRole({ 'tasks/main.yml': task() });
    expect(r.tasks.map((t) => t.outcome)).toEqual(['converted']);
    expect(recipeBody(r, 'demo')).toContain("a2c_get_url_directory 'https://example.com/x/lib.jar' do\n  path '/opt/lib/'\nend");
  });

  it.each([
    ['mode', '    mode: "0644"\n'],
    ['owner', '    owner: app\n'],
    ['a checksum', '    checksum: "sha256:abc"\n'],
    ['force', '    force: true\n'],
    ['a registered result', '  register: got\n'],
  ])('stays a TODO with %s', async (_what, extra) => {
    const r = await convertRole({ 'tasks/main.yml': task(extra) });
    expect(r.tasks.map((t) => [t.outcome, t.code])).toEqual([['todo', 'A2C-TODO-PARAM']]);
    expect(r.tasks[0]!.reason).toContain('(without them: "/opt/lib/lib.jar")');
  });
});
