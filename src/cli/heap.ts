// A full garbage collection for convert's release points (ConvertOptions.collectGarbage).
// V8 sizes its heap on what the last full collection found live: a convert of a large vars file
// makes most of its structures early, and without a collection where they become garbage the heap
// is sized on them and grows to about twice its live peak (issue 17). Node gives a program no
// collection call but through this flag, set here once, on first use.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * A heap this small costs little memory to leave uncollected (V8's own minimum heap is of its order),
 * while each full collection costs a fixed 40-60 ms of CPU: a small convert skips them (issue 17). A
 * 1 MB vars file already holds 40 MB or more at every release point, so large inputs are collected.
 */
export const COLLECT_ABOVE_BYTES = 32 * 1024 * 1024;

/** collectGarbage when the heap in use holds at least `above` bytes; true when it collected. */
export function collectGarbageAbove(above: number = COLLECT_ABOVE_BYTES): boolean {
  if (getHeapStatistics().used_heap_size < above) return false;
  collectGarbage();
  return true;
}
