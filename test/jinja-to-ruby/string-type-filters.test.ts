// Ansible's STRING_TYPE_FILTERS (to_json, to_nice_json, to_yaml, to_nice_yaml, string): a variable
// string that is one `{{ x | to_json }}` keeps the filter's text instead of going through
// literal_eval, so `copy: content: "{{ x | to_nice_json }}"` writes the JSON. Compared with
// Ansible's own Templar.template on the same values, the translated Ruby run with A2C::Jinja.
import { describe, expect, it } from 'vitest';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { convertRole, recipeBody } from '../helpers/convert-helpers.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { runStringValues } from '../helpers/template-compare.js';
import { builtinTables } from '../../src/mapping/tables.js';

const VARS = { d: { b: 2, a: 1 }, l: ['a', 1, null], s: '[1, 2]', t: true, flags: [true, false] };
const VALUES = [
  '{{ d | to_json }}',
  '{{ d | to_nice_json }}',
  '{{ d | to_nice_json(indent=2) }}',
  '{{ l | to_json }}',
  '{{ flags | to_json }}',
  '{{ l | to_yaml }}',
  '{{ d | to_yaml }}',
  '{{ l | to_nice_yaml }}',
  '{{ l | string }}',
  '{{ s | string }}',
  '{{ t | string }}',
  '{{ (d | to_json) }}',
  '{{ d | to_json }}\n',
  '{{ d | to_nice_json }}\n',
  '{{ d | to_json }}\n\n',
  // not exempt: Ansible looks the filter up by the name as written, and only the whole value counts
  '{{ d | ansible.builtin.to_json }}',
  '{{ d | to_json | trim }}',
  '{{ s }}',
  '{{ d }}',
];

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) => (n in VARS ? { kind: 'attribute', path: [n] } : undefined),
  locals: new Map(),
};

describe('string-type filters in a module argument', () => {
  it('copy content from to_nice_json is the JSON text, not a literal_eval of it', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- copy:\n    content: "{{ settings | to_nice_json }}"\n    dest: /etc/app.json\n',
      'defaults/main.yml': 'settings: {a: 1}\n',
    });
    const body = recipeBody(r, 'demo');
    expect(body).toContain("content A2C::Jinja.to_nice_json(node['demo']['settings'])");
    expect(body).not.toContain('convert_data');
  });
});

const ansible = requireOrSkip('ansible (Python API under /usr/bin/python3)', hasPythonModule('ansible'));
const ruby = requireOrSkip('ruby', hasTool('ruby'));

describe.skipIf(!(ansible && ruby))('string-type filters against Ansible', () => {
  const { want, exprs, got } = runStringValues(VALUES, VARS, scope);

  it.each(VALUES.map((v, i) => [v, i] as const))('%j', (_v, i) => {
    const a = want[i]!;
    const b = got[i]!;
    if (a.error !== undefined) expect(b.error, exprs[i]).toBeDefined();
    else if (typeof a.out === 'string') expect(b, exprs[i]).toEqual(a);
    // Where Ansible turns the text into a list or dict, the translation may give the same value or
    // refuse loudly at run time; never other text.
    else expect(b.error !== undefined || JSON.stringify(b.out) === JSON.stringify(a.out), `${exprs[i]}: ${JSON.stringify(b)}`).toBe(true);
  });

  it('gives the filter text for every exempt value (the point of the exemption)', () => {
    VALUES.slice(0, 14).forEach((_, i) => expect(typeof want[i]!.out, VALUES[i]).toBe('string'));
  });
});
