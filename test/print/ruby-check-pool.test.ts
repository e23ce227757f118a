// The Ruby syntax check in a worker thread (print/ruby-check-pool.ts, issue 17): the worker gives the
// answers the check in this thread gives, and a worker that fails makes every check fail with an
// error that says so, promptly (never a hang, never a file taken as checked). The worker runs from a
// private build of the CLI (the thread loads compiled JavaScript, not this checkout's TypeScript).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRuby, checkRubyStatements } from '../../src/print/prism.js';
import { workerChecker } from '../../src/print/ruby-check-pool.js';
import { buildCli } from '../helpers/golden.js';

let cli: ReturnType<typeof buildCli> | undefined;
const built = () => (cli ??= buildCli());
const tmp = mkdtempSync(join(tmpdir(), 'a2c-check-pool-'));
afterAll(() => {
  cli?.cleanup();
  rmSync(tmp, { recursive: true, force: true });
});

/** The built worker script, beside the build's print/ modules. */
const builtWorker = () => pathToFileURL(join(dirname(dirname(built().main)), 'print', 'ruby-check-worker.js'));

/** A stand-in worker script that misbehaves as `body` says. */
function fakeWorker(name: string, body: string): URL {
  const file = join(tmp, `${name}.mjs`);
  writeFileSync(file, body);
  return pathToFileURL(file);
}

describe('Ruby check in a worker thread', () => {
  it('answers as the check in this thread does, in any order of completion', { timeout: 240_000 }, async () => {
    const sources: Array<[string, string, boolean]> = [
      ["package 'ntp'\n", 'a.rb', false],
      ["package 'ntp' do\n  action :install\n", 'unclosed.rb', false],
      ['x = [1, 2\n', 'bracket.rb', false],
      // An attributes file of more than one piece (checkRubyStatements), one piece broken.
      [`${"default['a']['b'] = 'x'\n\n".repeat(20_000)}default['c'] = (\n`, 'attributes/default.rb', true],
      [`${"default['a']['b'] = 'x'\n\n".repeat(20_000)}`, 'attributes/ok.rb', true],
    ];
    const checker = workerChecker(builtWorker());
    try {
      const answers = await Promise.all(sources.map(([src, path, st]) => checker.check(src, path, st)));
      const expected = await Promise.all(sources.map(([src, path, st]) => (st ? checkRubyStatements : checkRuby)(src, path)));
      expect(answers).toEqual(expected);
      // Both outcomes are exercised: the comparison is not of two empty answers.
      expect(answers.map((a) => a.ok)).toEqual([true, false, false, false, true]);
    } finally {
      await checker.close();
    }
  });

  it('a worker that throws on start fails each check with its message', { timeout: 60_000 }, async () => {
    const checker = workerChecker(fakeWorker('throws', "throw new Error('prism is gone');\n"));
    try {
      await expect(checker.check("package 'x'\n", 'a.rb', false)).rejects.toThrow(/worker thread failed: prism is gone/);
      // Later checks fail the same way, at once.
      await expect(checker.check("package 'y'\n", 'b.rb', false)).rejects.toThrow(/worker thread failed/);
    } finally {
      await checker.close();
    }
  });

  it('a worker that exits while checks wait fails them instead of hanging', { timeout: 60_000 }, async () => {
    const body = "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n";
    const checker = workerChecker(fakeWorker('exits', body));
    try {
      const pending = [checker.check("package 'x'\n", 'a.rb', false), checker.check("package 'y'\n", 'b.rb', false)];
      for (const p of pending) await expect(p).rejects.toThrow(/exited \(code 3\) before answering/);
    } finally {
      await checker.close();
    }
  });

  it('a check the worker cannot make fails with the reason', { timeout: 60_000 }, async () => {
    const body =
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => parentPort.postMessage({ id: m.id, error: 'no memory' }));\n";
    const checker = workerChecker(fakeWorker('refuses', body));
    try {
      await expect(checker.check("package 'x'\n", 'a.rb', false)).rejects.toThrow(/the Ruby syntax check failed: no memory/);
    } finally {
      await checker.close();
    }
  });
});
