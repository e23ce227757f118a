// SymbolTable.all() keeps its sorted list between calls (variables are only ever added): what it
// hands out must still be every variable, sorted, after any addition, and a caller's changes to
// the list it got must not reach the next caller.
import { describe, expect, it } from 'vitest';
import { SymbolTable } from '../../src/resolve/symbols.js';

const span = { file: 'roles/r/defaults/main.yml', line: 1, col: 1 };
const names = (t: SymbolTable) => t.all().map((s) => s.name);

describe('SymbolTable.all', () => {
  it('is every variable by name, after variables are defined, declared or read undeclared in between', () => {
    const t = new SymbolTable('ansible');
    t.define('b', { kind: 'role-default', owner: 'r', span });
    t.define('a', { kind: 'role-default', owner: 'r', span });
    expect(names(t)).toEqual(['a', 'b']);
    t.define('c', { kind: 'role-vars', owner: 'r', span });
    expect(names(t)).toEqual(['a', 'b', 'c']);
    // A second definition of a known name adds no variable, and is seen through the same record.
    t.define('a', { kind: 'role-vars', owner: 'r', span });
    expect(t.all()[0]!.definitions).toHaveLength(2);
    t.undeclared('aa', span);
    expect(names(t)).toEqual(['a', 'aa', 'b', 'c']);
  });

  it('hands each caller a list of its own', () => {
    const t = new SymbolTable('ansible');
    for (const n of ['x', 'y', 'z']) t.define(n, { kind: 'role-default', owner: 'r', span });
    const mine = t.all();
    mine.reverse();
    mine.pop();
    expect(names(t)).toEqual(['x', 'y', 'z']);
  });
});
