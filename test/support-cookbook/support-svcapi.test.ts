// The support cookbook's service-API functions (A2C::MySQL behind a2c_mysql_database / a2c_mysql_user,
// A2C::RabbitMQ behind a2c_rabbitmq_*), checked DIFFERENTIALLY against community.mysql's and
// community.rabbitmq's own modules on a real MariaDB and a real RabbitMQ this test starts (private data
// directories under a temp dir, their own socket / node name and ports, stopped in afterAll). The same sequence of
// steps runs twice from the same starting state, once through the modules and once through the Ruby side;
// after every step `changed`, `failed` and the server's users, grants and databases must agree.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { type ScratchMariadb, startScratchMariadb } from '../helpers/scratch-mariadb.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');
const PYTHON = '/usr/bin/python3';

/** divergence: why the module fails a step the Ruby side does right (both must leave the same state). */
interface Step {
  module: string;
  params: Record<string, unknown>;
  divergence?: string;
}
interface Outcome {
  changed: boolean;
  failed: boolean;
  msg: string;
  snapshot: string;
}

const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
const haveMysql = requireOrSkip(
  'mariadb-server (mariadbd, mariadb-install-db, mysql)',
  hasTool('mariadbd') && hasTool('mariadb-install-db') && hasTool('mysql'),
);
const haveModules = requireOrSkip(
  'community.mysql with PyMySQL under /usr/bin/python3',
  hasPythonModule('ansible_collections.community.mysql.plugins.modules.mysql_user') && hasPythonModule('pymysql'),
);

/** Agreement of the two sides, step by step; a documented divergence passes when the module failed. */
function disagreements(steps: Step[], ansible: Outcome[], a2c: Outcome[]) {
  return steps.flatMap((s, i) => {
    const want = ansible[i]!;
    const got = a2c[i]!;
    if (want.changed === got.changed && want.failed === got.failed && want.snapshot === got.snapshot) return [];
    if (s.divergence && want.failed && !got.failed && want.snapshot === got.snapshot) return [];
    return [{ step: i, module: s.module, params: s.params, ansible: want, a2c: got }];
  });
}

/** The resources' :manage action run outside Chef (test/tools/svcapi-resource.rb), one run per step. */
function runResources(steps: Array<{ resource: string; properties: Record<string, unknown> }>, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync('ruby', [join(ROOT, 'test/tools/svcapi-resource.rb'), LIBDIR, join(ROOT, 'src/support-cookbook/ruby/resources')], {
    input: JSON.stringify(steps),
    encoding: 'utf8',
    env,
  });
  if (r.status !== 0) throw new Error(`svcapi-resource.rb failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Array<{ converged: boolean; said: string[]; failed: boolean }>;
}

function runBatch(cmd: string, args: string[], steps: Step[], snapshot: string[], env: NodeJS.ProcessEnv = process.env): Outcome[] {
  const r = spawnSync(cmd, args, { input: JSON.stringify({ steps, snapshot }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as Outcome[];
}

// --- MariaDB ------------------------------------------------------------------------------------

const SNAPSHOT_SQL = [
  "SELECT user, host, plugin, authentication_string, max_questions, max_updates, max_connections, max_user_connections, max_statement_time FROM mysql.user WHERE user LIKE 'a2c%' ORDER BY user, host",
  "SELECT grantee, privilege_type, is_grantable FROM information_schema.USER_PRIVILEGES WHERE grantee LIKE '''a2c%' ORDER BY 1, 2",
  "SELECT grantee, table_schema, privilege_type, is_grantable FROM information_schema.SCHEMA_PRIVILEGES WHERE grantee LIKE '''a2c%' ORDER BY 1, 2, 3",
  "SELECT schema_name, default_character_set_name, default_collation_name FROM information_schema.SCHEMATA WHERE schema_name LIKE 'a2c%' ORDER BY 1",
].join(';\n');

const RESET_SQL = `
  SELECT CONCAT('DROP USER ', QUOTE(user), '@', QUOTE(host), ';') FROM mysql.user WHERE user LIKE 'a2c%'
  UNION ALL SELECT CONCAT('DROP DATABASE \`', REPLACE(schema_name, '\`', '\`\`'), '\`;') FROM information_schema.SCHEMATA WHERE schema_name LIKE 'a2c%'`;

function mysqlSteps(socket: string): Step[] {
  const db = (params: Record<string, unknown>): Step => ({
    module: 'community.mysql.mysql_db',
    params: { login_unix_socket: socket, login_user: 'root', ...params },
  });
  const user = (params: Record<string, unknown>): Step => ({
    module: 'community.mysql.mysql_user',
    params: { login_unix_socket: socket, login_user: 'root', ...params },
  });
  return [
    db({ name: 'a2c_app', encoding: 'utf8mb4', collation: 'utf8mb4_bin' }),
    db({ name: 'a2c_app', encoding: 'utf8mb4', collation: 'utf8mb4_bin' }),
    db({ name: 'a2c_app', encoding: 'latin1' }), // an existing database keeps its character set
    db({ name: ['a2c_app', 'a2c_two', ' a2c_spaced '] }),
    db({ name: 'a2c-odd`name%' }),
    db({ name: 'a2c_two', state: 'absent' }),
    db({ name: 'a2c_two', state: 'absent', check_hostname: false }),
    db({ name: 'all' }),
    db({ name: 'a2c_bad', encoding: 'no-such-charset' }),
    user({ name: 'a2c_u1', password: 'pw1', priv: '*.*:USAGE' }),
    user({ name: 'a2c_u1', password: 'pw1', priv: '*.*:USAGE' }),
    user({ name: 'a2c_u1', password: 'pw2' }),
    user({ name: 'a2c_u1', password: 'pw3', update_password: 'on_create' }),
    user({ name: 'a2c_u1', password: 'pw2', priv: 'a2c_app.*:SELECT,INSERT' }),
    user({ name: 'a2c_u1', password: 'pw2', priv: 'a2c_app.*:select,insert' }),
    user({ name: 'a2c_u1', priv: 'a2c_app.*:SELECT' }),
    user({ name: 'a2c_u1', priv: 'a2c_app.*:UPDATE', append_privs: true }),
    user({ name: 'a2c_u1', priv: 'a2c_app.*:UPDATE', append_privs: true }),
    user({ name: 'a2c_u1', priv: 'a2c_app.*:SELECT', subtract_privs: true }),
    user({ name: 'a2c_u1', priv: '*.*:ALL,GRANT' }),
    user({ name: 'a2c_u1', priv: '*.*:ALL,GRANT' }),
    user({ name: 'a2c_u1', priv: '*.*:ALL' }),
    user({ name: 'a2c_u1', priv: '*.*:ALL/`a2c_app`.*:ALL' }),
    user({ name: 'a2c_u1', priv: { '*.*': 'USAGE', 'a2c_app.*': 'SELECT,UPDATE' } }),
    user({ name: 'a2c_u1', priv: 'a2c-odd`name%.*:SELECT' }),
    user({ name: 'a2c_u1', priv: '*.*:NOT_A_PRIVILEGE' }),
    user({ name: 'a2c_u1', priv: 'no-colon-here' }),
    user({ name: 'a2c_repl', host: '%', password: 'repl-secret', priv: '*.*:REPLICATION SLAVE,REPLICATION CLIENT' }),
    user({ name: 'a2c_repl', host: '%', password: 'repl-secret', priv: '*.*:REPLICATION SLAVE,REPLICATION CLIENT' }),
    user({ name: 'a2c_repl', host: 'DB.Example.COM', password: 'repl-secret' }),
    user({ name: "a2c_q'uote", password: 'it\'s \\ "quoted"', priv: 'a2c_app.*:SELECT' }),
    {
      ...user({ name: "a2c_q'uote", password: 'it\'s \\ "quoted"', priv: 'a2c_app.*:SELECT' }),
      divergence: 'the module builds SHOW CREATE USER without escaping the name, a syntax error for an existing user with a quote',
    },
    user({ name: 'a2c_hash', password: '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9', encrypted: true }),
    user({ name: 'a2c_hash', password: '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9', encrypted: true }),
    user({ name: 'a2c_hash', password: '123456' }),
    user({ name: 'a2c_hash', password: 'not-a-hash', encrypted: true }),
    user({ name: 'a2c_nopw' }),
    user({ name: 'a2c_nopw', tls_requires: { SSL: null } }),
    user({ name: 'a2c_nopw', tls_requires: { SSL: null } }),
    user({ name: 'a2c_nopw', tls_requires: { x509: null } }),
    user({ name: 'a2c_nopw' }),
    user({ name: 'a2c_new', password: 'p', update_password: 'on_new_username' }),
    user({ name: 'a2c_new', resource_limits: { MAX_QUERIES_PER_HOUR: 10, MAX_USER_CONNECTIONS: '2' } }),
    user({ name: 'a2c_new', resource_limits: { MAX_QUERIES_PER_HOUR: '10', MAX_USER_CONNECTIONS: 2 } }),
    user({ name: 'a2c_new', resource_limits: { MAX_STATEMENT_TIME: 0, MAX_CONNECTIONS_PER_HOUR: 5 } }),
    user({ name: 'a2c_new', resource_limits: { max_updates_per_hour: 5 } }),
    user({ name: 'a2c_new', resource_limits: { MAX_UPDATES_PER_HOUR: 'many' } }),
    user({ name: 'a2c_limited', password: 'p', resource_limits: { MAX_UPDATES_PER_HOUR: 7 } }),
    user({ name: 'a2c_new', host: 'other', update_password: 'on_new_username' }),
    user({ name: 'a2c_u1', state: 'absent', check_hostname: false }),
    user({ name: 'a2c_u1', state: 'absent' }),
    user({ name: 'a2c_u1', host: 'LOCALHOST', priv: '*.*:USAGE' }),
  ];
}

// mysql_query's steps leave rows, not accounts: the snapshot is the test table and its columns (a missing one
// prints the same error on both sides). The module's numbers come back from the client as their text.
const QUERY_SNAPSHOT_SQL = [
  "SELECT table_name, column_name, column_type FROM information_schema.COLUMNS WHERE table_schema = 'a2c_q' ORDER BY 1, ordinal_position",
  'SELECT * FROM a2c_q.t ORDER BY id',
].join(';\n');

function queryStep(params: Record<string, unknown>): Step {
  return { module: 'community.mysql.mysql_query', params };
}

function mysqlQuerySteps(socket: string): Step[] {
  const q = (params: Record<string, unknown>) => queryStep({ login_unix_socket: socket, login_user: 'root', ...params });
  const tricky = 'it\'s \\ "quoted" é ✓ 𝄞\n\ttab 100% %s';
  return [
    q({ query: 'CREATE DATABASE a2c_q' }),
    q({ query: 'CREATE TABLE a2c_q.t (id INT PRIMARY KEY, name VARCHAR(200) CHARACTER SET utf8mb4, n INT)' }),
    q({ query: 'CREATE TABLE IF NOT EXISTS a2c_q.t (id INT PRIMARY KEY)' }),
    q({ query: 'SELECT * FROM a2c_q.t' }),
    q({ query: 'INSERT INTO a2c_q.t VALUES (%s, %s, %s)', positional_args: [1, tricky, null] }),
    q({
      query: 'INSERT INTO t (id, name, n) VALUES (%(id)s, %(name)s, %(n)s)',
      named_args: { id: 2, name: "O'Brien\\x\u00e9", n: 7 },
      login_db: 'a2c_q',
    }),
    q({ query: 'SELECT id, name, n FROM t WHERE name = %s', positional_args: [tricky], login_db: 'a2c_q' }),
    q({ query: 'SELECT * FROM a2c_q.t ORDER BY id' }),
    q({ query: 'UPDATE a2c_q.t SET n = 5 WHERE id = 99' }),
    q({ query: 'UPDATE a2c_q.t SET n = 5 WHERE id = 1' }),
    q({ query: 'UPDATE a2c_q.t SET n = 5 WHERE id = 1' }), // rows matched, none changed
    q({ query: '  delete FROM a2c_q.t WHERE id = 99;' }),
    q({ query: ['INSERT INTO a2c_q.t (id) VALUES (3)', 'SELECT COUNT(*) AS c FROM a2c_q.t', 'DELETE FROM a2c_q.t WHERE id = 3'] }),
    q({ query: ['INSERT INTO a2c_q.t (id) VALUES (4)', 'INSERT INTO a2c_q.t (id) VALUES (1)'], single_transaction: true }),
    q({ query: ['INSERT INTO a2c_q.t (id) VALUES (5)', 'INSERT INTO a2c_q.t (id) VALUES (1)'] }),
    q({ query: ['UPDATE a2c_q.t SET n = 6 WHERE id = 5', 'SELECT n FROM a2c_q.t WHERE id = 5'], single_transaction: true }),
    q({ query: 'SELEC 1' }),
    q({ query: "SELECT %s AS a, '50%%' AS b, %s AS c, %s AS d, %s AS e", positional_args: ['100%', null, true, 12] }),
    q({ query: "SELECT '100%' AS pct, ';' AS semi -- a comment; not a statement" }),
    q({ query: 'SELECT %s AS a', positional_args: [1, 2] }),
    q({ query: 'SELECT %(a)s AS a', named_args: { b: 1 } }),
    q({ query: 'SELECT 1 AS a; SELECT 2 AS b' }),
    q({ query: 'DELIMITER //' }),
    q({ query: 'SELECT 1 AS a', positional_args: [1], named_args: { a: 1 } }),
    q({ query: 'SELECT id FROM a2c_q.t WHERE id IN %s ORDER BY id', positional_args: [[1, 2, 99]] }),
    q({ query: 'REPLACE INTO a2c_q.t (id, name) VALUES (2, %(v)s)', named_args: { v: 'replaced' } }),
    q({ query: 'ALTER TABLE a2c_q.t ADD COLUMN extra TEXT' }),
    q({ query: 'SELECT 1 AS a', login_db: 'a2c_no_such_db' }),
    // The arguments go to every query: the second cannot take them, after the first ran (and, in a
    // transaction, was rolled back).
    q({ query: ['INSERT INTO a2c_q.t (id) VALUES (%s)', 'SELECT 1 AS a'], positional_args: [6] }),
    q({ query: ['INSERT INTO a2c_q.t (id) VALUES (%s)', 'SELECT 1 AS a'], positional_args: [7], single_transaction: true }),
    {
      ...q({ query: 'SELECT 1.5 AS d, NOW() AS n' }),
      divergence:
        "community.mysql 3.7 returns PyMySQL's Decimal and datetime values, which Ansible cannot serialise: the module fails after the query ran",
    },
    // Under NO_BACKSLASH_ESCAPES a quote is doubled, a backslash kept (PyMySQL asks the session's status).
    q({ query: "SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')" }),
    q({ query: 'INSERT INTO a2c_q.t (id, name) VALUES (%s, %s)', positional_args: [8, "back\\slash 'quoted' \\'"] }),
    q({ query: "SET GLOBAL sql_mode = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@GLOBAL.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','))" }),
    q({ query: 'TRUNCATE TABLE a2c_q.t' }),
    q({ query: 'DROP TABLE a2c_q.t' }),
    q({ query: 'DROP DATABASE a2c_q' }),
  ];
}

/** A mysql_query result with the module's numbers as the text the client prints (the only typed difference). */
function asText(o: Outcome): Outcome {
  const rows = (o as Outcome & { query_result?: Array<Array<Record<string, unknown>>> }).query_result;
  if (!rows) return o;
  const text = (v: unknown) => (typeof v === 'number' ? String(v) : v);
  return {
    ...o,
    query_result: rows.map((r) => r.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, text(v)])))),
  } as Outcome;
}

describe.skipIf(!(haveRuby && haveMysql && haveModules))('A2C::MySQL matches community.mysql on a real MariaDB', () => {
  let db: ScratchMariadb | undefined;
  let socket = '';
  let steps: Step[] = [];
  let ansible: Outcome[] = [];
  let a2c: Outcome[] = [];
  let querySteps: Step[] = [];
  let queryAnsible: Outcome[] = [];
  let queryA2c: Outcome[] = [];

  const mysql = (sql: string, extra: string[] = []) =>
    spawnSync('mysql', ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '--skip-column-names', ...extra, '-e', sql], {
      encoding: 'utf8',
    });
  const reset = () => {
    const drops = mysql(RESET_SQL, ['--raw']);
    if (drops.status !== 0) throw new Error(drops.stderr);
    if (drops.stdout.trim()) {
      const r = mysql(drops.stdout);
      if (r.status !== 0) throw new Error(r.stderr);
    }
  };

  beforeAll(() => {
    db = startScratchMariadb('a2c-mysql-');
    socket = db.socket;
    const snapshot = ['mysql', '--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '-e', SNAPSHOT_SQL];
    steps = mysqlSteps(socket);
    ansible = runBatch(PYTHON, [join(ROOT, 'test/tools/svcapi-ansible.py')], steps, snapshot);
    reset();
    a2c = runBatch('ruby', [join(ROOT, 'test/tools/svcapi-ruby.rb'), LIBDIR], steps, snapshot);
    const querySnapshot = [
      'sh',
      '-c',
      'mysql --no-defaults --socket="$1" -uroot --batch --default-character-set=utf8mb4 -e "$2" 2>&1; true',
      'snapshot',
      socket,
      QUERY_SNAPSHOT_SQL,
    ];
    querySteps = mysqlQuerySteps(socket);
    queryAnsible = runBatch(PYTHON, [join(ROOT, 'test/tools/svcapi-ansible.py')], querySteps, querySnapshot).map(asText);
    reset();
    queryA2c = runBatch('ruby', [join(ROOT, 'test/tools/svcapi-ruby.rb'), LIBDIR], querySteps, querySnapshot);
  });

  afterAll(() => db?.stop());

  it('really drove the server: most steps change something, some fail, some are idempotent', () => {
    expect(ansible.filter((o) => o.changed).length).toBeGreaterThan(steps.length / 3);
    expect(ansible.filter((o) => o.failed).length).toBeGreaterThanOrEqual(4);
    expect(ansible.filter((o) => !o.changed && !o.failed).length).toBeGreaterThanOrEqual(10);
    expect(ansible.at(-1)?.snapshot).toMatch(/a2c_repl\t%/);
    // Each known divergence is still one (else the exception should go).
    for (const [i, s] of steps.entries()) if (s.divergence) expect(ansible[i]?.failed, s.divergence).toBe(true);
  });

  it('agrees after every step on changed, failed and the server state', () => {
    expect(disagreements(steps, ansible, a2c)).toEqual([]);
  });

  it('mysql_query: really ran the queries (changes, failures, unchanged reads, results)', () => {
    const changed = queryAnsible.map((o) => o.changed);
    const failedSteps = queryAnsible.flatMap((o, i) => (o.failed ? [i] : []));
    expect(changed.filter(Boolean).length).toBeGreaterThanOrEqual(12);
    expect(failedSteps).toEqual([13, 14, 16, 19, 20, 21, 22, 23, 27, 28, 29, 30]);
    expect(queryAnsible[29]?.snapshot).toMatch(/^6\t/m);
    expect(queryAnsible[29]?.snapshot).not.toMatch(/^7\t/m);
    // Not changed: a SELECT, an UPDATE of no row, an UPDATE that changes nothing, a DELETE of no row.
    for (const i of [3, 8, 10, 11]) expect(queryAnsible[i]?.changed, `step ${i}`).toBe(false);
    expect(queryAnsible[9]?.changed).toBe(true);
    // The transaction was rolled back (no id 4); without one the first INSERT stayed (id 5).
    expect(queryAnsible[14]?.snapshot).not.toMatch(/^4\t/m);
    expect(queryAnsible[14]?.snapshot).toMatch(/^5\t/m);
    expect(JSON.stringify(queryAnsible[6])).toContain('𝄞');
    expect(queryAnsible[32]?.snapshot).toContain("8\tback\\\\slash 'quoted' \\\\'");
  });

  it('mysql_query: agrees after every step on changed, failed, the rows, rowcount, query_result and executed_queries', () => {
    expect(disagreements(querySteps, queryAnsible, queryA2c)).toEqual([]);
    const keys = ['query_result', 'rowcount', 'executed_queries'] as const;
    const pick = (o: Outcome) => Object.fromEntries(keys.map((k) => [k, (o as unknown as Record<string, unknown>)[k]]));
    const compared = (o: Outcome, i: number) => (querySteps[i]?.divergence ? 'divergence' : pick(o));
    expect(queryA2c.map(compared)).toEqual(queryAnsible.map(compared));
  });

  it('a2c_mysql_query runs its queries every time and is updated only where the module says changed', () => {
    const login = { login_unix_socket: socket, login_user: 'root' };
    const run = (query: unknown, more: Record<string, unknown> = {}) => ({
      resource: 'mysql_query',
      properties: { ...login, query, ...more },
    });
    const runs = runResources([
      run(['CREATE DATABASE a2c_qres', 'CREATE TABLE a2c_qres.t (k VARCHAR(20) PRIMARY KEY, v TEXT)']),
      run('INSERT IGNORE INTO t VALUES (%(k)s, %(v)s)', { named_args: { k: 'key', v: "it's" }, login_db: 'a2c_qres' }),
      run('INSERT IGNORE INTO t VALUES (%(k)s, %(v)s)', { named_args: { k: 'key', v: "it's" }, login_db: 'a2c_qres' }),
      run('SELECT * FROM a2c_qres.t'),
      run(['UPDATE a2c_qres.t SET v = %s', 'SELEC'], { positional_args: ['new'], single_transaction: true }),
    ]);
    expect(runs.map((r) => [r.converged, r.failed])).toEqual([
      [true, false],
      [true, false],
      [false, false],
      [false, false],
      [false, true],
    ]);
    expect(runs[1]!.said).toEqual(['ran 1 SQL query that changed data or schema']);
    expect(mysql('SELECT v FROM a2c_qres.t').stdout).toBe("it's\n");
    // why-run: nothing runs, the resource says what it would run.
    const whyRun = runResources([run('DROP DATABASE a2c_qres')], { ...process.env, A2C_WHY_RUN: '1' });
    expect(whyRun[0]!.said).toEqual(['run 1 SQL query (skipped in why-run)']);
    expect(mysql('SELECT COUNT(*) FROM a2c_qres.t').stdout.trim()).toBe('1');
    expect(runResources([run('DROP DATABASE a2c_qres')])[0]!.converged).toBe(true);
  });

  it('a registered mysql_query keeps changed, failed, rowcount and executed_queries; a read of query_result fails', () => {
    mysql("CREATE DATABASE a2c_reg; CREATE TABLE a2c_reg.t (v TEXT); INSERT INTO a2c_reg.t VALUES ('a'), ('b')");
    const r = spawnSync('ruby', [join(ROOT, 'test/tools/mysql-register.rb'), LIBDIR, socket], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out['r']).toEqual({
      failed: false,
      changed: true,
      rowcount: [2, 1],
      executed_queries: ["UPDATE a2c_reg.t SET v = 'zz'", "SELECT COUNT(*) AS n FROM a2c_reg.t WHERE v = 'zz'"],
    });
    expect(out['query_result_read']).toMatch(/^query_result of a converted mysql_query is not kept/);
    expect(out['f']).toMatchObject({ changed: false, failed: true });
    expect(out['g']).toMatch(/^ansible2chef: mysql_query failed: Cannot execute SQL 'SELEC'/);
    mysql('DROP DATABASE a2c_reg');
  });

  it('the resources converge when something differs, and only then', () => {
    const login = { login_unix_socket: socket, login_user: 'root' };
    const runs = runResources([
      { resource: 'mysql_database', properties: { ...login, database_name: ['a2c_res', 'a2c_res2'], encoding: 'utf8mb4' } },
      { resource: 'mysql_database', properties: { ...login, database_name: ['a2c_res', 'a2c_res2'] } },
      {
        resource: 'mysql_user',
        properties: { ...login, username: 'a2c_res', password: 'pw', priv: { 'a2c_res.*': 'SELECT' }, tls_requires: {} },
      },
      {
        resource: 'mysql_user',
        properties: {
          ...login,
          username: 'a2c_res',
          password: 'pw',
          priv: 'a2c_res.*:SELECT',
          resource_limits: { MAX_USER_CONNECTIONS: 3 },
        },
      },
      {
        resource: 'mysql_user',
        properties: {
          ...login,
          username: 'a2c_res',
          password: 'pw',
          priv: 'a2c_res.*:SELECT',
          resource_limits: { MAX_USER_CONNECTIONS: 3 },
        },
      },
      {
        resource: 'mysql_user',
        properties: { ...login, username: 'a2c_res', update_password: 'on_create', password: 'other', priv: 'a2c_res.*:SELECT' },
      },
      { resource: 'mysql_user', properties: { ...login, username: 'a2c_res', state: 'absent' } },
      { resource: 'mysql_database', properties: { ...login, database_name: 'a2c_res2', state: 'absent' } },
      { resource: 'mysql_user', properties: { ...login, username: 'a2c_res', priv: '*.*:NOPE' } },
    ]);
    expect(runs.map((r) => r.converged)).toEqual([true, false, true, true, false, false, true, true, false]);
    expect(runs.at(-1)!.failed).toBe(true);
    expect(runs[0]!.said).toEqual(['create database a2c_res, a2c_res2']);
    expect(mysql("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE schema_name IN ('a2c_res', 'a2c_res2')").stdout.trim()).toBe('1');
  });
});

// --- RabbitMQ -----------------------------------------------------------------------------------
// Every rabbitmqctl call starts an Erlang VM (0.7 s idle, 4 s and more on a loaded machine; the modules make
// 2 to 8 calls per step, rabbitmq-plugins is slower still), so the steps are few and the snapshot is one
// `rabbitmqctl eval` plus the enabled-plugins file. The whole comparison took 14 minutes at load 12 on 2 cores.

const haveRabbit = requireOrSkip(
  'rabbitmq-server (rabbitmq-server, rabbitmqctl, rabbitmq-plugins)',
  hasTool('rabbitmq-server') && hasTool('rabbitmqctl') && hasTool('rabbitmq-plugins'),
);
const haveRabbitModules = requireOrSkip(
  'community.rabbitmq under /usr/bin/python3',
  hasPythonModule('ansible_collections.community.rabbitmq.plugins.modules.rabbitmq_user'),
);
// The Debian wrappers run the broker and its tools as the rabbitmq user when called by root.
const rabbitUser = spawnSync('id', ['-u', 'rabbitmq'], { encoding: 'utf8' }).stdout.trim();

const RABBIT_STATE = `{lists:sort(rabbit_auth_backend_internal:list_users()),
  lists:sort(rabbit_auth_backend_internal:list_permissions()),
  lists:sort(rabbit_auth_backend_internal:list_topic_permissions()),
  lists:sort(rabbit_vhost:info_all([name, tracing])),
  lists:sort([lists:sort(P) || V <- rabbit_vhost:list_names(), P <- rabbit_policy:list(V)])}.`;

function rabbitSteps(node: string): Step[] {
  const m = (name: string, params: Record<string, unknown>): Step => ({
    module: `community.rabbitmq.rabbitmq_${name}`,
    params: name === 'plugin' ? params : { node, ...params },
  });
  return [
    m('vhost', { name: 'a2c_vh' }),
    m('vhost', { name: 'a2c_vh' }),
    m('vhost', { name: 'a2c_vh', tracing: true }),
    m('user', {
      user: 'a2c_u',
      password: 'secret-1',
      tags: 'monitoring',
      vhost: 'a2c_vh',
      configure_priv: '.*',
      read_priv: '.*',
      write_priv: '^amq',
    }),
    m('user', {
      user: 'a2c_u',
      password: 'secret-1',
      tags: 'monitoring',
      vhost: 'a2c_vh',
      configure_priv: '.*',
      read_priv: '.*',
      write_priv: '^amq',
      update_password: 'always',
    }),
    m('user', {
      user: 'a2c_u',
      password: 'secret-2',
      tags: 'monitoring, management',
      update_password: 'always',
      vhost: 'a2c_vh',
      configure_priv: '.*',
      read_priv: '.*',
      write_priv: '^amq',
    }),
    m('user', {
      user: 'a2c_u',
      password: 'secret-3',
      tags: 'monitoring,management',
      permissions: [{ vhost: '/', configure_priv: '^$', read_priv: '.*', write_priv: '.*' }],
    }),
    m('user', { user: 'a2c_u', tags: 'management,monitoring', permissions: [{ vhost: '/', configure: '^$', read: '.*', write: '.*' }] }),
    m('user', { user: 'guest', state: 'absent' }),
    m('policy', { name: 'a2c_ha', vhost: 'a2c_vh', pattern: '^ha\\.', tags: { 'max-length': 100, 'ha-mode': 'all' }, priority: 1 }),
    m('policy', { name: 'a2c_ha', vhost: 'a2c_vh', pattern: '^ha\\.', tags: { 'ha-mode': 'all', 'max-length': 100 }, priority: '1' }),
    m('policy', {
      name: 'a2c_ha',
      vhost: 'a2c_vh',
      pattern: '^ha\\.',
      tags: { 'max-length': 100, 'ha-mode': 'all' },
      priority: 1,
      apply_to: 'queues',
    }),
    m('policy', { name: 'a2c_ha', vhost: 'a2c_vh', pattern: '^ha\\.' }),
    m('policy', { name: 'a2c_ha', vhost: 'a2c_vh', state: 'absent' }),
    m('plugin', { names: 'rabbitmq_shovel', broker_state: 'offline' }),
    m('plugin', { names: 'rabbitmq_shovel', state: 'disabled', broker_state: 'offline' }),
  ];
}

describe.skipIf(!(haveRuby && haveRabbit && haveRabbitModules && rabbitUser !== ''))(
  'A2C::RabbitMQ matches community.rabbitmq on a real RabbitMQ',
  () => {
    let dir = '';
    let env: NodeJS.ProcessEnv = {};
    let steps: Step[] = [];
    let ansible: Outcome[] = [];
    let a2c: Outcome[] = [];
    const ctl = (...args: string[]) => {
      const r = spawnSync('rabbitmqctl', ['-q', ...args], { encoding: 'utf8', env });
      if (r.status !== 0) throw new Error(`rabbitmqctl ${args.join(' ')}: ${r.stderr}${r.stdout}`);
      return r.stdout;
    };

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'a2c-rabbitmq-'));
      spawnSync('chown', ['-R', 'rabbitmq:', dir]);
      // A port pair from the test's pid, away from a system broker's 5672/25672.
      const port = 30_000 + (process.pid % 10_000) * 2;
      const node = `a2c${process.pid}@localhost`;
      env = {
        ...process.env,
        RABBITMQ_NODENAME: node,
        RABBITMQ_NODE_PORT: String(port),
        RABBITMQ_DIST_PORT: String(port + 1),
        RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
        RABBITMQ_LOG_BASE: join(dir, 'log'),
        RABBITMQ_PID_FILE: join(dir, 'pid'),
        RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
        RABBITMQ_CONFIG_FILE: join(dir, 'none'),
        RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'none-advanced.config'),
        RABBITMQ_CONF_ENV_FILE: join(dir, 'none-env'),
      };
      spawn('rabbitmq-server', [], { env, stdio: 'ignore', detached: false });
      const wait = spawnSync('rabbitmqctl', ['wait', join(dir, 'pid'), '--timeout', '240'], { encoding: 'utf8', env });
      if (wait.status !== 0) throw new Error(`rabbitmq-server did not start:\n${wait.stdout}${wait.stderr}`);
      const snapshot = [
        'sh',
        '-c',
        `rabbitmqctl -q eval "$1" && cat "$RABBITMQ_ENABLED_PLUGINS_FILE" 2>/dev/null; true`,
        'snapshot',
        RABBIT_STATE,
      ];
      steps = rabbitSteps(node);
      ansible = runBatch(PYTHON, [join(ROOT, 'test/tools/svcapi-ansible.py')], steps, snapshot, env);
      // Back to the starting state: the steps' vhost (with its policies and permissions; the broker keeps a
      // deleted vhost's tracing for its next incarnation), user and enabled plugins go, the guest user comes back.
      ctl('trace_off', '-p', 'a2c_vh');
      ctl('delete_vhost', 'a2c_vh');
      rmSync(join(dir, 'enabled_plugins'), { force: true });
      ctl('delete_user', 'a2c_u');
      ctl('add_user', 'guest', 'guest');
      ctl('set_user_tags', 'guest', 'administrator');
      ctl('set_permissions', '-p', '/', 'guest', '.*', '.*', '.*');
      a2c = runBatch('ruby', [join(ROOT, 'test/tools/svcapi-ruby.rb'), LIBDIR], steps, snapshot, env);
    }, 1_200_000);

    afterAll(() => {
      if (dir) {
        spawnSync('rabbitmqctl', ['stop', join(dir, 'pid')], { env, encoding: 'utf8' });
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('really drove the broker: steps change something, are idempotent, and fail', () => {
      expect(ansible.filter((o) => o.changed).length).toBeGreaterThanOrEqual(8);
      expect(ansible.at(-2)?.snapshot).toContain('rabbitmq_shovel');
      expect(ansible.filter((o) => !o.changed && !o.failed).length).toBeGreaterThanOrEqual(3);
      expect(ansible.filter((o) => o.failed).length).toBeGreaterThanOrEqual(1);
      expect(ansible[4]?.snapshot).toContain('a2c_u');
    });

    it('agrees after every step on changed, failed and the broker state', () => {
      expect(disagreements(steps, ansible, a2c)).toEqual([]);
    });

    it('the resources converge when something differs, and only then', () => {
      const node = env['RABBITMQ_NODENAME'];
      const runs = runResources(
        [
          { resource: 'rabbitmq_vhost', properties: { rabbitmq_node: node, vhost: 'a2c_res' } },
          { resource: 'rabbitmq_vhost', properties: { rabbitmq_node: node, vhost: 'a2c_res' } },
          {
            resource: 'rabbitmq_policy',
            properties: { rabbitmq_node: node, vhost: 'a2c_res', policy_name: 'a2c_p', pattern: '.*', definition: { 'max-length': 5 } },
          },
          {
            resource: 'rabbitmq_policy',
            properties: { rabbitmq_node: node, vhost: 'a2c_res', policy_name: 'a2c_p', pattern: '.*', definition: { 'max-length': 5 } },
          },
          {
            resource: 'rabbitmq_user',
            properties: { rabbitmq_node: node, username: 'a2c_res', password: 'pw', vhost: 'a2c_res', read_priv: '.*' },
          },
          {
            resource: 'rabbitmq_user',
            properties: { rabbitmq_node: node, username: 'a2c_res', password: 'pw', vhost: 'a2c_res', read_priv: '.*' },
          },
          { resource: 'rabbitmq_user', properties: { rabbitmq_node: node, username: 'a2c_res', state: 'absent' } },
          { resource: 'rabbitmq_vhost', properties: { rabbitmq_node: node, vhost: 'a2c_res', state: 'absent' } },
        ],
        env,
      );
      expect(runs.map((r) => r.converged)).toEqual([true, false, true, false, true, false, true, true]);
      expect(ctl('list_vhosts')).not.toContain('a2c_res');
    }, 600_000);
  },
);
