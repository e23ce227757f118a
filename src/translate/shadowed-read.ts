// A variable read as an attribute whose value (directly or through other attributes) reads a name
// the reading task binds itself (task, block or include vars, a loop variable): the attribute file
// computed it from the other definition of that name, while Ansible templates it at the read and
// sees the task's binding. Such a read has no faithful translation as an attribute.
import type { VarScope } from './jinja-bridge.js';
import type { VarSymbol } from '../resolve/symbols.js';
import { valueNames } from './deferred.js';

/** The chain from `sym` to the first name bound at the read, or undefined when it reads none. */
export function shadowedThrough(sym: VarSymbol, scope: VarScope): string[] | undefined {
  // Where the task and its loops bind nothing (every attribute file, most reads) nothing can be
  // shadowed: the walk over the whole chain of definitions behind each read is skipped.
  if (!scope.vars?.size && scope.locals.size === 0) return undefined;
  const bound = (n: string) => scope.vars?.has(n) === true || scope.locals.has(n);
  const seen = new Set<string>([sym.name]);
  const walk = (s: VarSymbol, path: string[]): string[] | undefined => {
    for (const d of s.definitions) {
      if (!d.value) continue;
      for (const n of valueNames(d.value)) {
        if (seen.has(n)) continue;
        seen.add(n);
        if (bound(n)) return [...path, n];
        const next = scope.symbols.get(n);
        const found = next ? walk(next, [...path, n]) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(sym, [sym.name]);
}
