// Issue 17: the audit, the deferred-variable scan and the translator each read every templated
// string; each text is parsed once per run (withParseCache) and the result shared within that run,
// never with another. A shared result must be the one a fresh parse gives.
import { describe, expect, it } from 'vitest';
import { lastReadsOfParses, parseExpression, parseString, parseTemplate, withParseCache } from '../../../src/load/jinja/index.js';

const fresh = (text: string) => {
  const r = parseTemplate(text);
  return r.ok ? { ok: true, value: r.value.nodes } : r;
};

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('parseString parses a text once per run', () => {
  it('gives the same result object for the same templated text in a run, equal to a fresh parse', () => {
    const text = 'http://{{ inventory_hostname }}:{{ site.port | default(80) }}/x';
    const [a, again] = withParseCache(() => [parseString(text), parseString(`${text}`)]);
    expect(again).toBe(a);
    expect(a).toEqual(fresh(text));
    // Outside a run nothing is kept, so nothing is shared with the next run.
    expect(parseString(text)).not.toBe(a);
    expect(parseString(text)).toEqual(a);
  });

  it('gives each run its own parses, when two runs interleave', async () => {
    const text = '{{ a | default(b) }} and {{ c }}';
    const run = () =>
      withParseCache(async () => {
        const before = parseString(text);
        await tick();
        return { before, after: parseString(text) };
      });
    const [one, two] = await Promise.all([run(), run()]);
    expect(one.after).toBe(one.before);
    expect(two.after).toBe(two.before);
    expect(two.before).not.toBe(one.before);
  });

  it('hands each parse out once more after lastReadsOfParses, then keeps only the most recent reads', () => {
    const text = '{{ x | default(1) }} of {{ y }}';
    const [first, last, after, evicted, again] = withParseCache(() => {
      const first = parseString(text);
      lastReadsOfParses();
      const last = parseString(text);
      const after = parseString(text);
      // More distinct texts than the recent reads hold: the first one's parse is dropped.
      for (let i = 0; i < 2100; i++) parseString(`{{ v${i} }}`);
      const evicted = parseString(text);
      return [first, last, after, evicted, parseString(text)];
    });
    // The pre-readers' parse goes to the last reader and, while recent, to a reader of the same text again.
    expect(last).toBe(first);
    expect(after).toBe(first);
    // Once two thousand other texts were read it is parsed afresh: what is kept stays bounded.
    expect(evicted).not.toBe(first);
    expect(again).toBe(evicted);
    expect(evicted).toEqual(fresh(text));
    // Outside a run it does nothing.
    lastReadsOfParses();
    expect(parseString(text)).toEqual(fresh(text));
  });

  it('parses a condition once per run, equal to a fresh parse, and nothing is shared outside a run', () => {
    const text = "x | bool and y.rc == 0 and 'a' in z";
    const [a, b, c] = withParseCache(() => {
      const a = parseExpression(text);
      const b = parseExpression(text);
      lastReadsOfParses();
      return [a, b, parseExpression(text)];
    });
    expect(b).toBe(a);
    expect(c).toBe(a);
    const outside = parseExpression(text);
    expect(outside).not.toBe(a);
    expect(outside).toEqual(a);
    // Positions count from the condition's own start, as without the cache.
    expect(a.ok && a.value.pos).toEqual({ line: 1, col: 1 });
    expect(parseExpression('a |')).toEqual(withParseCache(() => parseExpression('a |')));
  });

  it('keeps syntax errors as a fresh parse reports them', () => {
    const text = '{{ a | }}';
    const a = parseString(text);
    expect(a.ok).toBe(false);
    expect(parseString(text)).toEqual(fresh(text));
  });

  it('parses plain text (no `{`) to the same nodes as a fresh parse', () => {
    // Built without the lexer: closing delimiters, every line ending and non-ASCII text stay one text node.
    const texts = ['', 'plain words', 'line one\nline two\n', '#not a header', 'x }} %} #} y', 'a\r\nb\rc\n\n', ' \u2028 é 😀 \t'];
    for (const text of texts) expect(parseString(text)).toStrictEqual(fresh(text));
  });

  it('honours a #jinja2: header in a cached text', () => {
    const text = "#jinja2: variable_start_string:'[[', variable_end_string:']]'\n[[ x ]] {{ y }}";
    expect(parseString(text)).toEqual(fresh(text));
  });
});
