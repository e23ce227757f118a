// Issue 17: the audit, the deferred-variable scan and the translator each read every templated
// string; each text is parsed once and the result shared. A shared result must be the one a fresh
// parse gives.
import { describe, expect, it } from 'vitest';
import { parseString, parseTemplate } from '../../../src/load/jinja/index.js';

const fresh = (text: string) => {
  const r = parseTemplate(text);
  return r.ok ? { ok: true, value: r.value.nodes } : r;
};

describe('parseString parses a text once', () => {
  it('gives the same result object for the same templated text, equal to a fresh parse', () => {
    const text = 'http://{{ inventory_hostname }}:{{ site.port | default(80) }}/x';
    const a = parseString(text);
    expect(parseString(`${text}`)).toBe(a);
    expect(a).toEqual(fresh(text));
  });

  it('keeps syntax errors as a fresh parse reports them', () => {
    const text = '{{ a | }}';
    const a = parseString(text);
    expect(a.ok).toBe(false);
    expect(parseString(text)).toEqual(fresh(text));
  });

  it('parses plain text (no `{`) to the same nodes as a fresh parse', () => {
    for (const text of ['', 'plain words', 'line one\nline two\n', '#not a header']) expect(parseString(text)).toEqual(fresh(text));
  });

  it('honours a #jinja2: header in a cached text', () => {
    const text = "#jinja2: variable_start_string:'[[', variable_end_string:']]'\n[[ x ]] {{ y }}";
    expect(parseString(text)).toEqual(fresh(text));
  });
});
