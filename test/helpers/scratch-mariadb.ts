// A MariaDB server of a test's own: a fresh data folder in the temp dir, reached by its Unix socket only
// (no networking), root by socket authentication. The service-API tests drive the real Ansible modules
// and the support cookbook's Ruby against it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Waits (synchronously, polling) until `probe` succeeds or `ms` pass. */
function waitFor(probe: () => boolean, ms: number, what: string): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (probe()) return;
    spawnSync('sleep', ['0.2']);
  }
  throw new Error(`${what} did not come up within ${ms} ms`);
}

export interface ScratchMariadb {
  readonly dir: string;
  readonly socket: string;
  /** Stops the server and removes its folder. */
  stop(): void;
}

/** Initialises a data folder and starts mariadbd on it (`extraArgs` get the data folder), once it answers. */
export function startScratchMariadb(prefix: string, extraArgs: (data: string) => string[] = () => []): ScratchMariadb {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const socket = join(dir, 'sock');
  const data = join(dir, 'data');
  let server: ChildProcess | undefined;
  const stop = () => {
    if (server?.pid) {
      server.kill('SIGTERM');
      const end = Date.now() + 20_000;
      while (Date.now() < end && existsSync(join(dir, 'pid'))) spawnSync('sleep', ['0.2']);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const init = spawnSync(
    'mariadb-install-db',
    ['--no-defaults', `--datadir=${data}`, '--user=root', '--auth-root-authentication-method=socket', '--skip-test-db'],
    { encoding: 'utf8' },
  );
  if (init.status !== 0) {
    stop();
    throw new Error(`mariadb-install-db failed:\n${init.stdout}${init.stderr}`);
  }
  server = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--pid-file=${join(dir, 'pid')}`,
      '--skip-networking',
      '--user=root',
      ...extraArgs(data),
      `--log-error=${join(dir, 'error.log')}`,
    ],
    { stdio: 'ignore' },
  );
  const answers = () => spawnSync('mysql', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'SELECT 1']).status === 0;
  waitFor(() => existsSync(socket) && answers(), 60_000, 'mariadbd');
  return { dir, socket, stop };
}
