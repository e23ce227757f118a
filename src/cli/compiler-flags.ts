// V8 settings for one command-line run, made before the converter's modules load. A run lasts
// seconds: the optimizing compiler's work is paid in the run and never repaid later. About a third
// of a 1000-role convert's CPU was V8 compiling on its helper threads (issue 17); TurboFan inlining
// callees into each optimized function makes each of those compiles larger, while the code it
// makes runs too briefly to pay it back. Measured in interleaved pairs (README, "Last run"), without
// inlining a 1000-role convert and an 8 MB defaults file take less CPU. Only the command line sets
// it: the library leaves its host's V8 as it finds it. Output never depends on it.
import { setFlagsFromString } from 'node:v8';

export function tuneCompiler(): void {
  setFlagsFromString('--no-turbo-inlining');
}
