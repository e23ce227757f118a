// V8's optimizing compiler (TurboFan) inlines callees into each hot function up to a cumulative
// budget of bytecode (920 bytes by default). The converter is hundreds of mid-sized functions, each
// hot for a few thousand nodes: a run compiles about a thousand of them on V8's helper threads, and
// with the default budget that compiling was about a third of a run's CPU time (issue 17; 3.9 s of
// 9.3 s at 1000 roles, `bench/cpu-split.mjs`). A smaller budget compiles smaller code for about the
// same speed of the main thread, which sets the wall time. Measured, 3-4 runs each, main / other
// threads in ms: 1000 roles 5420/3890 -> 5410/3270; 1 MB of defaults 1275/1230 -> 1290/1035; 8 MB
// 6450-6900/2490 -> 6520-6600/2385. No budget (--no-turbo-inlining) cost the 8 MB case 6% on the
// main thread. Output never depends on it.
import { setFlagsFromString } from 'node:v8';

/** Set once, before the converter's code gets hot (V8 reads the flag at each optimizing compile). */
export function setInliningBudget(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');
}
