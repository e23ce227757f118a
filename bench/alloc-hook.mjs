// Preloaded into a measured Node process (node --import ./bench/alloc-hook.mjs): samples every
// allocation of the run, garbage included, and on exit writes the sampling heap profile to the file
// named by A2C_ALLOC_PROFILE (summarise it with bench/alloc-summary.mjs). `node --heap-prof` keeps
// only the samples still alive when the profile is taken, so it shows what a run holds, not the
// garbage that makes the scavenger run (issue 17); this asks V8 to keep the collected ones too.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

const out = process.env.A2C_ALLOC_PROFILE;
if (out) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.enable');
  session.post('HeapProfiler.startSampling', {
    samplingInterval: Number(process.env.A2C_ALLOC_INTERVAL ?? 32768),
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  // The inspector answers a session of the same thread synchronously, so this runs before exit.
  process.on('exit', () => {
    session.post('HeapProfiler.stopSampling', (err, r) => {
      if (err) process.stderr.write(`alloc-hook: ${err.message}\n`);
      else writeFileSync(out, JSON.stringify(r.profile));
    });
  });
}
