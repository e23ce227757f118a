// A value computed on its first use and kept: for what a translation asks only sometimes (a
// template's bound names, asked only by a macro) but would otherwise compute for every input.

/** `make()` on the first call, the same value on every later one. */
export function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}
