import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { collectGarbage } from '../../src/cli/heap.js';
import { parseYaml, type YDoc } from '../../src/load/ansible/yaml.js';
import { getHeapStatistics } from 'node:v8';

/** A document of a few long values, padded with comments to `bytes`: the tree needs none of the padding. */
function paddedSource(bytes: number): string {
  const head = [
    'plain: this plain value is longer than any short text the composer shares',
    'quoted: "a double-quoted value, also longer than the shared short texts"',
    'folded: >',
    '  a folded value whose lines',
    '  join into one long string',
    'secret: !vault |',
    '  $ANSIBLE_VAULT;1.1;AES256',
    '  6162636465666768696a6b6c6d6e6f707172737475767778797a',
    '',
  ].join('\n');
  const pad = `# ${'x'.repeat(998)}\n`;
  return head + pad.repeat(Math.ceil(bytes / pad.length));
}

function compose(bytes: number): YDoc[] {
  const sink = new DiagnosticSink();
  const docs = parseYaml(paddedSource(bytes), 'big.yml', sink, { maxLength: 2 * bytes });
  expect(sink.items).toEqual([]);
  return docs;
}

describe('a composed tree and its source', () => {
  it('holds no view of the source text: the source is freed while the tree lives (issue 17)', () => {
    const bytes = 32 * 1024 * 1024;
    collectGarbage();
    const before = getHeapStatistics().used_heap_size;
    const docs = compose(bytes);
    collectGarbage();
    const kept = getHeapStatistics().used_heap_size - before;
    const root = docs[0]?.root;
    expect(root?.kind).toBe('map');
    // The values read as written, from strings of their own.
    const values = root?.kind === 'map' ? root.entries.map((e) => (e.value.kind === 'scalar' ? e.value.value : undefined)) : [];
    expect(values.slice(0, 3)).toEqual([
      'this plain value is longer than any short text the composer shares',
      'a double-quoted value, also longer than the shared short texts',
      'a folded value whose lines join into one long string\n',
    ]);
    // A tree of four entries is a few kilobytes; a substring of the source would keep all 32 MB.
    expect(kept).toBeLessThan(bytes / 4);
  });
});
