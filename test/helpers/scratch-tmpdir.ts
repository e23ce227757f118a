// Vitest global setup: every test run gets one scratch directory as its TMPDIR (os.tmpdir(), and Python,
// Ruby and Ansible started by the tests read the same variable), removed when the run ends. Tests that
// forget to clean up, or are killed by a timeout before their afterAll, then leave nothing behind on the
// machine: before this, a day of test runs left thousands of a2c-* directories in /tmp.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'a2c-test-run-'));
  // Servers the tests start drop to their own users (rabbitmq, mysql) and must reach their directories
  // below this one: mkdtemp's 0700 would stop them at the door.
  chmodSync(dir, 0o755);
  process.env.TMPDIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
