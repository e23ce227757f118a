// The Ruby syntax check on the second core (issue 17): a worker thread that answers check requests
// with Prism (prism.ts) while the main thread prints the next cookbooks and builds the report. It
// holds no state of the conversion: a request is a file's text, an answer its check's result.
import { parentPort } from 'node:worker_threads';
import { checkRuby, checkRubyStatements, startRubyCheck } from './prism.js';
import type { CheckReply, CheckRequest } from './ruby-check-pool.js';

const port = parentPort;
if (!port) throw new Error('ruby-check-worker: not started as a worker thread');
// Prism runs on Node's WASI, whose first use warns that it is experimental (cli/main.ts quiets it in
// the main thread; a worker's warnings are its own).
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name === 'ExperimentalWarning' && /WASI/.test(w.message)) return;
  process.stderr.write(`${w.name}: ${w.message}\n`);
});
// Prism's WebAssembly compiles while the main thread loads and translates.
startRubyCheck();
port.on('message', (m: CheckRequest) => {
  (m.statements ? checkRubyStatements : checkRuby)(m.source, m.path).then(
    (result) => port.postMessage({ id: m.id, result } satisfies CheckReply),
    // A check that throws (Prism failed to load) fails the run with its message, in the main thread.
    (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies CheckReply),
  );
});
