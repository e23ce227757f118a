// orderAttributes is indexed by attribute path (issue 17: the units x units comparison took most of
// a conversion with a large defaults file). The order must be exactly the one the plain definition
// gives: the smallest ready unit first, source order on a cycle. The reference below is that
// definition written directly, quadratic on purpose.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attribute } from '../../src/ir/chef-ir.js';
import type { RExpr } from '../../src/ir/ruby-ast.js';
import { orderAttributes, readPaths } from '../../src/translate/references.js';

const read = (path: string[]): RExpr => ({
  k: 'call',
  recv: { k: 'const', path: ['A2C', 'Jinja'] },
  name: 'var',
  args: [{ k: 'call', name: 'node', args: [] }, ...path.map((v) => ({ k: 'str' as const, v }))],
});
const origin = { file: 'defaults/main.yml', line: 1, col: 1 } as unknown as Attribute['origin'];

function reference(attrs: Attribute[]): Attribute[] {
  const key = (p: string[]) => p.join('\0');
  // A unit: one unconditioned attribute, or within a run of one `case`, every branch of one path.
  const units: Array<{ members: Attribute[]; on?: string; path?: string; writes: Set<string>; reads: Set<string> }> = [];
  let runStart = 0;
  for (const a of attrs) {
    const on = a.when ? JSON.stringify(a.when.on) : undefined;
    const path = a.todo ? undefined : key(a.path);
    if (on === undefined || units[units.length - 1]?.on !== on) runStart = units.length;
    let unit = on === undefined || path === undefined ? undefined : units.slice(runStart).find((u) => u.path === path);
    if (!unit)
      units.push(
        (unit = {
          members: [],
          ...(on !== undefined ? { on } : {}),
          ...(on !== undefined && path !== undefined ? { path } : {}),
          writes: new Set(),
          reads: new Set(),
        }),
      );
    unit.members.push(a);
    if (!a.todo) unit.writes.add(key(a.path));
    for (const r of [...readPaths(a.value), ...(a.when ? readPaths(a.when.on) : [])]) unit.reads.add(key(r));
  }
  const before = units.map((u, j) =>
    units.flatMap((v, i) =>
      i !== j && ([...u.reads].some((r) => v.writes.has(r)) || (i < j && [...u.writes].some((w) => v.writes.has(w)))) ? [i] : [],
    ),
  );
  const done = new Set<number>();
  const out: Attribute[] = [];
  while (done.size < units.length) {
    const ready = units.findIndex((_, j) => !done.has(j) && before[j]!.every((i) => done.has(i)));
    const next = ready >= 0 ? ready : units.findIndex((_, j) => !done.has(j));
    done.add(next);
    out.push(...units[next]!.members);
  }
  return out;
}

const names = ['a', 'b', 'c', 'd', 'e', 'f'];
const attr = fc
  .record({
    path: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 2 }),
    reads: fc.array(fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 2 }), { maxLength: 3 }),
    on: fc.option(fc.constantFrom('debian', 'redhat'), { nil: undefined }),
    todo: fc.boolean(),
  })
  .map(
    ({ path, reads, on, todo }): Attribute => ({
      precedence: 'default',
      path,
      value: { k: 'array', items: reads.map(read) },
      origin,
      ...(on ? { when: { on: read(['os']), value: on } } : {}),
      ...(todo ? { todo: { code: 'A2C-TODO-JINJA', reason: 'x', original: 'x' } } : {}),
    }),
  );

describe('orderAttributes', () => {
  it('gives the order of the plain definition, cycles and repeated writes included', () => {
    fc.assert(
      fc.property(fc.array(attr, { maxLength: 40 }), (attrs) => {
        expect(orderAttributes(attrs)).toEqual(reference(attrs));
      }),
      { numRuns: 500 },
    );
  });

  it('orders 40,000 attributes in well under a second', () => {
    const attrs: Attribute[] = [];
    for (let i = 0; i < 40000; i++)
      attrs.push({ precedence: 'default', path: [`v${i}`], value: i % 4 ? { k: 'int', v: i } : read([`v${i + 1}`]), origin });
    const t0 = performance.now();
    const out = orderAttributes(attrs);
    // Generous for a loaded machine: the quadratic version took minutes at this size.
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(out.indexOf(attrs[1]!)).toBeLessThan(out.indexOf(attrs[0]!));
  });
});
