// A2C::MySQL.replication (what a converted community.mysql.mysql_replication task runs) checked DIFFERENTIALLY
// against the module itself on a real MariaDB this test starts with a binary log (so getprimary has a
// status row). The same steps run twice from the same starting state, once through the module and once
// through the Ruby side; after every step `changed`, `failed`, the whole result (status row with its
// Python types, Is_Primary / Is_Replica, msg, queries) and the server's replication state must agree. The
// replica's primary is a closed local port: the IO thread's connection state is timing, not compared.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { type ScratchMariadb, startScratchMariadb } from '../helpers/scratch-mariadb.js';

const ROOT = resolve(import.meta.dirname, '../..');
const LIBDIR = join(ROOT, 'src/support-cookbook/ruby/libraries');

interface Step {
  params: Record<string, unknown>;
  /** Why the module fails a step the Ruby side does right (both must leave the same state). */
  divergence?: string;
}
interface Outcome {
  changed: boolean;
  failed: boolean;
  msg: string;
  snapshot: string;
  result?: Record<string, unknown>;
}

const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
const haveMysql = requireOrSkip(
  'mariadb-server (mariadbd, mariadb-install-db, mysql)',
  hasTool('mariadbd') && hasTool('mariadb-install-db') && hasTool('mysql'),
);
const haveModule = requireOrSkip(
  'community.mysql with PyMySQL under /usr/bin/python3',
  hasPythonModule('ansible_collections.community.mysql.plugins.modules.mysql_replication') && hasPythonModule('pymysql'),
);

// The replica's IO thread races its connection attempts: these fields of its status are timing.
const TIMING = new Set([
  'Slave_IO_State',
  'Slave_IO_Running',
  'Last_IO_Errno',
  'Last_IO_Error',
  'Seconds_Behind_Master',
  'Slave_SQL_Running_State',
  'Retried_transactions',
  'Executed_log_entries',
]);

/** The result with the timing fields' values replaced by their Python type (their presence and type still count). */
function comparable(o: Outcome): Record<string, unknown> | undefined {
  if (!o.result) return undefined;
  return Object.fromEntries(
    Object.entries(o.result)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, TIMING.has(k) ? (v === null ? 'None' : typeof v) : v]),
  );
}

function runBatch(cmd: string, args: string[], steps: Step[], snapshot: string[]): Outcome[] {
  const batch = { steps: steps.map((s) => ({ module: 'community.mysql.mysql_replication', params: s.params })), snapshot };
  const r = spawnSync(cmd, args, { input: JSON.stringify(batch), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as Outcome[];
}

/** The resource's :run action outside Chef (test/tools/svcapi-resource.rb), one run per step. */
function runResources(steps: Array<Record<string, unknown>>, env: NodeJS.ProcessEnv = process.env) {
  const input = steps.map((properties) => ({ resource: 'mysql_replication', properties }));
  const r = spawnSync('ruby', [join(ROOT, 'test/tools/svcapi-resource.rb'), LIBDIR, join(ROOT, 'src/support-cookbook/ruby/resources')], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    env,
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`svcapi-resource.rb failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Array<{ converged: boolean; said: string[]; failed: boolean }>;
}

function replicationSteps(socket: string): Step[] {
  const s = (params: Record<string, unknown>, divergence?: string): Step => ({
    params: { login_unix_socket: socket, login_user: 'root', ...params },
    ...(divergence ? { divergence } : {}),
  });
  const primary = { master_host: '127.0.0.1', master_port: 1, master_user: 'a2c_repl', master_password: 'repl-secret' };
  return [
    s({ mode: 'getprimary' }),
    s({ mode: 'getreplica' }),
    s({}), // getreplica is the default mode
    s({ mode: 'startreplica' }), // no primary configured: the server refuses, no change
    s({ mode: 'startreplica', fail_on_error: true }),
    s({ mode: 'changeprimary', ...primary, master_log_file: 'bin.000001', master_log_pos: 4, master_connect_retry: 30 }),
    s({ mode: 'getreplica' }),
    s({ mode: 'startreplica' }),
    s({ mode: 'getreplica' }),
    s({ mode: 'startreplica' }), // already running: a note, not an error, to both clients
    s({ mode: 'changeprimary', master_host: '127.0.0.2' }), // refused while the replica runs
    s({ mode: 'stopreplica' }),
    s({ mode: 'stopreplica' }),
    s({ mode: 'changeprimary', master_use_gtid: 'replica_pos', master_delay: 5 }),
    s({ mode: 'changeprimary', master_use_gtid: 'disabled', master_ssl: false }),
    s({ mode: 'changeprimary', master_password: "it's" }, 'the module pastes the password between quotes unescaped: a syntax error'),
    s({ mode: 'changeprimary', master_host: '127.0.0.3', connection_name: 'a2c_conn' }),
    s({ mode: 'getreplica', connection_name: 'a2c_conn' }),
    s({ mode: 'getreplica', connection_name: 'a2c_none' }), // no such connection: the server refuses, the module fails
    s({ mode: 'resetreplicaall', connection_name: 'a2c_conn' }),
    s({ mode: 'resetreplica' }),
    s({ mode: 'getreplica' }),
    s({ mode: 'resetreplicaall' }),
    s({ mode: 'getreplica' }),
    s({ mode: 'resetprimary' }),
    s({ mode: 'getprimary' }),
    s({ mode: 'changeprimary', master_use_gtid: 'bogus' }),
    s({ mode: 'no-such-mode' }),
    s({ mode: 'getreplica', connection_name: 'a', channel: 'b' }),
    s({ mode: 'getprimary', login_user: 'a2c_nobody', login_password: 'nope' }),
  ];
}

describe.skipIf(!(haveRuby && haveMysql && haveModule))('A2C::MySQL.replication matches mysql_replication on a real MariaDB', () => {
  let db: ScratchMariadb | undefined;
  let socket = '';
  let steps: Step[] = [];
  let ansible: Outcome[] = [];
  let a2c: Outcome[] = [];

  const mysql = (sql: string) =>
    spawnSync('mysql', ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '-e', sql], { encoding: 'utf8' });
  const reset = () => {
    const r = mysql("STOP ALL SLAVES; RESET SLAVE ALL; RESET SLAVE 'a2c_conn' ALL; RESET MASTER");
    // A connection that does not exist is an error the reset may meet: check what is left instead.
    expect(mysql('SHOW ALL SLAVES STATUS').stdout, r.stderr).toBe('');
  };

  beforeAll(() => {
    db = startScratchMariadb('a2c-repl-', (data) => ['--server-id=1', `--log-bin=${join(data, 'bin')}`]);
    socket = db.socket;
    // The replication state a step leaves: each connection's configuration and SQL thread, and the binary log.
    const snapshot = [
      'sh',
      '-c',
      'mysql --no-defaults --socket="$1" -uroot --vertical -e "SHOW ALL SLAVES STATUS; SHOW MASTER STATUS" | ' +
        'grep -E "^ *(Connection_name|Master_Host|Master_User|Master_Port|Connect_Retry|Master_Log_File|Exec_Master_Log_Pos|' +
        'Slave_SQL_Running|Using_Gtid|SQL_Delay|Master_SSL_Allowed|File|Position):"; true',
      'snapshot',
      socket,
    ];
    steps = replicationSteps(socket);
    ansible = runBatch('/usr/bin/python3', [join(ROOT, 'test/tools/svcapi-ansible.py')], steps, snapshot);
    reset();
    a2c = runBatch('ruby', [join(ROOT, 'test/tools/svcapi-ruby.rb'), LIBDIR], steps, snapshot);
  }, 600_000);

  afterAll(() => db?.stop());

  it('really drove the server: replicas configured, started, stopped and reset; status rows read; failures', () => {
    expect(ansible.map((o) => [o.changed, o.failed])).toEqual([
      [false, false],
      [false, false],
      [false, false],
      [false, false],
      [false, true],
      [true, false],
      [false, false],
      [true, false],
      [false, false],
      [true, false],
      [false, true],
      [true, false],
      [true, false],
      [true, false],
      [true, false],
      [false, true],
      [true, false],
      [false, false],
      [false, true],
      [true, false],
      [true, false],
      [false, false],
      [true, false],
      [false, false],
      [true, false],
      [false, false],
      [false, true],
      [false, true],
      [false, true],
      [false, true],
    ]);
    expect(ansible[0]?.result).toMatchObject({ Is_Primary: true, File: 'bin.000001', queries: [] });
    expect(typeof ansible[0]?.result?.['Position']).toBe('number');
    expect(ansible[1]?.result).toEqual({ Is_Replica: false, msg: 'Server is not configured as mysql replica', queries: [] });
    expect(ansible[6]?.result).toMatchObject({ Is_Replica: true, Master_Host: '127.0.0.1', Master_Port: 1, Connect_Retry: 30 });
    expect(ansible[8]?.snapshot).toMatch(/Slave_SQL_Running: Yes/);
    expect(ansible[5]?.result?.['queries']).toEqual([
      "CHANGE MASTER TO MASTER_HOST='127.0.0.1',MASTER_USER='a2c_repl',MASTER_PASSWORD='********',MASTER_PORT=1," +
        "MASTER_CONNECT_RETRY=30,MASTER_LOG_FILE='bin.000001',MASTER_LOG_POS=4",
    ]);
    expect(ansible[17]?.result).toMatchObject({ Is_Replica: true, Master_Host: '127.0.0.3' });
    for (const [i, s] of steps.entries()) if (s.divergence) expect(ansible[i]?.failed, s.divergence).toBe(true);
  });

  it('agrees after every step on changed, failed, the whole result and the server state', () => {
    const diffs = steps.flatMap((s, i) => {
      const want = ansible[i]!;
      const got = a2c[i]!;
      const same = want.snapshot === got.snapshot;
      if (s.divergence && want.failed && !got.failed && same) return [];
      if (want.changed === got.changed && want.failed === got.failed && same) {
        if (want.failed || JSON.stringify(comparable(want)) === JSON.stringify(comparable(got))) return [];
      }
      return [{ step: i, params: s.params, ansible: { ...want, result: comparable(want) }, a2c: { ...got, result: comparable(got) } }];
    });
    expect(diffs).toEqual([]);
  });

  it('a2c_mysql_replication runs its mode every time and is updated only where the module says changed', () => {
    reset();
    const login = { login_unix_socket: socket, login_user: 'root' };
    const run = (props: Record<string, unknown>) => ({ ...login, ...props });
    const primary = { primary_host: '127.0.0.1', primary_port: 1, primary_user: 'a2c_repl', primary_password: 'repl-secret' };
    const runs = runResources([
      run({ mode: 'startreplica' }),
      run({ mode: 'changeprimary', ...primary, primary_use_gtid: 'disabled' }),
      run({ mode: 'getreplica' }),
      run({ mode: 'startreplica' }),
      run({ mode: 'changeprimary', primary_host: '127.0.0.2' }),
      run({ mode: 'stopreplica', fail_on_error: true }),
      run({ mode: 'resetreplicaall' }),
      run({ mode: 'startreplica', fail_on_error: true }),
    ]);
    expect(runs.map((r) => [r.converged, r.failed])).toEqual([
      [false, false],
      [true, false],
      [false, false],
      [true, false],
      [false, true],
      [true, false],
      [true, false],
      [false, true],
    ]);
    expect(runs[1]!.said).toEqual(['mysql_replication changeprimary: primary changed']);
    expect(runs[7]!.said[0]).toMatch(/^START REPLICA failed: /);
    expect(mysql('SHOW ALL SLAVES STATUS').stdout).toBe('');
    // why-run: nothing runs.
    const whyRun = runResources([run({ mode: 'changeprimary', ...primary })], { ...process.env, A2C_WHY_RUN: '1' });
    expect(whyRun[0]!.said).toEqual(['run mysql_replication changeprimary (skipped in why-run)']);
    expect(mysql('SHOW ALL SLAVES STATUS').stdout).toBe('');
  });

  it('a registered mysql_replication keeps the whole result, masks no_log values, and stores a failure under ignore_errors', () => {
    reset();
    const script = `
      require 'json'
      %w(a2c_jinja a2c_tasks a2c_mysql_replication).each { |f| require File.join(ARGV[0], f) }
      rs = {}
      login = { login_user: 'root', login_unix_socket: ARGV[1] }
      A2C::MySQL.register_replication(rs, 'c', **login, mode: 'changeprimary', primary_host: '127.0.0.1', primary_port: 1, primary_password: 'pw-1')
      A2C::MySQL.register_replication(rs, 'r', **login, mode: 'getreplica')
      A2C::MySQL.register_replication(rs, 'f', ignore_errors: true, **login, mode: 'getreplica', connection_name: 'a2c_none')
      begin
        A2C::MySQL.register_replication(rs, 'g', **login, mode: 'startreplica', fail_on_error: true, connection_name: 'a2c_none')
      rescue RuntimeError => e
        g = e.message
      end
      reg = ->(n) { A2C::Tasks.registered(rs, n) }
      puts JSON.generate('c' => reg.('c'), 'is_replica' => A2C::Jinja.attr(reg.('r'), 'Is_Replica'),
                         'port' => A2C::Jinja.attr(reg.('r'), 'Master_Port'),
                         'is_slave_defined' => A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(reg.('r'), 'Is_Slave') }),
                         'f' => reg.('f').slice('changed', 'failed'), 'f_failed' => A2C::Tasks.result?(reg.('f'), 'failed'), 'g' => g)
    `;
    const r = spawnSync('ruby', ['-e', script, LIBDIR, socket], { encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      c: { failed: false, changed: true, queries: ["CHANGE MASTER TO MASTER_HOST='127.0.0.1',MASTER_PASSWORD='********',MASTER_PORT=1"] },
      is_replica: true,
      port: 1,
      is_slave_defined: false,
      f: { changed: false, failed: true },
      f_failed: true,
      g: expect.stringMatching(/^ansible2chef: mysql_replication failed: START REPLICA failed: /),
    });
    reset();
  });
});
