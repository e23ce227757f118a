// Binary search over a sorted array (strings by code unit, numbers by value), shared by the places that
// find a position in sorted data: line starts (offset -> line), sorted paths and names (prefix -> first match).

/** The first index whose element is not below `key` (the array's length when every element is). */
export function lowerBound<T extends string | number>(sorted: readonly T[], key: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last index whose element is not above `key` (-1 when every element is). */
export function lastAtMost(sorted: readonly number[], key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
