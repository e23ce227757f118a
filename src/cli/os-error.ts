// An error the operating system reported (ENOENT, EACCES, EROFS, ENOSPC, ENOTDIR, ...) is the
// user's environment, not a bug in the tool: it is shown as one line naming the path and the OS's
// reason, never as a stack trace.
import { display } from './settings.js';

export interface OsError extends Error {
  code: string;
  syscall?: string;
  path?: string;
}

export function isOsError(e: unknown): e is OsError {
  return (
    e instanceof Error &&
    typeof (e as OsError).code === 'string' &&
    /^E[A-Z0-9]+$/.test((e as OsError).code) &&
    typeof (e as OsError).syscall === 'string'
  );
}

/** "no space left on device (ENOSPC)": the OS's words without Node's "CODE: ..., syscall 'path'" frame. */
export function osReason(e: unknown): string {
  if (!isOsError(e)) return e instanceof Error ? e.message : String(e);
  const words = /^E[A-Z0-9]+: ([^,]+)/.exec(e.message)?.[1] ?? e.message;
  return `${words} (${e.code})`;
}

const VERBS: Record<string, string> = {
  mkdir: 'cannot create directory',
  open: 'cannot open',
  write: 'cannot write',
  rename: 'cannot write',
  copyfile: 'cannot write',
  read: 'cannot read',
  scandir: 'cannot read directory',
  stat: 'cannot read',
  lstat: 'cannot read',
  realpath: 'cannot read',
  unlink: 'cannot remove',
  rmdir: 'cannot remove',
};

/** The one line printed for an OS error: `ansible2chef: error: cannot write out/x.rb: no space left on device (ENOSPC)`. */
export function osErrorLine(e: OsError, cwd = process.cwd()): string {
  const verb = VERBS[e.syscall ?? ''] ?? e.syscall ?? 'cannot access';
  return `ansible2chef: error: ${verb}${e.path ? ` ${display(cwd, e.path)}` : ''}: ${osReason(e)}`;
}
