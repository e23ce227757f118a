// Preloaded into a Node process (node --import bench/cpu-split.mjs ...): on exit, prints to stderr the
// CPU time of the main thread and of every other thread (V8's optimizing compiler and GC helpers, the
// libuv pool). Process CPU time alone cannot tell a fixed cost from work: on a 1 MB defaults convert
// about half of it is V8 compiling hot functions on its helper threads, a cost paid once per process
// that no profile of the main thread shows (issue 17). Linux only (/proc); elsewhere it prints nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** User + system CPU ms of one thread, from /proc/self/task/<tid>/stat (fields 14 and 15, in clock ticks). */
function threadCpu(tid) {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  // The thread's name (field 2) may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Linux reports 100 ticks per second on every platform Node runs on.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

if (existsSync('/proc/self/task')) {
  process.on('exit', () => {
    let main = 0;
    let helpers = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      if (tid === String(process.pid)) main += threadCpu(tid);
      else helpers += threadCpu(tid);
    }
    process.stderr.write(`cpu-split: main thread ${main} ms, other threads ${helpers} ms\n`);
  });
}
