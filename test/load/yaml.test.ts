import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../src/base/diagnostics.js';
import { VaultValue, parseYaml, toPlain, type YMap, type YNode, type YScalar } from '../../src/load/ansible/yaml.js';
import { mapGet } from '../../src/load/ansible/yaccess.js';

function load(text: string, opts = {}) {
  const sink = new DiagnosticSink();
  const docs = parseYaml(text, 'f.yml', sink, opts);
  return { sink, docs, value: docs[0] ? toPlain(docs[0].root) : undefined };
}

function root(text: string): YMap {
  const r = load(text).docs[0]?.root;
  if (r?.kind !== 'map') throw new Error('expected a mapping');
  return r;
}

function get(map: YMap, key: string): YNode {
  const n = mapGet(map, key);
  if (!n) throw new Error(`no key ${key}`);
  return n;
}

describe('YAML 1.1 scalar resolution (as PyYAML)', () => {
  it('keeps y/n as strings but reads yes/no/on/off as booleans', () => {
    expect(load('[y, n, Y, N, yes, No, on, OFF, true, False]').value).toEqual(['y', 'n', 'Y', 'N', true, false, true, false, true, false]);
  });

  it('reads a leading-zero number as octal and 0o17 as a string', () => {
    expect(load('mode: 0644\nother: 0o17\nnot_octal: 08\n').value).toEqual({ mode: 420, other: '0o17', not_octal: '08' });
    const mode = get(root('mode: 0644\n'), 'mode') as YScalar;
    expect(mode.type).toBe('int');
  });

  it('reads decimal integers exactly on both sides of the 15-digit fast path, and -0 as 0', () => {
    const ints = load('[7, -5, 123456789012345, -999999999999999, 1234567890123456, +12, -0, 9007199254740993]');
    // PyYAML's values; the last is beyond a double's exact range and comes with a warning.
    expect(ints.value).toEqual([7, -5, 123456789012345, -999999999999999, 1234567890123456, 12, 0, 9007199254740992]);
    expect(Object.is((ints.value as number[])[6], 0)).toBe(true);
    expect(ints.sink.items.map((d) => d.message)).toEqual(['integer 9007199254740993 is too large to keep exactly']);
    for (const n of root('a: -5\nb: 123456789012345\n').entries.map((e) => e.value) as YScalar[]) expect(n.type).toBe('int');
  });

  it('reads sexagesimal, hex, binary, floats and nulls', () => {
    expect(load('[1:20, 0x1F, 0b101, 1_000, 1.5, 1.0e+5, 1e5, .inf, ~, null, ""]').value).toEqual([
      80,
      31,
      5,
      1000,
      1.5,
      100000,
      '1e5',
      Infinity,
      null,
      null,
      '',
    ]);
    const f = load('1.0').docs[0]?.root as YScalar;
    expect([f.value, f.type]).toEqual([1, 'float']);
  });

  it('gives timestamps as the string Ansible templates', () => {
    expect(load('[2001-12-14, 2001-12-14 21:59:43.10 -5, 2001-12-14T21:59:43Z]').value).toEqual([
      '2001-12-14',
      '2001-12-14 21:59:43.100000-05:00',
      '2001-12-14 21:59:43+00:00',
    ]);
  });

  it('honours explicit core tags', () => {
    expect(load("[!!str 12, !!int '0644', !!float 1, !!bool 'yes', ! 12]").value).toEqual(['12', 420, 1, true, 12]);
  });
});

describe('mappings', () => {
  it('keeps the last of duplicate keys and warns at the duplicate', () => {
    const { value, sink } = load('a: 1\nb: 2\na: 3\n');
    expect(value).toEqual({ a: 3, b: 2 });
    expect(Object.keys(value as object)).toEqual(['a', 'b']);
    expect(sink.items).toEqual([
      expect.objectContaining({ code: 'A2C-YAML-DUPKEY', severity: 'warning', span: { file: 'f.yml', line: 3, col: 1 } }),
    ]);
  });

  it('names a duplicate key by its source text (0644, not 420; the quotes and the block indicator kept)', () => {
    const message = (text: string) => load(text).sink.items.find((d) => d.code === 'A2C-YAML-DUPKEY')?.message;
    expect(message('0644: a\n0644: b\n')).toBe("duplicate key '0644': the last value is used");
    expect(message('"80": a\n"80": b\n')).toBe(`duplicate key '"80"': the last value is used`);
    expect(message('? |\n  k\n: a\n? |\n  k\n: b\n')).toBe("duplicate key '|\n  k\n': the last value is used");
    // An alias of an anchored key is the same node: shown as written at the anchor.
    expect(message('&x 0o17: a\n*x : b\n')).toBe("duplicate key '0o17': the last value is used");
    // A key a `<<` merges in (from an alias, inline, or a list of mappings) is shown as written in its own mapping.
    expect(message('base: &b {"k": 1}\nout:\n  <<: *b\n  "k": 2\n')).toBe(`duplicate key '"k"': the last value is used`);
    expect(message('out:\n  <<: {"k": 1}\n  "k": 2\n')).toBe(`duplicate key '"k"': the last value is used`);
    expect(message('out:\n  <<: [{"k": 1}, {\'k\': 2}]\n')).toBe("duplicate key ''k'': the last value is used");
  });

  it('mapGet reads the last of the keys that name alike (1 and "1" stay two keys in the tree)', () => {
    const m = root('1: int\n"1": str\n');
    expect(m.entries).toHaveLength(2);
    expect((mapGet(m, '1') as YScalar).value).toBe('str');
    expect((mapGet(root('"1": str\n1: int\n'), '1') as YScalar).value).toBe('int');
  });

  it('treats 1, 1.0 and true as one key, as a Python dict does', () => {
    const { value, sink } = load('{1: a, true: b, 1.0: c}');
    expect(value).toEqual({ 1: 'c' });
    expect(sink.items.filter((d) => d.code === 'A2C-YAML-DUPKEY')).toHaveLength(2);
  });

  it('merges << maps with earlier sources winning over later ones and own keys winning', () => {
    const text = 'base: &b {x: 1, y: 2}\nmore: &m {y: 3, z: 4}\nout:\n  <<: [*b, *m]\n  w: 5\n';
    expect((load(text).value as Record<string, unknown>)['out']).toEqual({ x: 1, y: 2, z: 4, w: 5 });
  });

  it('converts non-string keys with String()', () => {
    expect(load('{1: a, false: b, null: c, 0x10: d}').value).toEqual({ '1': 'a', false: 'b', null: 'c', '16': 'd' });
  });

  it('rejects a sequence as a key', () => {
    expect(load('? [a]\n: 1\n').sink.items[0]?.code).toBe('A2C-YAML-KEY');
  });
});

describe('positions', () => {
  it('gives 1-based line and column of nested nodes', () => {
    const text = 'top:\n  list:\n    - name: web\n      port: "80"\n    - |\n      text\n';
    const list = get(get(root(text), 'top') as YMap, 'list');
    expect(list.kind).toBe('seq');
    if (list.kind !== 'seq') return;
    expect(list.span).toEqual({ file: 'f.yml', line: 3, col: 5 });
    const first = list.items[0] as YMap;
    expect(first.span).toEqual({ file: 'f.yml', line: 3, col: 7 });
    const port = get(first, 'port') as YScalar;
    expect(port.span).toEqual({ file: 'f.yml', line: 4, col: 13 });
    expect([port.style, port.value]).toEqual(['double', '80']);
    const block = list.items[1] as YScalar;
    expect(block.span).toEqual({ file: 'f.yml', line: 5, col: 7 });
    expect([block.style, block.value]).toEqual(['literal', 'text\n']);
  });

  it('places a tagged node at its tag, as Ansible does', () => {
    const v = get(root('a: 1\nsecret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n'), 'secret') as YScalar;
    expect(v.span).toEqual({ file: 'f.yml', line: 2, col: 9 });
    expect(v.tag).toBe('!vault');
  });
});

describe("Ansible's tags", () => {
  it('keeps !vault ciphertext as a VaultValue, never decrypted', () => {
    const { value } = load('pw: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n');
    const pw = (value as Record<string, unknown>)['pw'];
    expect(pw).toBeInstanceOf(VaultValue);
    expect((pw as VaultValue).ciphertext).toBe('$ANSIBLE_VAULT;1.1;AES256\n6162\n');
  });

  it('marks !unsafe strings, also inside an !unsafe collection', () => {
    const r = root("a: !unsafe '{{ x }}'\nb: !unsafe [1, '{{ y }}']\nc: '{{ z }}'\n");
    const a = get(r, 'a') as YScalar;
    expect([a.value, a.unsafe]).toEqual(['{{ x }}', true]);
    const b = get(r, 'b');
    if (b.kind !== 'seq') throw new Error('seq expected');
    expect(b.items.map((i) => [(i as YScalar).value, (i as YScalar).unsafe])).toEqual([
      [1, undefined],
      ['{{ y }}', true],
    ]);
    expect((get(r, 'c') as YScalar).unsafe).toBeUndefined();
  });

  it('reports unknown tags as errors', () => {
    const { sink, value } = load('a: !custom 1\n');
    expect(value).toEqual({ a: '1' });
    expect(sink.items[0]).toMatchObject({ code: 'A2C-YAML-TAG', severity: 'error', span: { line: 1, col: 4 } });
  });
});

describe('hostile and malformed input', () => {
  it('rejects an alias bomb quickly with a diagnostic', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const { sink } = load(levels.join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sink.items).toEqual([expect.objectContaining({ code: 'A2C-YAML-LIMIT', severity: 'error' })]);
  });

  it('limits the number of aliases', () => {
    const text = 'a: &a 1\nb: [' + Array(20).fill('*a').join(', ') + ']\n';
    expect(load(text, { maxAliases: 10 }).sink.items[0]?.code).toBe('A2C-YAML-LIMIT');
    expect(load(text).sink.items).toEqual([]);
  });

  it('limits nesting depth, also when reached through aliases', () => {
    expect(load('['.repeat(50) + ']'.repeat(50), { maxDepth: 20 }).sink.items[0]?.code).toBe('A2C-YAML-LIMIT');
    const chained = ['a0: &a0 [1]', ...Array.from({ length: 30 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}]`)].join('\n');
    expect(load(chained + '\n', { maxDepth: 20 }).sink.items[0]?.code).toBe('A2C-YAML-LIMIT');
  });

  it('rejects undefined aliases', () => {
    expect(load('a: *nope\n').sink.items[0]).toMatchObject({ code: 'A2C-YAML-ALIAS', span: { line: 1, col: 4 } });
  });

  it('reports a syntax error with its position', () => {
    const { sink, docs } = load('a: b\n  c: d: e\n');
    expect(docs).toEqual([]);
    expect(sink.items).toEqual([
      expect.objectContaining({ code: 'A2C-YAML-SYNTAX', severity: 'error', span: { file: 'f.yml', line: 2, col: 4 } }),
    ]);
  });

  it('ignores a BOM and reads CRLF like LF', () => {
    const lf = 'a: 1\nb: |\n  x\n  y\nc: "p\n  q"\n';
    const crlf = '\uFEFF' + lf.replace(/\n/g, '\r\n');
    expect(load(crlf).value).toEqual(load(lf).value);
    expect(get(root(crlf), 'c').span).toEqual({ file: 'f.yml', line: 5, col: 4 });
  });

  it('accepts flow collections closed under the dash, as libyaml does', () => {
    const { value, sink } = load('x:\n  - {\n    a: 1\n  }\n  - b\n');
    expect(sink.items).toEqual([]);
    expect(value).toEqual({ x: [{ a: 1 }, 'b'] });
  });
});

describe('documents', () => {
  it('reads every document of a stream; empty streams have none', () => {
    expect(load('a: 1\n---\n- 2\n...\n---\n').docs.map((d) => toPlain(d.root))).toEqual([{ a: 1 }, [2], null]);
    expect(load('# only a comment\n').docs).toEqual([]);
  });
});
