// openstack.config_template with config_type json and a `src` template without Jinja (OSA glance's
// schema-image.json.j2): the plugin renders the template to its own text and reads it with
// json.loads; here the text is read when converting (python-json.ts) and goes the way content
// given as data goes (A2C::ConfigTemplate.json). The reader (load/python-json.ts) is compared with Debian's Python
// json.loads on fixed and generated texts; the converted file's content, compiled in Chef's compile
// phase, with json.dumps(indent=4, sort_keys=True) of json.loads and the overrides merged.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../../src/load/python-json.js';
import { compileCheck } from '../../src/scripts/chef-compile.js';
import { convertRole } from '../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { GROUND_TRUTH, SHARED } from '../helpers/shared.js';

type Answer = { ok: string } | { error: string };

// json.loads, then the value as canonical JSON text (or the error).
const PYTHON = `
import json, sys
out = []
for text in json.load(sys.stdin):
    try:
        out.append({'ok': json.dumps(json.loads(text), sort_keys=True)})
    except Exception as e:
        out.append({'error': repr(e)})
print(json.dumps(out))`;

function python(texts: string[]): Answer[] {
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Answer[];
}

const FIXED = [
  '{"a": 1, "b": [true, false, null], "c": {"d": "e"}}',
  ' \n\t{ "a" : "x\\"y\\\\z\\/\\b\\f\\n\\r\\t" } \r\n',
  '{"u": "\\u00e9 \\ud83d\\ude00 é 😀"}',
  '{"dup": 1, "dup": 2}',
  '{"neg": -0, "n": -12, "big": 9007199254740991}',
  '[1, 2]',
  '"text"',
  '{}',
  // Refused: Python reads them, plain data would not carry them alike.
  '{"f": 1.0}',
  '{"e": 1e5}',
  '{"n": NaN}',
  '{"i": -Infinity}',
  '{"big": 9007199254740993}',
  '{"s": "\\ud800"}',
  // Python fails on these too.
  '{"a": 1,}',
  "{'a': 1}",
  '{"a": 1} x',
  '{"a": "tab\there"}',
  '{"a": 01}',
  '{"a": 1 /* c */}',
  '\ufeff{"a": 1}',
  '{"a": "\\x"}',
  '{"a": tru}',
  '',
];

const tools = requireOrSkip('python3', hasTool('/usr/bin/python3'));

describe('json.loads as Python reads a template', () => {
  it.skipIf(!tools)('gives what Python gives wherever it reads the text, and fails where Python fails', () => {
    const generated = fc.sample(
      fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ unit: fc.constantFrom(...'{}[]":,01-2.e\\u tn\n\tfalsenull'), maxLength: 24 })),
      { numRuns: 400, seed: 16 },
    );
    const texts = [...FIXED, ...generated];
    const want = python(texts);
    let accepted = 0;
    texts.forEach((text, n) => {
      const got = parsePythonJson(text);
      const w = want[n]!;
      if (got.ok) {
        accepted++;
        expect('ok' in w, `${JSON.stringify(text)}: Python fails (${'error' in w ? w.error : ''})`).toBe(true);
        if ('ok' in w) expect(got.value, JSON.stringify(text)).toEqual(JSON.parse(w.ok));
      } else if (/Python fails/.test(got.reason)) {
        expect('error' in w, `${JSON.stringify(text)}: refused as failing (${got.reason}), Python reads it`).toBe(true);
      }
    });
    // The fixed valid texts are read, not only refused.
    expect(accepted).toBeGreaterThan(8);
  });

  it('refuses what plain data would not carry alike, saying why', () => {
    expect(parsePythonJson('{"f": 1.0}')).toMatchObject({ ok: false, reason: expect.stringMatching(/a float/) });
    expect(parsePythonJson('[NaN]')).toMatchObject({ ok: false, reason: expect.stringMatching(/NaN or Infinity/) });
    expect(parsePythonJson('"\\udc00"')).toMatchObject({ ok: false, reason: expect.stringMatching(/lone surrogate/) });
    expect(parsePythonJson('{"a": -0}')).toEqual({ ok: true, value: { a: 0 } });
  });
});

const TEMPLATE = '{\n    "kernel_id": {"type": ["null", "string"], "pattern": "^[0-9a-f]{8}$"},\n    "os": {"type": "string", "n": 3}\n}\n';

const ROLE = {
  'templates/schema.json.j2': TEMPLATE,
  'tasks/main.yml':
    [
      '- name: Deploy schema',
      '  openstack.config_template.config_template:',
      '    src: schema.json.j2',
      '    dest: /etc/app/schema.json',
      '    config_type: json',
      '    config_overrides: {os: {n: 4, added: "é"}, new_key: [1, "two"]}',
      '    mode: "0640"',
    ].join('\n') + '\n',
};

// What the plugin writes: json.loads of the rendered text, the overrides merged (dicts recursively,
// anything else replaced, as _merge_dict does for these values), json.dumps(indent=4, sort_keys=True).
const REFERENCE = `
import json, sys
def merge(base, new):
    for k, v in new.items():
        base[k] = merge(base.get(k, {}), v) if isinstance(v, dict) else v
    return base
case = json.load(sys.stdin)
print(json.dumps(merge(json.loads(case['text']), case['overrides']), indent=4, sort_keys=True), end='')`;

describe('config_template json from a src template without Jinja', () => {
  it('converts to the data of the template, merged and written as the plugin writes it', async () => {
    const r = await convertRole(ROLE);
    expect(r.diagnostics.filter((d) => /TODO/.test(d.code)).map((d) => d.message)).toEqual([]);
    expect(r.stats.todo).toBe(0);
  });

  it('stays a TODO for a template with Jinja, or JSON the reader refuses', async () => {
    const jinja = await convertRole({ ...ROLE, 'templates/schema.json.j2': '{"a": "{{ x }}"}\n' });
    expect(jinja.diagnostics.map((d) => d.message)).toContain(
      'config_type json with src: re-serialising a rendered template is not converted (content is)',
    );
    const float = await convertRole({ ...ROLE, 'templates/schema.json.j2': '{"a": 1.5}\n' });
    expect(float.diagnostics.some((d) => /the template's JSON: a float/.test(d.message))).toBe(true);
    const list = await convertRole({ ...ROLE, 'templates/schema.json.j2': '[1]\n' });
    expect(list.diagnostics.some((d) => /JSON is not an object/.test(d.message))).toBe(true);
  });

  const ready = requireOrSkip('python3 and ruby', hasTool('/usr/bin/python3') && hasTool('ruby'));
  it.skipIf(!ready)(
    "writes json.dumps' text of the merged data (compile phase)",
    async () => {
      const r = await convertRole(ROLE);
      const runs = compileCheck(r.files, { factsFile: GROUND_TRUTH, schemaFile: join(SHARED, 'chef/resources.json'), detail: true });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ ok: true });
      const file = runs[0]!.detail?.find((d) => d.id === 'file[/etc/app/schema.json]');
      const ref = spawnSync('/usr/bin/python3', ['-c', REFERENCE], {
        input: JSON.stringify({ text: TEMPLATE, overrides: { os: { n: 4, added: 'é' }, new_key: [1, 'two'] } }),
        encoding: 'utf8',
      });
      expect(ref.status, ref.stderr).toBe(0);
      expect(ref.stdout).toContain('\\u00e9');
      expect(file?.properties).toMatchObject({ content: ref.stdout, mode: '0640' });
    },
    120_000,
  );
});
