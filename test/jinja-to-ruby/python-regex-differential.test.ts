// The one Python-regex grammar, checked on both of its implementations: the converter's translator
// (src/jinja-to-ruby/regex.ts, literal patterns at conversion time) and the support cookbook's
// A2C::PythonRegex (patterns known at Chef run time). Patterns are generated from the constructs of
// Python's `re`, valid or not; for each pattern, mode and flags:
// - the two implementations accept and refuse the same patterns (one grammar);
// - a pattern Python rejects is refused by both;
// - where accepted, both find the same first match and groups as Python's re.search on every subject
//   (real /usr/bin/python3 and real Ruby; str patterns for 'text', bytes patterns for 'bytes').
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { translatePythonRegex, type RegexMode } from '../../src/jinja-to-ruby/regex.js';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';

const PYTHON = '/usr/bin/python3';
const haveTools = requireOrSkip('ruby and /usr/bin/python3', hasTool(PYTHON) && hasTool('ruby'));
const HELPER = join(resolve(import.meta.dirname, '../..'), 'src/support-cookbook/ruby/libraries/a2c_python_regex.rb');

const PIECES = [
  // literals, including the letters Onigmo folds over several characters and non-ASCII ones
  'a',
  'b',
  'c',
  's',
  'S',
  't',
  'f',
  'i',
  'l',
  'k',
  'x',
  '1',
  '_',
  ' ',
  '-',
  ',',
  '=',
  'é',
  'É',
  'ß',
  'ﬀ',
  '٣',
  '\n',
  // the dot, anchors, alternation
  '.',
  '^',
  '$',
  '|',
  // escapes
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\s',
  '\\S',
  '\\b',
  '\\B',
  '\\A',
  '\\Z',
  '\\z',
  '\\x41',
  '\\xe9',
  '\\u00e9',
  '\\U0001F600',
  '\\0',
  '\\101',
  '\\777',
  '\\n',
  '\\t',
  '\\1',
  '\\2',
  '\\.',
  '\\-',
  '\\q',
  '\\p',
  '\\',
  '\\é',
  // classes
  '[a-c]',
  '[^a]',
  '[\\d_]',
  '[]a]',
  '[\\w-]',
  '[z-a]',
  '[a\\-z]',
  '[[:alpha:]]',
  '[&&a]',
  '[\\D]',
  '[^\\s]',
  '[\\b]',
  '[\\w-z]',
  '[é-ë]',
  '[^ß]',
  '[\\x00-\\x1f]',
  '[',
  ']',
  '[a-]',
  '[\\1]',
  '[sS]',
  // groups
  '(',
  '(',
  ')',
  ')',
  '(?:',
  '(?P<n>',
  '(?P<m>',
  '(?P=n)',
  '(?P<1>',
  '(?=',
  '(?!',
  '(?<=',
  '(?<!',
  '(?i:',
  '(?-i:',
  '(?s:',
  '(?m:',
  '(?x:',
  '(?#c)',
  '(?>',
  '(?(1)a|b)',
  '(?i)',
  // quantifiers
  '*',
  '+',
  '?',
  '{2}',
  '{1,3}',
  '{,2}',
  '{2,}',
  '*?',
  '+?',
  '??',
  '{3,1}',
  '*+',
  '{}',
  '{,}',
  '{x}',
  '{1001}',
];
const LEADING = ['', '', '', '(?i)', '(?m)', '(?s)', '(?a)', '(?x)', '(?L)', '(?u)', '(?im)', '(?is)'];

const FIXED = [
  '^port=',
  '^listen (\\S+):(?P<port>\\d+)$',
  '(?m)^\\[s\\]\\nk=1$',
  'host=(?P<h>\\w+) port=(?P<p>\\d+)',
  '\\s+$',
  'x*',
  '(?s)<.*>',
  'b\\Z',
  '^',
  '(?i)été',
  '(?i)ss',
  '(?i)fi',
  '(?i)s{2}',
  '(?i)[a-z]{2}',
  '(?i)straße',
  '\\bfoo\\b',
  '(\\w+)@(\\w+)\\.com',
  '(?<=a)b',
  '(?<!a)b',
  '(?<=ab|c)x',
  '(a)\\1',
  '(a\\1)',
  '(?P<x>a)(?P=x)',
  '[^/]+$',
  '^\\s*#',
  '(?m)^$',
  '(?m)^a$',
  'a{2,3}?',
  '\\d+\\.\\d+',
  '(?i)K',
  '(?i)k',
  '(?i)σ',
  '(?i)ς',
  '(?i)İ',
  '(?i)i',
];

interface Case {
  pattern: string;
  mode: RegexMode;
  multiline: boolean;
  dotall: boolean;
}

const generated = fc
  .sample(
    fc.record({
      lead: fc.constantFrom(...LEADING),
      body: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }),
      mode: fc.constantFrom<RegexMode>('text', 'text', 'bytes'),
      multiline: fc.boolean(),
      dotall: fc.boolean(),
    }),
    { seed: Number(process.env.RX_SEED ?? 1818), numRuns: Number(process.env.RX_RUNS ?? 2500) },
  )
  .map((r): Case => ({ pattern: r.lead + r.body.join(''), mode: r.mode, multiline: r.multiline, dotall: r.dotall }));

const CASES: Case[] = [
  ...FIXED.flatMap((pattern) => (['text', 'bytes'] as const).map((mode) => ({ pattern, mode, multiline: false, dotall: false }))),
  ...FIXED.map((pattern) => ({ pattern, mode: 'text' as const, multiline: true, dotall: true })),
  ...generated,
];

const SUBJECTS = [
  '',
  'a',
  'abc',
  'aaa',
  'aab',
  'ba',
  'ss',
  'SS',
  'ß',
  'ẞ',
  'ﬀ',
  'ﬁ',
  'st',
  'ﬅ',
  'straße',
  'STRASSE',
  'K',
  'k',
  'K',
  'ſ',
  'İ',
  'i',
  'ı',
  'σ',
  'ς',
  'Σ',
  'É é',
  'été',
  'café',
  'a\nb\n',
  '\n',
  'a\n',
  '\x1c',
  '\u00a0',
  '٣3',
  '²',
  'a_b-c',
  'x1 y2',
  '(a)',
  '[]',
  '{2}',
  ' \t',
  'abcabc',
  'foo bar',
  'listen 10.0.0.1:80',
  'port=22',
  'k=1\n',
  '[s]\nk=1',
  '<a>\n<b>',
  'host=db port=5432',
  'u@example.com',
  'AAA',
  '\x00A\x08',
  'xa',
  'ab',
  'cx',
  'ABC',
  '😀',
];

type Span = Array<[number, number] | null> | null;
type Answer = { error: string } | { spans: Span[] };

// One Python process for every case: the first re.search of each subject, as spans of group 0..n.
const PY = `
import json, re, sys
cases, subjects = json.load(sys.stdin)
out = []
for c in cases:
    flags = (re.M if c["multiline"] else 0) | (re.S if c["dotall"] else 0)
    try:
        p = re.compile(c["pattern"].encode("utf-8") if c["mode"] == "bytes" else c["pattern"], flags)
    except Exception as e:
        out.append({"error": str(e)}); continue
    spans = []
    for s in subjects:
        m = p.search(s.encode("utf-8") if c["mode"] == "bytes" else s)
        spans.append(None if m is None else [list(m.span(g)) if m.span(g) != (-1, -1) else None for g in range(p.groups + 1)])
    out.append({"spans": spans})
print(json.dumps(out))
`;

// One Ruby process: the converter's translation (compiled as the generated cookbook would) and the helper's.
const RB = `
require 'json'
require ARGV[0]
cases, subjects = JSON.parse($stdin.read)
def spans(regex, subjects, bytes)
  subjects.map do |s|
    s = bytes ? s.b : s
    m = regex.match(s)
    next nil unless m
    (0...m.size).map { |g| m.begin(g) ? [m.begin(g), m.end(g)] : nil }
  end
end
out = cases.map do |c|
  bytes = c['mode'] == 'bytes'
  ts = if c['ts']['reason']
    { 'error' => c['ts']['reason'] }
  else
    begin
      source = bytes ? c['ts']['source'].b : c['ts']['source']
      { 'spans' => spans(Regexp.new(source, c['ts']['ignorecase'] ? Regexp::IGNORECASE : 0), subjects, bytes) }
    rescue RegexpError => e
      { 'invalid' => e.message }
    end
  end
  helper = begin
    pat = A2C::PythonRegex.compile(c['pattern'], mode: bytes ? :bytes : :text, multiline: c['multiline'], dotall: c['dotall'])
    { 'spans' => spans(pat.regex, subjects, bytes) }
  rescue A2C::PythonRegex::Error => e
    { 'error' => e.message }
  end
  { 'ts' => ts, 'helper' => helper }
end
puts JSON.generate(out)
`;

function run(cmd: string, args: string[], input: unknown): unknown {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe.skipIf(!haveTools)('one Python-regex grammar: converter and support cookbook against Python re', () => {
  const python = haveTools ? (run(PYTHON, ['-c', PY], [CASES, SUBJECTS]) as Answer[]) : [];
  const translated = CASES.map((c) => {
    const r = translatePythonRegex(c.pattern, { ignorecase: false, multiline: c.multiline, dotall: c.dotall }, c.mode);
    return { ...c, ts: 'reason' in r ? { reason: r.reason } : { source: r.source, ignorecase: r.ignorecase } };
  });
  const ruby = haveTools
    ? (run('ruby', ['-e', RB, HELPER], [translated, SUBJECTS]) as Array<{ ts: Answer | { invalid: string }; helper: Answer }>)
    : [];
  const label = (i: number) => JSON.stringify(CASES[i]);

  it('exercises accepted, refused and Python-rejected patterns in both modes', () => {
    const accepted = ruby.filter((r) => 'spans' in r.helper).length;
    expect(accepted).toBeGreaterThan(CASES.length * 0.2);
    expect(CASES.length - accepted).toBeGreaterThan(CASES.length * 0.25);
    expect(python.filter((p) => 'error' in p).length).toBeGreaterThan(100);
    for (const mode of ['text', 'bytes']) expect(ruby.some((r, i) => CASES[i]?.mode === mode && 'spans' in r.helper)).toBe(true);
  });

  it('the converter and the support cookbook accept and refuse the same patterns', () => {
    const differ = ruby.flatMap((r, i) =>
      'spans' in r.helper !== 'spans' in r.ts ? [`${label(i)} ts=${JSON.stringify(r.ts)} helper=${JSON.stringify(r.helper)}`] : [],
    );
    expect(differ).toEqual([]);
  });

  it('what the converter emits always compiles in Ruby', () => {
    const invalid = ruby.flatMap((r, i) => ('invalid' in r.ts ? [`${label(i)}: ${r.ts.invalid}`] : []));
    expect(invalid).toEqual([]);
  });

  it('a pattern Python rejects is refused', () => {
    const accepted = python.flatMap((p, i) =>
      'error' in p && ('spans' in (ruby[i]?.helper ?? {}) || 'spans' in (ruby[i]?.ts ?? {})) ? [`${label(i)}: ${p.error}`] : [],
    );
    expect(accepted).toEqual([]);
  });

  it('an accepted pattern matches as Python does on every subject, on both sides', () => {
    const wrong: string[] = [];
    python.forEach((p, i) => {
      if (!('spans' in p)) return;
      for (const side of ['ts', 'helper'] as const) {
        const r = ruby[i]?.[side];
        if (!r || !('spans' in r)) continue;
        p.spans.forEach((want, s) => {
          const got = r.spans[s];
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            wrong.push(
              `${side} ${label(i)} on ${JSON.stringify(SUBJECTS[s])}: python ${JSON.stringify(want)}, ruby ${JSON.stringify(got)}`,
            );
          }
        });
      }
    });
    expect(wrong.slice(0, 30)).toEqual([]);
  });
});
