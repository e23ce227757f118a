// A full garbage collection for convert's release points (ConvertOptions.collectGarbage).
// V8 sizes its heap on what the last full collection found live: a convert of a large vars file
// makes most of its structures early, and without a collection where they become garbage the heap
// is sized on them and grows to about twice its live peak (issue 17). Node gives a program no
// collection call but through this flag, set here once, on first use.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
