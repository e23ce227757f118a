// Variable strings holding statements against Ansible's own Templar. `{% if %}` blocks
// (string-statements.ts): the branch chosen, whitespace control (trim_blocks, `-` marks),
// convert_data on the joined text, the trailing newlines Ansible gives back to a text result,
// undefined names in the test and in branches not taken. Lists built with set/append/extend
// (string-accumulate.ts): the roles' idioms, what extend iterates, failures, Jinja's loop scoping;
// and the forms the translation refuses because the list could be seen while it changes.
import { describe, expect, it } from 'vitest';
import { printExpr } from '../../src/print/print-expr.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { attributeScope, runStringValues, stringValueMismatches } from '../helpers/template-compare.js';

const VARS: Record<string, unknown> = {
  t: true,
  no: false,
  i: 42,
  f: 1.5,
  s: 'text',
  e: '',
  none: null,
  l: [1, 'a'],
  d: { a: 1 },
  empty: [],
  lit: '[1, 2]',
  zero: 0,
  kind: 'rbd',
  kinds: ['rbd', 'file'],
  base: ['a', 'b'],
  more: ['c', 'a'],
  group_names: ['api', 'web'],
  hosts: ['h1', 'h2'],
  one_host: ['h1'],
  services: {
    'svc-api': { group: 'api', order: 2 },
    'svc-vol': { group: 'vol', order: 1 },
    'svc-web': { group: 'web', order: 1, condition: false },
  },
  binds: { ext: '203.0.113.1', int: '10.0.0.1' },
  extra_vips: ['198.51.100.7'],
  loop_free: 'n',
  dicts: [{ a: 1, z: 0 }, { b: 2 }],
  services_map: {
    'glance-api': { group: 'api', start_order: 2, wsgi_app: false },
    'glance-reg': { group: 'api', start_order: 1 },
    'glance-web': { group: 'web', start_order: 3, condition: false },
    'glance-wsgi': { group: 'api', start_order: 0, wsgi_app: true },
  },
};
const scope = attributeScope(VARS);

const VALUES = [
  '{% if t %}yes{% else %}no{% endif %}',
  '{% if no %}yes{% else %}no{% endif %}',
  '{% if no %}a{% elif i > 40 %}b{{ i }}{% else %}c{% endif %}',
  '{% if no %}a{% elif zero %}b{% endif %}',
  'x{% if e %}never{% endif %}y',
  '{% if t %}[1, 2]{% endif %}',
  '{% if t %}True{% endif %}',
  '{% if no %}x{% endif %}',
  '{% if t %}{{ l }}{% endif %}',
  '{% if t %}{{ d }}{% endif %}',
  '{% if t %}{{ t }}{% endif %}',
  '{% if t %}{{ i }}{% endif %}',
  '{% if t %}{{ f }}{% endif %}',
  '{% if t %}{{ none }}{% endif %}',
  '{% if t %}{{ lit }}{% endif %}',
  ' {% if t %}[1]{% endif %}',
  '{% if l %}L{% endif %}{% if empty %}E{% endif %}{% if d %}D{% endif %}{% if s %}S{% endif %}',
  '{% if missing %}a{% endif %}',
  '{% if no %}{{ missing }}{% endif %}ok',
  '{% if t %}{{ missing }}{% endif %}ok',
  '{% if t %}\nline\n{% endif %}\nend',
  'a  {%- if t -%}  b  {%- endif %}  c',
  'a {% if no -%} b {%- else -%} c {%- endif %} d',
  '{% if t %}x{% endif %}\n',
  '{% if t %}x\n{% endif %}\n\n',
  '{% if t %}[1]{% endif %}\n',
  '{% if t %}{{ e }}{% endif %}\n\n',
  'a{# note #}b{% if t %}c{# inner #}{% endif %}',
  '{% if t %}{% if no %}a{% else %}b{% endif %}{% endif %}',
  "{% if 'rbd' in kinds %}keystone{% else %}keystone+cachemanagement{% endif %}",
  "{% if 'cinder' in kinds %}keystone{% else %}keystone+cachemanagement{% endif %}",
  'mysql://{{ s }}:{{ i }}/db?charset=utf8{% if t | bool %}&ssl_verify_cert=true{%\n  if e | length > 0 %}&ssl_ca={{ e }}{% endif %}{% endif %}',
  'mysql://{{ s }}/db?charset=utf8{% if t | bool %}&ssl{% if s | length > 0 %}&ca={{ s }}{% endif %}{% endif %}',
  '{% if t %}{"k": {{ i }}}{% endif %}',
  '{% if t %}\\d{% endif %}',
  // a left side known when translating decides the operator (no literal stands as a condition)
  '{% if true and t %}a{% endif %}{% if false or no %}b{% endif %}{% if false and missing %}c{% endif %}{% if true or missing %}d{% endif %}',
];

// `{% filter %}` blocks: the body's text through the filters, printed with str(), then convert_data.
const FILTERED = [
  '{% filter upper %}a{{ s }}{% endfilter %}',
  '{% filter upper %}{{ i }}{% endfilter %}',
  '{% filter upper %}{{ l }}{% endfilter %}',
  '{% filter upper %}[1, 2]{% endfilter %}',
  '{% filter length %}abc{% endfilter %}',
  '{% filter trim %}  {{ t }}  {% endfilter %}',
  '{% filter list %}ab{% endfilter %}',
  '{% filter first %}{{ e }}{% endfilter %}',
  "{% filter default('d') %}{{ none }}{% endfilter %}",
  '{% filter upper | replace("A", "b") %}a{{ s }}{% endfilter %}!',
  "{% filter replace('\n', ' ') %}a\nb\n{% endfilter %}",
  // restic's cron job: two nested blocks folding a multi-line command onto one line
  "{% filter regex_replace('\\s+', ' ') %}\n{% filter replace('\n', ' ') %}\nsource {{ s }} &&\n  cmd\n    backup\n    {% if l | length > 0 %}\n        --option {{ l | join(' --option ') }}\n    {% endif %}\n    {% if empty | length > 0 %}\n        --exclude\n    {% endif %}\n    --tag={{ i }}\n{% endfilter %}\n{% endfilter %}\n",
  'x{% if t %}<{% filter upper %}{{ s }}{% endfilter %}>{% endif %}{% if no %}{% filter upper %}{{ missing }}{% endfilter %}{% endif %}',
  '{% filter upper %}{{ missing }}{% endfilter %}',
];

// Lists built by statements: the corpus' idioms first, then the edges.
const LISTS = [
  // os_cinder/os_keystone/os_glance *_package_list (|- block)
  '{% set packages = base %}\n{% if t %}\n{%   set _ = packages.extend(more) %}\n{% endif %}\n{% if no %}\n{%   set _ = packages.extend(["z"]) %}\n{% endif %}\n{% set _ = packages.extend(l) %}\n{{ packages | unique }}',
  '{% set packages = base %}\n{{ packages }}',
  // galera_wsrep_cluster_address (>- folded: the lines joined by spaces, `-%}` eating them)
  "{% set _var = [] -%} {% for h in hosts -%} {% set _addr = h ~ ':4567' | default('x') -%} {% if _var.append(_addr) %}{% endif -%} {% endfor -%} {# one member: empty #} {{ _var | join(',') if hosts | length > 1 else '' }}",
  "{% set _var = [] -%} {% for h in one_host -%} {% if _var.append(h) %}{% endif -%} {% endfor -%} {{ _var | join(',') if one_host | length > 1 else '' }}",
  // filtered services: a dict's items, a tuple target, a test on the value
  "{% set names = [] %}\n{% for key, value in services.items() %}\n{%   if value['group'] in group_names and (('condition' not in value) or value['condition']) %}\n{%     set _ = names.append(key) %}\n{%   endif %}\n{% endfor %}\n{{ names | sort }}",
  // filtered_glance_services: the item merged with its key, then stored; sorted by an attribute
  "{% set services = [] %}\n{% for key, value in services_map.items() %}\n{%   if (value['group'] in group_names) and\n        (('condition' not in value) or\n         ('condition' in value and value['condition'])) and\n          not ('wsgi_app' in value and value['wsgi_app']) %}\n{%     set _ = value.update({'service_key': key}) %}\n{%     set _ = services.append(value) %}\n{%   endif %}\n{% endfor %}\n{{ services | sort(attribute='start_order') }}",
  "{% set x = [] %}{% for v in dicts %}{% set _ = v.update({'a': 9, 'n': loop_free}) %}{% set _ = x.append(v) %}{% endfor %}{{ x }}",
  "{% set x = [] %}{% for v in l %}{% set _ = v.update({'a': 1}) %}{% set _ = x.append(v) %}{% endfor %}{{ x }}",
  "{% set x = [] %}{% for v in dicts %}{% if v.a == 1 %}{% set _ = v.update({'b': 2}) %}{% set _ = x.append(v) %}{% else %}{% set _ = x.append(v) %}{% endif %}{% endfor %}{{ x }}{{ dicts }}",
  // filtered_cinder_services: update, then pop of a key merged in (a missing key without a default fails)
  "{% set x = [] %}{% for k, v in services_map.items() %}{% if v.group == 'api' %}{% set _ = v.update({'key': k, 'tmp': v.start_order, 'state': v.state | default('started')}) %}{% set _ = v.pop('tmp') -%}{% set _ = x.append(v) %}{% endif %}{% endfor %}{{ x | sort(attribute='start_order') }}",
  "{% set x = [] %}{% for v in dicts %}{% set _ = v.pop('a', none) %}{% set _ = x.append(v) %}{% endfor %}{{ x }}",
  "{% set x = [] %}{% for v in dicts %}{% set _ = v.pop('a') %}{% set _ = x.append(v) %}{% endfor %}{{ x }}",
  "{% set x = [] %}{% for v in base %}{% set _ = v.pop('a', 1) %}{% set _ = x.append(v) %}{% endfor %}{{ x }}",
  // haproxy _vip_binds (| block: a trailing newline)
  "{% set vip_binds = [{'address': binds.ext, 'type': 'external'}] %}\n{% if binds.int != binds.ext %}\n{%   set _ = vip_binds.append({'address': binds.int, 'type': 'internal'}) %}\n{% endif %}\n{% for vip in extra_vips %}\n{%   set _ = vip_binds.append({'address': vip, 'type': 'external'}) %}\n{% endfor %}\n{{ vip_binds }}\n",
  // what extend iterates; what has no append/extend; undefined values
  '{% set x = [] %}{% set _ = x.extend(s) %}{% set _ = x.extend(d) %}{{ x }}',
  '{% set x = [] %}{% set _ = x.extend(none) %}{{ x }}',
  '{% set x = [] %}{% set _ = x.extend(i) %}{{ x }}',
  '{% set x = s %}{% set _ = x.append(1) %}{{ x }}',
  '{% set x = d %}{% set _ = x.extend([1]) %}{{ x }}',
  '{% set x = (1, 2) %}{% set _ = x.append(3) %}{{ x }}',
  '{% set x = missing %}{% set _ = x.append(1) %}{{ x }}',
  '{% set x = [] %}{% set _ = x.extend(missing) %}{{ x }}',
  '{% set x = [] %}{% for c in s %}{% set _ = x.append(c) %}{% endfor %}{% for k in d %}{% set _ = x.append(k) %}{% endfor %}{{ x }}',
  '{% set x = [] %}{% for a, b in base %}{% set _ = x.append(a) %}{% endfor %}{{ x }}',
  '{% set x = [] %}{% for a, b in [[1, 2], [3, 4]] %}{% set _ = x.append(b) %}{% endfor %}{{ x }}',
  '{% set x = [] %}{% for n in none %}{% set _ = x.append(n) %}{% endfor %}{{ x }}',
  // a loop's sets stay inside it; a top-level set is seen after; nested loops; elif/else
  '{% set y = "out" %}{% set x = [] %}{% for c in base %}{% set y = c ~ "!" %}{% set _ = x.append(y) %}{% endfor %}{{ x }} {{ y }}',
  '{% set x = [] %}{% for a in base %}{% for b in more %}{% set ab = a ~ b %}{% if a != b %}{% set _ = x.append(ab) %}{% endif %}{% endfor %}{% endfor %}{{ x | length }}:{{ x }}',
  '{% set x = [0] %}{% if no %}{% set _ = x.append(1) %}{% elif zero %}{% set _ = x.append(2) %}{% else %}{% set _ = x.append(3) %}{% set _ = x.extend(base) %}{% endif %}{{ x }}',
  // text after the statements: convert_data decides (a leading space keeps it text)
  '{% set x = [1] %}{% set _ = x.append(2) %}  {{ x }}',
  '{% set x = [1] %}{% set _ = x.append(2) %}{{ x | length }} items',
  '{% set x = [] %}{% set _ = x.append(true) %}{{ x | first }}',
  '{% set x = [] %}{{ x }}\n\n',
  // a value that is itself a conditional, behind an if, outside a loop: written if/elsif by the printer
  '{% set x = [] %}{% if t %}{% set _ = x.append(i if t else s) %}{% endif %}{{ x }}',
  '{% set x = [] %}{% if t %}{% set _ = x.append(i if no else s) %}{% endif %}{{ x }}',
  // A dict built with update: uwsgi_keystone_services (each kept item merged, then stored by key)
  "{% set services = {} %}\n{% for key, value in services_map.items() %}\n{%   if (value['group'] in group_names) and\n       (('condition' not in value) or ('condition' in value and value['condition']))\n       and ('wsgi_app' in value and value['wsgi_app']) %}\n{%     set _ = value.update(\n         {\n           'wsgi_venv': (kind == 'rbd') | ternary(s | dirname, None),\n           'uwsgi_processes': i,\n         }\n       ) %}\n{%     set _ = services.update({key: value}) %}\n{%   endif %}\n{% endfor %}\n{{ services }}",
  "{% set m = {} %}{% for k, v in services_map.items() %}{% if v.group == 'api' %}{% set _ = m.update({k: v.start_order}) %}{% endif %}{% endfor %}{{ m }}",
  // _keystone_httpd_vhost_ssl: updates under if/elif/else, one nested
  "{% set ssl_options = {} %}\n{% if s | length > 0 and e | length == 0 %}\n{%   set _ = ssl_options.update({'cert': s, 'key': s}) %}\n{%   if i is defined and i > 40 %}\n{%     set _ = ssl_options.update({'ca': i}) %}\n{%   endif %}\n{% else %}\n{%   set _ = ssl_options.update({'san': l}) %}\n{% endif %}\n{{ ssl_options }}",
  "{% set ssl_options = {} %}{% if no %}{% set _ = ssl_options.update({'cert': s}) %}{% else %}{% set _ = ssl_options.update({'san': l}) %}{% endif %}{{ ssl_options }}",
  // Python's keys: True, 1 and 1.0 are one key, which keeps its first spelling and place; later values win
  "{% set d2 = {'z': 0, 1: 'a'} %}{% set _ = d2.update({true: 'b', 'k': none}) %}{% set _ = d2.update({1.0: 'c', 'z': 2}) %}{{ d2 }}",
  "{% set d2 = d %}{% set _ = d2.update({'b': 2}) %}{{ d2 }}",
  '{% set d2 = {} %}{% set _ = d2.update({"a": 1}) %}{{ d2 }}',
  // _keystone_cache_backend_package: a namespace() attribute set in a loop, read after it
  "{% set oslo = namespace(backend='dogpile') %}\n{% for key, value in services_map.items() %}\n{%   if 'web' in value.group %}\n{%     set oslo.backend = key %}\n{%-   endif %}\n{%- endfor %}\noslo.cache[{{ oslo.backend }}]",
  "{% set ns = namespace(found=false, n=0) %}{% for c in base %}{% if c == 'b' %}{% set ns.found = true %}{% endif %}{% set ns.n = i %}{% endfor %}{{ ns.found }} {{ ns['n'] }} {{ ns.other | default('d') }}",
  '{% set ns = namespace() %}{% set ns.a = l %}{{ ns.a }}',
  // update of what is no dict fails as in Python
  "{% set x = [] %}{% set _ = x.update({'a': 1}) %}{{ x }}",
  "{% set x = s %}{% set _ = x.update({'a': 1}) %}{{ x }}",
  "{% set x = {} %}{% set _ = x.update({'a': missing}) %}{{ x }}",
];

// Ways the list could be seen while it changes, or statements the threading cannot say.
const REFUSED_LISTS: Array<[string, string]> = [
  ['{% set a = [] %}{% set b = [] %}{% set _ = a.append(1) %}{% set _ = b.append(2) %}{{ a + b }}', 'more than one list'],
  ['{% set x = [] %}{% set _ = x.append(1) %}{% if 1 in x %}{% set _ = x.append(2) %}{% endif %}{{ x }}', 'read where'],
  ['{% set x = [] %}{% set _ = x.append(1) %}{{ x }}{{ _ }}', 'sets it to None'],
  ['{% set x = [] %}{% if t %}{% set y = 1 %}{% set _ = x.append(y) %}{% endif %}{{ x }}', 'inside an {% if %}'],
  ['{% set x = [] %} {% set _ = x.append(1) %}{{ x }}', 'text before or between'],
  ['{% set x = [] %}{% for c in base %}{% set _ = x.append(loop.index) %}{% endfor %}{{ x }}', 'loop.*'],
  ['{% set x = [] %}{% set x = [1] %}{% set _ = x.append(1) %}{{ x }}', 'set twice'],
  ['{% set a = [1] %}{% set x = a %}{% set _ = x.append(2) %}{{ a }}', 'share'],
  ['{% set _ = x.append(1) %}{% set x = [] %}{{ x }}', 'before it is set'],
  ['{% for c in base %}{% endfor %}{{ s }}', 'builds no list'],
  ['{% set x = [] %}{% for c in base %}{% set _ = x.append(c) %}{% else %}{% endfor %}{{ x }}', 'else'],
  // the item stored (or read after its if) while update changes it in place; not a loop item
  [
    "{% set x = [] %}{% for v in dicts %}{% set _ = x.append(v) %}{% set _ = v.update({'a': 2}) %}{% endfor %}{{ x }}",
    'changes it in place',
  ],
  [
    "{% set x = [] %}{% for v in dicts %}{% if t %}{% set _ = v.update({'a': 2}) %}{% endif %}{% set _ = x.append(v) %}{% endfor %}{{ x }}",
    'changes it in place',
  ],
  ["{% set x = [] %}{% for v in dicts %}{% set _ = v.update({'me': v}) %}{% set _ = x.append(v) %}{% endfor %}{{ x }}", 'hold itself'],
  // a value that is itself a conditional, behind an if, in a loop: the printer cannot compute it before the
  // loop's block, and Cookstyle refuses the nesting
  [
    '{% set x = [] %}{% for v in base %}{% if t %}{% set _ = x.append(v if t else s) %}{% endif %}{% endfor %}{{ x }}',
    'nest one conditional',
  ],
  [
    "{% set x = [] %}{% set y = {} %}{% for v in dicts %}{% set _ = y.update({'a': 2}) %}{% set _ = x.append(v) %}{% endfor %}{{ x }}",
    'more than one list',
  ],
  [
    "{% set m = {} %}{% for v in dicts %}{% set _ = v.update({v.a: 2}) %}{% set _ = m.update({'k': v}) %}{% endfor %}{{ m }}",
    'not the list',
  ],
  ["{% set m = {} %}{% set _ = m.update({'a': 1}) %}{% set _ = m.update({'b': m}) %}{{ m }}", 'read where'],
  // Python changes the value in place: the variable it came from, read again, shows the change
  ["{% set d2 = d %}{% set _ = d2.update({'b': 2}) %}{{ d2 }} {{ d }}", 'reads again'],
  ['{% set x = base %}{% set _ = x.append(1) %}{{ x }} {{ base }}', 'reads again'],
  ['{% set ns = namespace(a=1) %}{% set ns.a = 2 %}{{ ns }}', 'read whole'],
  ["{% set ns = namespace(a=1) %}{% set _ = ns.update({'a': 2}) %}{{ ns.a }}", 'has no .update()'],
  ['{% set d2 = {} %}{% set d2.a = 2 %}{{ d2.a }}', 'no namespace()'],
  ['{% set ns = namespace(a=1) %}{% for c in base %}{% set ns.a = ns.a + 1 %}{% endfor %}{{ ns.a }}', 'read where'],
  ["{% set m = {'a': 1} %}{% set _ = m.pop('a') %}{{ m }}", "'.pop()' is not translated"],
];

const haveTools = requireOrSkip('ansible+ruby', hasPythonModule('ansible') && hasTool('ruby'));

const ruby = (v: string): string => {
  const t = translateStringValue(v, scope);
  if (!t.ok) throw new Error(`${v}: ${t.reason}`);
  return printExpr(t.value);
};

describe('{% if %} in a variable string', () => {
  it('is one value: each piece behind the tests that lead to it, read back by convert_data', () => {
    expect(ruby('{% if t %}yes{% else %}no{% endif %}')).toBe(
      "A2C::Jinja.convert_data(A2C::Jinja.truthy(A2C::Jinja.var(node, 't')).then { |taken| \"#{taken ? 'yes' : ''}#{!taken ? 'no' : ''}\" })",
    );
    expect(ruby('{% if true and t %}a{% endif %}{% if false or no %}b{% endif %}')).not.toMatch(/true &&|false \|\|/);
    expect(ruby('{% if t %}x{% endif %}\n')).toBe(
      "A2C::Jinja.keep_trailing_newlines(A2C::Jinja.convert_data(A2C::Jinja.truthy(A2C::Jinja.var(node, 't')) ? 'x' : ''), 1)",
    );
  });
  it('keeps the other statements a TODO, naming the first', () => {
    for (const [v, construct] of [
      ['{% macro m() %}x{% endmacro %}{{ m() }}', 'string:macro'],
      ['{% set x %}block{% endset %}{{ x }}', 'string:setblock'],
      ['{% if t %}{% for x in l %}{{ x }}{% endfor %}{% endif %}', 'string:set'],
      ['{% set d2 = {} %}{% set _ = d2.update(d) %}{{ d2 }}', 'method:update'],
      ['{% if t %}{% filter upper %}{% if no %}a{% endif %}{% endfilter %}{% endif %}', 'string:filterblock'],
    ] as const) {
      const t = translateStringValue(v, scope);
      expect(t.ok ? 'translated' : t.construct).toBe(construct);
    }
  });
});

describe('a list built by statements in a variable string', () => {
  it('threads the list through the statements as one value', () => {
    expect(ruby('{% set p = base %}{% if t %}{% set _ = p.extend(more) %}{% endif %}{{ p | unique }}')).toBe(
      "A2C::Jinja.var(node, 'base').then { |list| A2C::Jinja.truthy(A2C::Jinja.var(node, 't')) ? A2C::Jinja.extended(list, A2C::Jinja.var(node, 'more')) : list }" +
        '.then { |p| A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.unique(p))) }',
    );
  });
  it('refuses what would let the list be seen while it changes', () => {
    for (const [v, why] of REFUSED_LISTS) {
      const t = translateStringValue(v, scope);
      expect(t.ok ? 'translated' : t.reason, v).toContain(why);
    }
  });
});

describe.skipIf(!haveTools)('{% if %} in a variable string vs real Ansible', () => {
  it('gives the value Ansible gives (or fails where it fails)', () => {
    const run = runStringValues(VALUES, VARS, scope);
    expect(stringValueMismatches(VALUES, run)).toEqual([]);
    // The cases reach both branches, both kinds of result and both failures.
    expect(run.want.filter((w) => w.error !== undefined)).toHaveLength(2);
    expect(run.want.map((w) => typeof w.out)).toEqual(expect.arrayContaining(['string', 'object', 'boolean']));
  });
  it('filters a {% filter %} block as Ansible does (or fails where it fails)', () => {
    const run = runStringValues(FILTERED, VARS, scope);
    expect(stringValueMismatches(FILTERED, run)).toEqual([]);
    expect(run.want.map((w) => typeof w.out)).toEqual(expect.arrayContaining(['string', 'object', 'boolean']));
  });
  it('builds the list Ansible builds (or fails where it fails)', () => {
    const run = runStringValues(LISTS, VARS, scope);
    expect(stringValueMismatches(LISTS, run)).toEqual([]);
    expect(run.want.filter((w) => w.error !== undefined).length).toBeGreaterThanOrEqual(8);
  });
});
