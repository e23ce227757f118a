// Where the generated Ruby is syntax-checked: in this thread (checkRuby), or in one worker thread
// (ruby-check-worker.ts) so the check runs on the second core while this thread goes on printing
// (issue 17). The answers are the same either way; the caller awaits them in its own order, so
// nothing of the output depends on which finished first.
import { Worker } from 'node:worker_threads';
// Through the printer's entry, as convert.ts took them before: a test that watches which files are
// checked (test/workspace/ruby-check-reuse.test.ts) replaces them there.
import { checkRuby, checkRubyStatements, type RubyCheckResult, startRubyCheck } from './index.js';

export interface CheckRequest {
  id: number;
  path: string;
  source: string;
  /** The file is a printed attributes file: checked a piece at a time (checkRubyStatements). */
  statements: boolean;
}

export type CheckReply = { id: number; result: RubyCheckResult } | { id: number; error: string };

export interface RubyChecker {
  /** Whether checks run in another thread: worth handing them over as soon as a file is printed. */
  readonly inWorker: boolean;
  check(source: string, path: string, statements: boolean): Promise<RubyCheckResult>;
  /** Ends the checker's thread, if it has one; pending checks fail. */
  close(): Promise<void>;
}

/** The check in this thread, as the convert always did it. */
export function inThreadChecker(): RubyChecker {
  startRubyCheck();
  return {
    inWorker: false,
    check: (source, path, statements) => (statements ? checkRubyStatements : checkRuby)(source, path),
    close: async () => undefined,
  };
}

/**
 * The worker's script. From this module's place in dist/ (print/) and from the bundle's (cli/), both
 * one folder deep, `../print/` names the same file (scripts/bundle-cli.ts keeps such modules at that depth).
 */
export const RUBY_CHECK_WORKER = new URL('../print/ruby-check-worker.js', import.meta.url);

/**
 * The check in a worker thread started now. A worker that fails (an exception, an exit, a message it
 * cannot answer) fails every pending and later check with an error that says so: never a hang, never
 * a file taken as checked.
 */
export function workerChecker(script: URL = RUBY_CHECK_WORKER): RubyChecker {
  const worker = new Worker(script);
  const pending = new Map<number, { resolve: (r: RubyCheckResult) => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;
  let next = 0;
  const fail = (why: string) => {
    failure ??= new Error(`the Ruby syntax check's worker thread failed: ${why}`);
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
    worker.unref();
  };
  worker.on('message', (m: CheckReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (!pending.size) worker.unref();
    if ('error' in m) p.reject(new Error(`the Ruby syntax check failed: ${m.error}`));
    else p.resolve(m.result);
  });
  worker.on('error', (e) => fail(e.message));
  worker.on('messageerror', (e) => fail(e.message));
  worker.on('exit', (code) => fail(`it exited (code ${code}) before answering`));
  // An idle worker does not keep the process alive (a caller that never closes it still exits); one
  // with checks pending does, or the process could end while its caller awaits an answer.
  worker.unref();
  return {
    inWorker: true,
    check(source, path, statements) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise<RubyCheckResult>((resolve, reject) => {
        if (!pending.size) worker.ref();
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, path, source, statements } satisfies CheckRequest);
      });
    },
    async close() {
      failure ??= new Error("the Ruby syntax check's worker thread was closed");
      await worker.terminate();
    },
  };
}
