// V8 settings for one command-line run, made before the converter's modules load. A run lasts
// seconds, so the optimizing compiler's work is paid in the run and seldom repaid: about a third of
// a 1000-role convert's CPU was V8 compiling on its helper threads (issue 17). TurboFan inlining
// callees makes each optimized compile larger; and by default V8 optimizes a function after a
// small budget of work, so many functions that run briefly are compiled for nothing. Without
// inlining and with four times the budget (functions that stay hot are still optimized, later),
// a 1000-role convert takes about 15% less CPU, and an 8 MB defaults file about the same, within
// run-to-run noise (README, issue 17's fixes: interleaved pairs). Only the command line sets them:
// the library leaves its host's V8 as it finds it. Output never depends on them.
// V8 takes a code cache only under the flags that made it: the build makes the converter bundle's
// cache under these (scripts/bundle-cli.ts); a cache made without them was refused on every run.
import { setFlagsFromString } from 'node:v8';

/** Four times V8's default interrupt budget (67584 in Node 20's V8). */
export const INTERRUPT_BUDGET = 4 * 67584;

export function tuneCompiler(): void {
  setFlagsFromString('--no-turbo-inlining');
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
