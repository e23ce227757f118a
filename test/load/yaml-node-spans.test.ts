// Issue 17: a composed node keeps its position as numbers and makes its span when asked; a copy
// (copyNode) carries the span over. Every position must read back as the line and column a span
// object held before, including those too large to pack (long lines, very long files).
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { copyNode, parseYaml, type YMap, type YNode, type YScalar } from '../../src/load/ansible/yaml.js';

function rootMap(text: string): YMap {
  const r = parseYaml(text, 'roles/r/defaults/main.yml', new DiagnosticSink())[0]?.root;
  if (r?.kind !== 'map') throw new Error('expected a mapping');
  return r;
}

/** Line and column of the first `needle` in `text`, counted as the YAML layer counts them. */
function where(text: string, needle: string): { line: number; col: number } {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

describe('composed nodes', () => {
  it('give every node its span: file, line and column', () => {
    const text = 'a: 1\nlist:\n  - x\n  - {k: v}\n';
    const m = rootMap(text);
    expect(m.span).toEqual({ file: 'roles/r/defaults/main.yml', line: 1, col: 1 });
    const list = m.entries[1]!;
    expect(list.key.span).toEqual({ file: 'roles/r/defaults/main.yml', ...where(text, 'list') });
    const [x, flow] = (list.value as { items: YNode[] }).items;
    expect(x!.span).toEqual({ file: 'roles/r/defaults/main.yml', ...where(text, 'x') });
    expect(flow!.span).toEqual({ file: 'roles/r/defaults/main.yml', ...where(text, '{k') });
  });

  it('keep positions past the packed range: a column beyond 4095, a line beyond 2^19', () => {
    const wide = `k: ${'x'.repeat(5000)} ${'y'}\nfar: [a, ${' '.repeat(4200)}b]\n`;
    const m = rootMap(wide);
    const far = m.entries[1]!.value as { items: YNode[] };
    expect(far.items[1]!.span).toEqual({ file: 'roles/r/defaults/main.yml', ...where(wide, 'b]') });
    expect(far.items[1]!.span.col).toBeGreaterThan(4095);
    const tall = `${'\n'.repeat(600_000)}key: value\n`;
    const t = rootMap(tall);
    expect(t.entries[0]!.value.span).toEqual({ file: 'roles/r/defaults/main.yml', line: 600_001, col: 6 });
  });

  it('are copied with their span by copyNode, and the copy is a plain object', () => {
    const m = rootMap('a: b\n');
    const v = m.entries[0]!.value as YScalar;
    const copy = copyNode(v, { value: 'c' });
    expect(copy.span).toEqual(v.span);
    expect(copy.value).toBe('c');
    expect(v.value).toBe('b');
    expect(Object.keys(copy).sort()).toEqual(['kind', 'span', 'style', 'type', 'value']);
    // A spread would have lost the span: it is not an own field of a composed node.
    expect({ ...v }.span).toBeUndefined();
  });

  it('read back the type and style they were composed with (packed in one field), each settable alone', () => {
    const m = rootMap("p: 1.5\ns: 'x'\nd: \"y\"\nl: |\n  z\nf: >\n  w\nt: 2001-12-14\nn: ~\nb: yes\ni: !!int '7'\n");
    const read = m.entries.map((e) => [(e.value as YScalar).type, (e.value as YScalar).style]);
    expect(read).toEqual([
      ['float', 'plain'],
      ['str', 'single'],
      ['str', 'double'],
      ['str', 'literal'],
      ['str', 'folded'],
      ['timestamp', 'plain'],
      ['null', 'plain'],
      ['bool', 'plain'],
      ['int', 'single'],
    ]);
    const v = m.entries[1]!.value as YScalar;
    v.type = 'vault';
    expect([v.type, v.style]).toEqual(['vault', 'single']);
    v.style = 'folded';
    expect([v.type, v.style]).toEqual(['vault', 'folded']);
    expect(copyNode(m, {}).kind).toBe('map');
    expect(copyNode(m.entries[1]!.key, {})).toMatchObject({ kind: 'scalar', type: 'str', style: 'plain', value: 's' });
  });

  it('keep the span of an !unsafe collection copy', () => {
    const text = 'x: !unsafe\n  - "{{ a }}"\n';
    const m = rootMap(text);
    const item = (m.entries[0]!.value as { items: YScalar[] }).items[0]!;
    expect(item.unsafe).toBe(true);
    expect(item.span).toEqual({ file: 'roles/r/defaults/main.yml', ...where(text, '"{{') });
  });
});
