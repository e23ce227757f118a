// Ruby in a child process without blocking this one: tests whose HTTP server lives in the test
// process (support-uri, support-get-url) must keep its event loop turning while Ruby calls it.
import { spawn } from 'node:child_process';

export function rubyRun(script: string, input: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const p = spawn('ruby', ['-e', script]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => ok({ status, stdout, stderr }));
    p.stdin.end(input);
  });
}
