// A converted mysql_query compiles in Chef: the a2c_mysql_query resource (its properties as Chef declares
// them from resources/mysql_query.rb) and, with register, the ruby_block that runs the queries at converge time.
import { describe, expect, it } from 'vitest';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole } from '../helpers/convert-helpers.js';
import { compileInputs, compileReady } from '../helpers/chef-compile-inputs.js';

describe.skipIf(!compileReady())('converted mysql_query compiles in Chef', () => {
  it('as a resource and, registered, as a ruby_block', async () => {
    const r = await convertRole({
      'defaults/main.yml': 'app_key: "it\'s"\n',
      'tasks/main.yml': [
        '- name: Seed',
        '  community.mysql.mysql_query:',
        '    login_db: app',
        '    query:',
        '      - INSERT IGNORE INTO kv VALUES (%s, %s)',
        '      - UPDATE kv SET v = %s WHERE k = %s',
        '    positional_args: ["{{ app_key }}", 2]',
        '    single_transaction: true',
        '- name: Count',
        '  mysql_query:',
        '    query: SELECT COUNT(*) AS n FROM app.kv WHERE k = %(k)s',
        '    named_args: { k: "{{ app_key }}" }',
        '  register: counted',
        '- debug: { msg: "{{ counted.rowcount[0] }}" }',
      ].join('\n'),
    });
    const runs = compileCheck(r.files, compileInputs());
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({ ok: true });
    const seed = run.detail?.find((d) => d.id === 'a2c_mysql_query[Seed]');
    expect(seed?.properties).toMatchObject({
      login_db: 'app',
      query: ['INSERT IGNORE INTO kv VALUES (%s, %s)', 'UPDATE kv SET v = %s WHERE k = %s'],
      positional_args: ["it's", 2],
      single_transaction: true,
    });
    expect(run.detail?.map((d) => d.id)).toContain('ruby_block[Count]');
  });
});
