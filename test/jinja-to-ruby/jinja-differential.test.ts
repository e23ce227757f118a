// Differential tests: each case is rendered by Ansible's own Templar and, translated,
// by real Ruby + Erubis with the A2C::Jinja helper library; the bytes must be equal
// (or both must fail). Cases the translator refuses must say so (`refused: true`).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseExpression, parseTemplate } from '../../src/load/jinja/index.js';
import type { ErbNode } from '../../src/ir/chef-ir.js';
import { printErb } from '../../src/print/print-erb.js';
import { translateCondition } from '../../src/jinja-to-ruby/expr.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { translateTemplate } from '../../src/jinja-to-ruby/template.js';
import { magicLookup } from '../../src/jinja-to-ruby/magic.js';
import { hasPythonModule, hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { builtinTables } from '../../src/mapping/tables.js';

const VARS: Record<string, unknown> = {
  inventory_hostname: 'web1.example.com',
  s: 'Hello World', e: '', n: 0, i: 42, neg: -7, f: 1.5, big: 1e20, small: 1e-5, t: true, no: false, none: null,
  l: ['b', 'A', 'a', 'c'], nums: [3, 1, 2], empty: [], d: { b: 2, a: 1 }, nested: { x: { y: 'deep' } },
  users: [{ name: 'bob', uid: 2, admin: true }, { name: 'al', uid: 1 }, { name: 'cy', uid: 3, admin: false }],
  uni: 'é ü \u00a0 😀', quote: "it's", both: `it's "q"`, path: '/etc/nginx/nginx.conf', ver: '1.10.2',
  csv: 'a,b,,c', spaced: '  padded \t', yes: 'yes', one: '1', json: '{"a": [1, 2.0, null]}', port: '8080',
  ip6: 'fd00::2', lists: [[1, [2]], null, 'None', [3]], kv: [{ key: 'k1', value: 'v1' }, { key: 'k2', value: 2 }],
  strs: ['x', 'y'], mixed: [1, 'a', null, true, 2.5, { k: ['v'] }], zero_f: 0.0, b64: 'aGVsbG8=',
  pairs: [['a', 1], ['b', 2]], ml: 'line1\n\nline3', nl: 'ends\n', nls: '\n\n',
  // YAML and URL filters
  ystr: 'a: 1\nb: [yes, n, 0644, 1:30, ~, "q"]\nc:\n  d: 2.50\n', url: 'https://User:pw@Example.COM:8443/a/b?x=1&y=2#frag',
  url6: 'http://[FD00::2%Eth0]:5000/v3', long: `${'word '.repeat(25)}end`,
  yq: ['yes', 'null', '1.0', 'a: b', '#x', 'x #y', ' lead', 'trail ', '0644', '~', '', '-', '[x]', "it's", '"dq"', 'é', '😀', 'tab\there', '1:30', '2001-12-14', '=', '<<', 'a\nb\n', 'cr\r'],
  ydict: { 'b key': [1, { z: null, y: [] }], a: { x: 1e20, w: 1e-5, v: -0.0 }, '': 'empty key', 'yes': 'no', '1': 1 },
};

// Magic variables: what Ansible's play gives the template, and the inventory the Ruby side's
// static attributes (node['ns']['groups']) are generated from.
const GROUPS = { all: ['web1.example.com', 'db1'], ungrouped: [], web: ['web1.example.com'], db: ['db1'] };
const MAGIC_CONTEXT = { namespace: 'ns', groups: GROUPS, rolePath: '/srv/roles/web', playbookDir: '/srv', playHosts: ['web1.example.com'] };
Object.assign(VARS, {
  groups: GROUPS, group_names: ['web'], ansible_play_hosts: ['web1.example.com'], ansible_managed: 'Ansible managed',
  role_path: '/srv/roles/web', playbook_dir: '/srv', ansible_check_mode: false, omit: `__omit_place_holder__${'a2c0'.repeat(10)}`,
  ns: { groups: GROUPS },
});
VARS['hostvars'] = { 'web1.example.com': { ...VARS } };
const MAGIC_NAMES = new Set(['groups', 'group_names', 'ansible_play_hosts', 'ansible_managed', 'role_path', 'playbook_dir', 'ansible_check_mode', 'omit', 'hostvars']);

interface Case {
  /** A Jinja expression (rendered as `{{ expr }}`), a condition, or a whole template. */
  expr?: string;
  cond?: string;
  template?: string;
  /** Other templates an `{% include %}` of the case finds, by name. */
  files?: Readonly<Record<string, string>>;
  /** The translator must refuse this case (no faithful translation). */
  refused?: boolean;
}

const CASES: Case[] = [
  // printing and literals
  ...['s', 'i', 'neg', 'f', 'big', 'small', 't', 'none', 'l', 'd', 'nested', 'users', 'uni', 'mixed', 'quote', 'both', 'zero_f',
    '1 / 3', '10 / 2', '7 // 2', 'neg // 2', 'neg % 3', '2 ** 10', '2 ** -1', 's ~ i ~ none ~ t', 'l + strs', 'i + f',
    's * 2', 'i - 50', '-i', '[1, "a", None, True]', '{"a": [1, 2]}', '(1, "x")', 'i if t else s', 's if no else l',
    't and s', 'no or e', 'e or "fallback"', 'not e', '1 == 1.0', 't == 1', 'l[1]', 'l[-1]', 'l.0', 'd.a', 'd["b"]',
    'nested.x.y', 's[1:4]', 'l[:2]', 'users[0].name', 'inventory_hostname', "'a' in l", "'x' in d", "'ell' in s",
    "i > 40", "i < f", 's.split()', "csv.split(',')", "s.startswith('He')", "s.lower()", "d.get('z', 'dflt')",
    'missing', 'd.missing', 'nested.x.z', 'l[10]', 'none.x',
  ].map((expr) => ({ expr })),
  // filters
  ...['missing | default("dflt")', 'missing.x.y | d("dflt")', 'e | default("dflt")', 'e | default("dflt", true)',
    'none | default("dflt")', 'nested.x.y | default("no")', 'missing | default(i)', 'i | default(missing)',
    'yes | bool', 'one | bool', '"off" | bool', 'none | bool', 'port | int', '"1.9" | int', '"x" | int', '"x" | int(7)',
    ' " 12 " | int', 'f | int', 'port | float', 's | float', 'i | string', 'none | string', 's | lower', 's | upper',
    '"hELLO wORLD" | capitalize', '"hello big-world(x" | title', 'spaced | trim', 's | length', 'd | length', 'l | count',
    'l | first', 'l | last', 'd | first', 'empty | first', 'nums | min', 'nums | max', 'l | min', 'l | max',
    'nums | sum', 'nums | sum(start=10)', 'l | join(", ")', 'nums | join', 'csv | split(",")', 's | split', 's | replace("o", "0")',
    's | replace("o", "0", 1)', 's | regex_replace("o(.)", "\\\\1!")', 's | regex_replace("^H", "J")', 'path | regex_replace("\\\\.conf$", "")',
    's | regex_replace("\\\\bW", "w")', 's | regex_replace("(?P<x>o)", "0")', 's | regex_replace("(?P<x>o)(?P=x)?", "<\\\\g<x>>")',
    's | regex_search("(?i)w\\\\w+")', 's | regex_replace("(?m)^", "> ")', 's | regex_search("W\\\\w+")', 's | regex_search("(l+)o", "\\\\1")', 's | regex_search("zzz")', 'csv | regex_findall("[a-z]")',
    'ver | regex_findall("(\\\\d+)\\\\.(\\\\d)")', 'mixed | select("string") | list', 'mixed | select | list',
    'mixed | reject("none") | list', 'users | selectattr("admin") | list', 'users | selectattr("admin", "defined") | map(attribute="name") | list',
    'users | rejectattr("uid", "gt", 1) | list', 'users | map(attribute="name") | list', 'users | map(attribute="admin", default="n/a") | list',
    'l | map("upper") | list', 'l | unique', 'l | unique(case_sensitive=true)', 'l | union(["z", "a"])', 'l | intersect(["a", "c"])',
    'l | difference(["a"])', 'lists | flatten', 'lists | flatten(levels=1)', 'l | sort', 'l | sort(reverse=true)', 'l | sort(case_sensitive=true)',
    'users | sort(attribute="uid") | map(attribute="name") | list', 'd | dictsort', 'd | dict2items', 'kv | items2dict',
    'd | combine({"c": 3})', 'nested | combine({"x": {"z": 1}}, recursive=true)', 'nested | combine({"x": {"z": 1}})', 's | list',
    'mixed | to_json', 'd | to_json', 'uni | to_json', 'users | to_nice_json',
    'uni | to_json(ensure_ascii=false)', 'uni | to_nice_json(ensure_ascii=False)', 'ydict | to_nice_json(ensure_ascii=false)',
    '{uni: [uni, "\\u0001\\u007f\\u0080\\t"]} | to_json(ensure_ascii=false, sort_keys=true)', 'uni | to_json(ensure_ascii=s)',
    'uni | to_json(ensure_ascii=e)', 'mixed | to_nice_json(indent=2, ensure_ascii=no)', 'json | from_json', 's | b64encode', 'uni | b64encode',
    'b64 | b64decode', 'path | basename', 'path | dirname', '"/a/b/" | dirname', '["/etc", "nginx", "a.conf"] | path_join', 's | quote', 'quote | quote',
    'e | quote', 't | ternary("on", "off")', 'none | ternary("on", "off", "null")', '"a\\nb\\n\\nc" | indent(2)', '"a\\nb" | indent(2, true)',
    'missing | mandatory', 'i | mandatory',
    // comment styles and options
    's | comment', 'ml | comment', 'ml | comment("c")', 'ml | comment("cblock")', 'ml | comment("xml")', 'ml | comment("erlang")',
    's | comment(decoration="; ")', 's | comment("plain", prefix_count=2, postfix="#-")', 'ml | comment(beginning="BEGIN", end="END")',
    'ansible_managed | comment', 'i | comment',
    // magic variables
    'groups["all"]', 'groups.web', 'group_names', 'ansible_play_hosts', 'ansible_managed', 'role_path', 'playbook_dir',
    'ansible_check_mode', 'missing | default(omit)', 'hostvars[inventory_hostname].s', 'hostvars[inventory_hostname]["d"].a',
    'hostvars["web1.example.com"].nested.x.y', 'hostvars["nohost"].s', 'hostvars[inventory_hostname].missing | default("m")',
    // `.name` where Python has a list/str method of that name: the key of a dict, a failure otherwise
    'users[0].index | default("no index")', '{"count": 3}.count', 'd.index | default("none")',
    // ternary: an undefined value fails only when ternary returns it (os_cinder's first host or localhost)
    '("nogroup" in groups) | ternary(groups["nogroup"][0], "localhost")', '("all" in groups) | ternary(groups["all"][0], missing)',
    't | ternary(missing, "x")', 'd.zz | ternary(1, 2)',
    // first/last/min/max of an empty sequence: undefined until used (bench estate `groups[g] | first | default('localhost')`)
    '(l | first) | default("x")', '([] | first) | default("x")', '[] | first', '([] | last) | default(1)', '([] | min) | default(0)', '[] | max',
    'groups["web"] | first | default("localhost")', '(missing | first) | default("x")',
    // a group the inventory lacks: undefined, as in Ansible (the failure names the group to provide)
    'groups["nogroup"]', 'groups["nogroup"] | default(["none"])', 'groups["nogroup"][0] | default("first")', 'groups["web"][0]',
    // a group's hosts are names (VarType.values): printed and measured plainly; `groups.x` fails like `groups["x"]`
    'groups.web | length', 'groups.web | join(",")', 'groups.nogroup | default(["none"])', 'groups.nogroup', 'groups["web"] | length > 0',
  ].map((expr) => ({ expr })),
  // conditions and tests
  ...['i is defined', 'missing is defined', 'missing is undefined', 'd.a is defined', 'd.zz is defined', 'missing.x is defined',
    'none is none', 's is string', 'i is string', 'i is number', 't is number', 'f is integer', 'i is integer', 'f is float',
    'd is mapping', 'l is sequence', 's is iterable', 't is boolean', 'missing is string', 's is truthy', 'e is falsy',
    '"a" is in(l)', 't is sameas true', 'ver is version("1.9", ">")', 'ver is version_compare("1.10.2", "==")',
    'ver is version("1.10.10", "lt")', 's is match("Hel")', 's is match("ello")', 's is search("ello")', 's is regex("^W")',
    'i is eq(42)', 'i is ne(1)', 'i is lt(50)', 'i is ge(42)', 'i is equalto 42', 'i is gt 50', 's is not string',
    'l', 'e', 'd', 'n', 'f', 'none', 'missing', 't and i > 1', 'no or "x"', 'nums | length > 2', 'not missing is defined',
    'groups["nogroup"] is defined', 'groups["web"] is defined', '(l | first) is defined', '([] | first) is defined',
    'groups.nogroup is defined', 'groups.web is defined', 'groups.web | length > 1',
    // == against a str or an empty dict/list is Ruby's == on any value a read gives (plain Ruby)
    's == "Hello World"', '"Hello World" != s', 'i == "42"', 'one == "1"', 't == "True"', 'none == ""', 'none == "None"', 'e == ""',
    'n != ""', 'f == "1.5"', 'l == []', 'empty == []', 'd != {}', 'nested == {}', 'empty == {}', 'strs != ["x", "y"]', 'missing == "x"',
    'missing != ""', 'users[0].name == "bob"', 'd.zz == "x"',
  ].map((cond) => ({ cond })),
  // no faithful translation (yet): the translator must refuse
  // divisibleby / even / odd (Python's % on ints and floats); Ansible unrolls select's generator into a list
  ...['nums | select("odd")'].map((expr) => ({ expr })),
  ...['i is divisibleby 2', 'i is divisibleby(5)', 'i is even', 'i is odd', '7 is odd', '-3 is odd', '4.0 is even', 'nums | select("odd") | list', 'nums | reject("even") | list', 'nums | select("divisibleby", 3) | list']
    .map((cond) => ({ cond })),
  // dict views consumed by a filter that iterates them
  // The dict lookup through query()/q()/wantlist=True is dict2items; plain lookup() unwraps one result.
  ...['query("dict", d)', 'lookup("dict", d)', 'lookup("dict", {"k": 1})', 'q("dict", d) | map(attribute="key") | join(",")', 'lookup("dict", d, wantlist=True) | length', 'query("dict", {})', 'query("dict", l)'].map((expr) => ({ expr })),
  ...['d.keys() | list', 'd.values() | list', 'd.items() | list', 'd.keys() | length', 'd.keys() | sort | join(",")', 'nested.keys() | first'].map((expr) => ({ expr })),
  // ipwrap (ansible.utils): IPv6 bracketed once, everything else unchanged
  ...['ip6 | ansible.utils.ipwrap', 'ip6 | ipwrap', '"192.0.2.1" | ipwrap', '"host.example.com" | ipwrap', '"[::1]" | ipwrap',
    '"2001:db8::/64" | ipwrap', '"fe80::1%eth0" | ipwrap', '["::1", "10.0.0.1", "x"] | ipwrap', '"::" | ipwrap', '"::ffff:192.0.2.1" | ipwrap',
  ].map((expr) => ({ expr })),
  // to_yaml / to_nice_yaml: libyaml (through Psych) emitting PyYAML's representation
  ...['d | to_yaml', 'd | to_nice_yaml', 'users | to_yaml', 'users | to_nice_yaml', 'mixed | to_yaml', 'mixed | to_nice_yaml(indent=2)',
    'nested | to_nice_yaml(2)', 'ydict | to_yaml', 'ydict | to_nice_yaml', 'yq | to_yaml', 'yq | to_nice_yaml', 's | to_yaml', 'i | to_yaml',
    'f | to_yaml', 'big | to_yaml', 'small | to_yaml', 'none | to_yaml', 't | to_yaml', 'e | to_yaml', 'yes | to_yaml', 'one | to_yaml',
    'uni | to_yaml', 'ml | to_yaml', 'ml | to_nice_yaml', 'empty | to_yaml', 'empty | to_nice_yaml', '{} | to_nice_yaml', 'long | to_yaml',
    '[long, {"k": long}] | to_nice_yaml(width=40)', 'long | to_yaml(width=-1)', 'd | to_yaml(sort_keys=false)', 'ydict | to_nice_yaml(sort_keys=false)',
    '{"b": 1, "a": [1, 2], "c": {"z": none}} | to_yaml', '{"b": 1, "a": [1, 2]} | to_yaml(default_flow_style=true)',
    'nested | to_yaml(default_flow_style=false)', 'd | to_yaml(explicit_start=true, explicit_end=true)', 's | to_nice_yaml(explicit_end=true)',
    'users | to_yaml(default_style="\'")', 'd | to_nice_yaml(default_style="\\"")', 'ml | to_yaml(default_style="|")',
    '[d, d, [nested, nested]] | to_yaml', '{1: "a", "b": 2} | to_yaml', 'd | to_yaml(indent=5, width=20)', 'users | to_nice_yaml(canonical=true)',
    'missing | to_yaml', 'kv | items2dict | to_nice_yaml | indent(2)',
  ].map((expr) => ({ expr })),
  // from_yaml: libyaml's parser (through Psych) with PyYAML's YAML 1.1 resolver and SafeConstructor
  ...['ystr | from_yaml', '"x: 1" | from_yaml', '"[yes, no, y, n, On, 0644, 0o17, 09, 1:30, 190:20:30.15, 1_000, .inf, -.INF, ~, null, 1e3, 1.5e+3, 0x1F, -0b101, 3., .5]" | from_yaml',
    '"[!!str 12, !!int \'7\', !!float 1, ! 12, \'yes\', \\"null\\"]" | from_yaml', '"a: &x [1]\\nb: *x" | from_yaml', '"" | from_yaml', '"# only" | from_yaml',
    'd | from_yaml', 'ystr | from_yaml | to_json', '("k: v" | from_yaml).k', '"{b: 1, a: 2}" | from_yaml | dict2items', '"a: 1\\na: 2" | from_yaml',
    '"1: a\\n1.0: b\\ntrue: c" | from_yaml', '"|\\n  lit\\n  block\\n" | from_yaml', '"a: [1" | from_yaml', '"- a\\n---\\n- b" | from_yaml',
    '"[*u]" | from_yaml', '"!!bool y" | from_yaml', '"=: 1" | from_yaml', '"[=]" | from_yaml', 'd | to_yaml | from_yaml == d',
  ].map((expr) => ({ expr })),
  // urlsplit: Python's urllib.parse.urlsplit
  ...['url | urlsplit', 'url6 | urlsplit', ...['hostname', 'port', 'path', 'scheme', 'netloc', 'username', 'password', 'query', 'fragment']
    .flatMap((q) => [`url | urlsplit("${q}")`, `url6 | urlsplit("${q}")`]),
    '"http://h/p" | urlsplit("hostname")', '"//h:0" | urlsplit', '"/only/path?q" | urlsplit', '"mailto:a@b" | urlsplit("path")',
    '"http://[::ffff:192.0.2.1]/" | urlsplit("hostname")', '"http://h:65536/" | urlsplit("path")', '"http://h:x/" | urlsplit',
    '"http://[1.2.3.4]/" | urlsplit', '"http://[::1/" | urlsplit', '"http://h" | urlsplit("bogus")', 'i | urlsplit',
    'url | urlsplit("scheme") ~ "://" ~ (url | urlsplit("netloc"))',
  ].map((expr) => ({ expr })),
  // a dict view that map('filter') or select/reject only iterate: its elements, pairs as tuples
  ...['d.items() | map("join", "=") | join(",")', 'd.keys() | map("upper") | list', 'd.values() | select("odd") | list',
    'd.items() | reject("none") | list', 'd.items() | map("first") | list', '{} .items() | map("join") | list', 'missing.items() | map("join") | list',
    'l.items() | map("join") | list', 'l.items() | list', 's.keys() | list',
  ].map((expr) => ({ expr })),
  // str.find/rfind: code-point positions, -1 when absent, the empty text found at either end; a
  // non-str argument or receiver fails in both
  ...['s.find("o")', 's.find("zz")', 's.find("")', 'e.find("")', 'uni.find("😀")', 'uni.find("ü")', 's.rfind("o")', 's.rfind("")',
    'e.rfind("x")', '(d | to_json).find("a") != -1', '(missing | default("") | to_json).find("lvm") != -1', 's.find(1)', 'l.find("a")',
    'missing.find("a")',
  ].map((expr) => ({ expr })),
  ...['s.find("o", 5)', 's.find("o", -20)', 's.rfind("o", 1, 2)'].map((expr) => ({ expr, refused: true })),
  ...['d | to_yaml(allow_unicode=false)', 'd | to_yaml(2)', 'd | to_nice_yaml(default_flow_style=true)',
    'd | to_nice_yaml(2, indent=4)', 'hostvars[inventory_hostname]', '"s" in hostvars[inventory_hostname]',
    'hostvars[inventory_hostname]["ansible_" + s]', 'hostvars["localhost"].s', 'hostvars.localhost.s', 'd.append(1)', 'lookup("env", "HOME")', 'lookup("file", "/etc/hosts")',
    'lookup("pipe", "date")', 'd.keys()', 'd.items', 's.format(1)', 'range(3)', '"%s" % s', 'undefined_name',
    'ansible_python_version', 's | regex_replace("(?x) o", "0")', 's | regex_search("(?i)straße")', 's | regex_search("(a)(?(1)b)")',
  ].map((expr) => ({ expr, refused: true })),
  ...['r is changed', 'r is success', 'ver is version("1.0", ">", strict=true)']
    .map((cond) => ({ cond, refused: true })),
  // type_debug: compared with a class whose name does not depend on the value's origin
  ...['t | type_debug == "bool"', 'no | type_debug == "bool"', 's | type_debug == "bool"', 'i | type_debug == "bool"',
    '"bool" != n | type_debug', '(i > 1) | type_debug == "bool"', 'i | type_debug == "int"', 't | type_debug == "int"',
    'f | type_debug == "int"', 'f | type_debug != "float"', 'big | type_debug == "float"', 'none | type_debug == "NoneType"',
    'e | type_debug == "NoneType"', 'l | type_debug == "bool"', 'd | type_debug == "bool"', 'missing | type_debug == "bool"',
    'missing.x | type_debug == "bool"', 'users[0].admin | type_debug == "bool"', 'users[1].admin | default(false) | type_debug == "bool"',
  ].map((cond) => ({ cond })),
  ...['s | type_debug == "str"', 'l | type_debug == "list"', 'i | type_debug', 't | type_debug(1) == "bool"']
    .map((cond) => ({ cond, refused: true })),
  // templates
  ...[
    'a\n{% if t %}\nyes\n{% else %}\nno\n{% endif %}\nend\n',
    '{% for x in l %}{{ loop.index }}/{{ loop.length }}:{{ x }}{% if not loop.last %},{% endif %}{% endfor %}\n',
    '{% for x in empty %}\n{{ x }}\n{% else %}\nnone\n{% endfor %}\n',
    '{% for x in nums if x > 1 %}{{ loop.index0 }}={{ x }} {% endfor %}\n',
    '{% for k, v in d.items() %}\n{{ k }}={{ v }}\n{% endfor %}\n',
    '{% for k in d %}{{ k }}{% endfor %}\n\n',
    '{% for h in groups.web %}{{ h }}={{ loop.index }}{% endfor %}\n', '{% for h in groups["all"] %}[{{ h }}]{% endfor %}\n',
    '{% set x = i + 1 %}{{ x }}\n{% for y in nums %}{% set x = y %}{{ x }}{% endfor %}\n{{ x }}\n',
    '  {%- if t %} trimmed {% endif -%}  \nz\n',
    '{# comment #}\n{% raw %}{{ not }}{% endraw %}\n',
    'x: {{ none }} {{ [none] }}\n',
    '{% for u in users %}\n{{ u.name }} {{ loop.first }} {{ loop.revindex }}\n{% endfor %}',
    '{% for u in users %}\n{{ u.name }}\n{% endfor %}\n',
    '{% if missing is defined %}a{% elif i > 1 %}b{% else %}c{% endif %}\n',
    '#jinja2: trim_blocks: False\n{% if t %}\nkept\n{% endif %}\n',
    '{{ missing }}\n',
    // block without extends renders in place; its sets stay inside
    '{% set x = 1 %}{% block b %}{% set x = 2 %}{{ x }} {{ s }}{% endblock %} {{ x }}\n',
    // tuple targets with loop.*
    '{% for a, b in pairs %}{{ loop.index }}:{{ a }}={{ b }} {% endfor %}\n',
    '{% for k, v in d.items() %}{{ loop.index0 }}{{ k }}{{ v }}{% if not loop.last %},{% endif %}{% endfor %}\n',
    '{% for a, b in l %}{{ loop.index }}{{ a }}{% endfor %}\n',
    // a set inside an if is seen after it; inside a loop it does not leak out
    '{% if t %}{% set y = "T" %}{% else %}{% set y = "F" %}{% endif %}{{ y }}\n',
    '{% if no %}{% set y = 1 %}{% endif %}{{ y }}\n',
    '{% set y = "out" %}{% for v in nums %}{% if v > 1 %}{% set y = v %}{% endif %}{{ y }}{% endfor %} {{ y }}\n',
    '{% for k, v in d.items() %}{% if k == "a" %}{% set o = "A" %}{% elif k == "b" %}{% set o = "B" %}{% endif %}{{ o }}{% endfor %}\n',
    // the list.append idiom
    '{% set acc = [] %}{% for v in nums %}{% if acc.append(v * 2) %}{% endif %}{% endfor %}{{ acc }} {{ acc | sort | first }}\n',
    // magic in templates
    '{{ ansible_managed | comment }}\n{% for h in groups["all"] %}{{ h }}{% if h in group_names %} *{% endif %}\n{% endfor %}',
    'certs:\n  {{ users | to_nice_yaml(indent=2) | indent(2) }}\n{{ ydict | to_yaml }}',
    // Ansible's trailing newlines (the source's, restored after Jinja drops one) at each edge:
    // a value ending in a newline, only newlines, empty, None, typed values, a final if or loop
    ...['{{ nl }}\n', '{{ nl }}\n\n', 'a\n{{ nls }}\n\n\n', 'a\n{{ nls }}\n\n\n\n', 'a\n{{ e }}\n\n', '{{ e }}\n', 'a{{ e }}\n',
      '{{ i }}\n', '{{ f }}\n', '{{ t }}\n', '{{ l }}\n', '{{ d }}\n', 'x{{ none }}\n', '\n{{ none }}\n\n', '{{ nl }}{{ none }}\n\n',
      '{{ s }}\n\n', '{{ s }}\n{{ nl }}\n', 'x = {{ i + 1 }}\n', '{{ ml ~ "\n" }}\n',
      '{% for x in strs %}{{ x }}{% endfor %}x\n', '{% for x in empty %}{{ x }}\n{% endfor %}\n', 'a\n{% for x in empty %}-{% endfor %}\n\n',
      'a\n{% for x in strs %}-{% endfor %}\n\n', 'a{% for x in strs %}-\n{% endfor %}\n', 'a{% for x in empty %}-\n{% endfor %}\n',
      'a{% for x in empty %}-\n{% else %}{{ nl }}{% endfor %}\n', '{% for x in strs if x == "q" %}-\n{% endfor %}\n\n',
      '{% if t %}{{ nl }}{% elif no %}x{% endif %}\n', '{% if no %}{{ s }}{% endif %}\n', 'a\n{% if no %}{{ s }}{% endif %}\n',
      '{% if t %}{% set v = nl %}{% endif %}{{ v }}\n\n', '{% macro m() %}{{ nl }}{% endmacro %}{{ m() }}\n', '{% filter upper %}{{ nl }}{% endfilter %}\n',
      // literal outputs are text; `<%` in the text of a template
      "{{ 'Ansible managed' }} {{ 3 }} {{ true }} {{ none }}\n", "{{ '<% x %>' }} <%= s %>\n{{ s }} <% if\n", "a <% b\n{{ s }} %>\n",
    ],
  ].map((template) => ({ template })),
  ...[
    '{% include "x.j2" %}\n',
    '{{ lookup("env", "HOME") }}\n',
    '{{ "%s" % s }}\n',
    '{% set a, b = 1, 2 %}{{ a }}\n',
    '{% for x in l %}{% block b %}{{ x }}{% endblock %}{% endfor %}\n',
  ].map((template) => ({ template, refused: true })),
];

// ---- ipaddr / ipv4 / ipv6 (ansible.utils on python netaddr; A2C::Ipaddr) ----
// Every translated query against addresses, networks, netaddr's legacy forms, IPv6 spellings,
// non-addresses, lists and non-string values; then the corpus' forms and the refused queries.
{
  const values = ['"192.168.1.5/24"', '"192.168.1.0/24"', '"192.168.1.255/24"', '"10.0.0.1"', '"10.0.0.0/31"', '"0.0.0.0/0"',
    'ip6', '"2001:DB8:0:0:1::/64"', '"2001:db8::/126"', '"::ffff:192.0.2.1"', '"::1"', '"fe80::1%eth0"', '"host.example.com"',
    '"1.2.3"', '"1"', '" 01.2.3.4/255.255.0.0"', '"167772161/8"', 'i', '"8.8.8.8"', '"fec0::1/10"', 'e',
    '["10.0.0.1", "x", none, "::1/64", 5, "0.0.0.0/0", [], ["1.2.3.4"]]'];
  const queries = ['', 'address', 'ip', 'host', 'host/prefix', 'address/prefix', 'gateway', 'gw', 'hostnet', 'router', 'ip/prefix',
    'ip_netmask', 'network', 'network_id', 'subnet', 'network/prefix', 'cidr', 'net', 'netmask', 'hostmask', 'wildcard',
    'network_netmask', 'network_wildcard', 'broadcast', 'prefix', 'size', 'version', 'type', 'bool', 'int', 'public', 'private',
    'wrap', 'ipv4', 'ipv6', '0', '1', '-1', '2', '255', '-300'];
  CASES.push(
    ...values.flatMap((v) => queries.map((q) => ({ expr: q === '' ? `${v} | ipaddr` : `${v} | ansible.utils.ipaddr("${q}")` }))),
    ...values.flatMap((v) => ['ipv4', 'ipv6', 'ipv4("address")', 'ipv6("address")', 'ipv4("ipv6")', 'ipv6("ipv4")', 'ipv6("1")']
      .map((f) => ({ expr: `${v} | ansible.utils.${f}` }))),
    ...['none | ipaddr', 't | ipaddr', 'no | ipaddr', 'n | ipaddr', 'f | ipaddr', 'd | ipaddr', 'missing | ipaddr', 'l | ipaddr',
      'empty | ipaddr', '"1.2.3.4\\n" | ipaddr', '"٣.2.3.4" | ipaddr', '"1.2.3.4/+2_4" | ipaddr("netmask")', '"1_0/8" | ipaddr',
      '"::/::ffff" | ipaddr("prefix")', '"1.2.3.4/0.0.0.255" | ipaddr("netmask")', '"1::2::3" | ipaddr', '"[::1]" | ipaddr',
      '"1/33" | ipaddr', '"4294967296" | ipaddr', '"340282366920938463463374607431768211456" | ipaddr', '"1.2.3.4/24/5" | ipaddr',
      // corpus forms (openstack-ansible)
      '("10.0.0.5" ~ "/" ~ "255.255.252.0") | ansible.utils.ipaddr("host/prefix")', '"172.29.236.0/22" | ansible.utils.ipaddr("netmask")',
      '"172.29.236.0/22" | ansible.utils.ipaddr("1") | ansible.utils.ipaddr("address")', '"172.29.236.100/22" | ansible.utils.ipaddr("address")',
    ].map((expr) => ({ expr })),
    ...['"10.0.0.1" | ansible.utils.ipaddr', '"vip.example.com" | ansible.utils.ipaddr', 'not (ip6 | ansible.utils.ipaddr)',
      '(ip6 | ansible.utils.ipaddr) is string', '("x" | ansible.utils.ipaddr) is not string', '"0.0.0.0/0" | ipaddr("prefix")',
      '["x"] | ipaddr', '"10.0.0.0/24" | ipaddr("host")'].map((cond) => ({ cond })),
    ...['"10.0.0.1" | ipaddr("192.168.0.0/16")', '"10.0.0.1" | ipaddr("6to4")', '"10.0.0.1" | ipaddr(s)', '"10.0.0.1" | ipaddr("v4")',
      '"10.0.0.1" | ipaddr("1.5")', '"10.0.0.1" | ipaddr(1.0)', '"10.0.0.0/24" | ipaddr(1)', 'ip6 | ipaddr(-1)', '"10.0.0.1" | ipaddr("-0")', '"10.0.0.1" | ipaddr("address", 4)',
      '"10.0.0.0/24" | ipv4("first_usable")', '"10.0.0.1" | ipaddr(query="address")', '"10.0.0.1" | ipaddr("revdns")',
    ].map((expr) => ({ expr, refused: true })),
  );
}

// ---- template statements: macro/call, filter blocks, block set, with, include, recursive for ----
// Each body renders into a string (A2C::Jinja::Macro / Capture / RecursiveLoop) and is its own Jinja
// scope. `files` are other templates of the role an include finds (the Ansible side searches them
// through its loader; the translator inlines them).
{
  const TREE = '{% set tree = [{"n": 1, "c": [{"n": 2, "c": [{"n": 4, "c": []}]}]}, {"n": 3, "c": []}] %}';
  CASES.push(
    ...[
      // macros: positional, keyword and default arguments (a default may read an earlier parameter)
      '{% macro m(x) %}{{ x }}{% endmacro %}{{ m(1) }}\n',
      '{% macro m(a, b=a ~ "!") %}[{{ a }}|{{ b }}]{% endmacro %}{{ m(1) }}{{ m(b=2, a=3) }}{{ m(s) | upper }}\n',
      '{% macro m(a) %}[{{ a | default("dd") }}]{% endmacro %}{{ m() }}{{ m(missing) }}{{ m(none) }}\n',
      '{% macro m(a) %}{{ a }}{% endmacro %}{{ m() }}\n',
      '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}\n',
      '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(z=1) }}\n',
      '{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, a=2) }}\n',
      // late binding of template names, set scoping, a macro name re-set
      '{% set x = 1 %}{% macro m() %}{{ x }}{% endmacro %}{{ m() }}{% set x = 2 %}{{ m() }}\n',
      '{% set x = "out" %}{% macro m() %}{% set x = "in" %}{{ x }}{% endmacro %}{{ m() }} {{ x }}\n',
      '{% macro m() %}M{% endmacro %}{{ m() }}{% set m = "v" %}{{ m }}\n',
      // whitespace control around and inside macros
      '{% macro row(k, v) -%}\n  {{ k }} = {{ v }}\n{%- endmacro %}\n{% for k, v in d.items() %}\n{{ row(k, v) }}\n{% endfor %}\n',
      '{%- macro m(x) %}\n  <{{ x }}>\n{% endmacro -%}\n\n{{ m(i) }}{{ m(s) }}\n',
      '{% macro m(x) +%}\n  {{ x }}\n  {%+ endmacro %}[{{ m(1) }}]\n',
      // recursion, results used as strings, a macro defined in a loop body
      '{% macro show(v) %}{% if v is mapping %}{% for k in v %}{{ k }}:{{ show(v[k]) }};{% endfor %}{% else %}{{ v }}{% endif %}{% endmacro %}{{ show(nested) }} {{ show(d) }}\n',
      '{% macro m(x) %} {{ x }} {% endmacro %}{% set y = m(i) | trim %}[{{ y }}]{{ m(1) ~ m(2) }}{{ m(1) | length }}{% if m(0) %}T{% endif %}\n',
      '{% for u in users %}{% macro greet(p) %}{{ p }} {{ u.name }}{% endmacro %}{{ greet("hi") }},{% endfor %}\n',
      // call blocks: caller() with and without arguments, a macro that takes no caller
      '{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap("b") %}in {{ s }}{% endcall %}\n',
      '{% macro each(items) %}{% for x in items %}{{ caller(x, loop.index) }}{% endfor %}{% endmacro %}{% call(v, n) each(nums) %}{{ n }}={{ v }} {% endcall %}\n',
      '{% macro m() %}x{% endmacro %}{% call m() %}y{% endcall %}\n',
      '{% macro twice() %}{{ caller() }}{{ caller() }}{% endmacro %}\n{%- call twice() -%}\n  {{ i }}\n{%- endcall %}\nend\n',
      // filter blocks
      '{% filter upper %}a{% endfilter %}\n',
      '{% filter upper | replace("A", "4") %}\n  a{{ s }}\n{% endfilter %}\n',
      '{%- filter indent(4) -%}\nx\ny\n{%- endfilter %}\nz\n',
      '{% filter trim %}  {% for x in l %}{{ x }} {% endfor %}  {% endfilter %}|\n',
      '{% set x = 1 %}{% filter upper %}{% set x = 2 %}{{ x }}{% endfilter %}{{ x }}\n',
      '{% filter length %}abc{% endfilter %} {% filter to_json %}{{ i }}{% endfilter %} {% filter regex_replace("b+", "B") %}abbc{% endfilter %}\n',
      // block sets
      '{% set v %}\n a{{ s }} \n{% endset %}[{{ v }}]\n',
      '{% set v | trim %} a{{ s }} {% endset %}[{{ v }}]{{ v is string }}\n',
      '{% set v | upper | replace("L", "_") %}{{ s }}{% endset %}{{ v }}\n',
      '{% set x = 1 %}{% set y %}{% set x = 2 %}{{ x }}{% endset %}{{ y }}{{ x }}\n',
      '{% for u in users %}{% set line -%}\n  {{ u.name }}={{ u.uid }}\n{%- endset %}{{ line }};{% endfor %}\n',
      '{% if t %}{% set v %}yes{% endset %}{% endif %}{{ v }}\n',
      // with
      '{% with a = 1 %}{{ a }}{% endwith %}\n',
      '{% with a = 1, b = s %}{{ a }}{{ b }}{% endwith %}\n',
      '{% set x = 1 %}{% with %}{% set x = 2 %}{{ x }}{% endwith %}{{ x }}\n',
      '{% with x = i %}\n{{ x }}\n{% endwith %}\n{{ i }}\n',
      '{% for u in users %}{%- with n = u.name ~ "!" -%} {{ n }} {%- endwith %}{% endfor %}\n',
      // recursive loops
      '{% for x in l recursive %}{{ x }}{% endfor %}\n',
      `${TREE}{% for x in tree recursive %}{{ x.n }}({{ loop(x.c) }}){% endfor %}\n`,
      `${TREE}{% for x in tree if x.n != 2 recursive %}{{ loop.index }}.{{ x.n }}{% if x.c %}[{{ loop(x.c) }}]{% endif %}{% if not loop.last %},{% endif %}{% endfor %}\n`,
      `${TREE}\n{% for x in tree recursive %}\n- {{ x.n }}\n{% if x.c %}\n{{ loop(x.c) -}}\n{% endif %}\n{% endfor %}\n`,
      `${TREE}{% for x in tree recursive %}{{ x.n }}{% for y in x.c %}<{{ y.n }}>{% endfor %}{{ loop(x.c) }}{% endfor %}\n`,
      `{% for x in [1, [2, [3]], 4] recursive %}{% if x is sequence %}({{ loop(x) }}){% else %}{{ x }}{% endif %}{% endfor %}\n`,
    ].map((template) => ({ template })),
    // includes of other templates of the role
    ...([
      ['{% include "a.j2" %}|\n', { 'a.j2': 'A{{ s }}\n' }],
      ['{% for x in nums %}{% include "row.j2" %}{% endfor %}\n', { 'row.j2': '{{ x }}-{{ i }}\n' }],
      ['{% include "b.j2" %}{{ s }}\n', { 'b.j2': '{% set s = "changed" %}[{{ s }}]\n' }],
      ['{% set y = 5 %}{% include "c.j2" %}\n', { 'c.j2': 'y={{ y }}' }],
      ['{% include "sub/outer.j2" %}\n', { 'sub/outer.j2': '<{% include "inner.j2" %}>\n', 'inner.j2': 'in {{ s }}\n\n' }],
      ['a\n  {%- include "a.j2" -%}\n  b\n', { 'a.j2': '\n A{{ s }} \n' }],
      ['{% include "a.j2" %}\nnext\n{% include "a.j2" +%}\nlast\n', { 'a.j2': '{% if t %}\nT\n{% endif %}\n' }],
      ['{% include "nope.j2" ignore missing %}ok\n', {}],
      ['{% include "nope.j2" %}ok\n', {}],
      ['{% include "m.j2" %}{{ s }}\n', { 'm.j2': '{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(i) }}' }],
      ['{% macro m(x) %}<{{ x }}>{% endmacro %}{% include "usem.j2" %}\n', { 'usem.j2': '{{ m(1) }}' }],
      ['{% include "missing_var.j2" %}\n', { 'missing_var.j2': '{{ missing }}' }],
      // imports of macros that read only their parameters (the same with or without context)
      ['{% from "x.j2" import m %}{{ m() }}\n', { 'x.j2': '{% macro m() %}M{% endmacro %}' }],
      ['{% from "net.j2" import listen as l, other %}{{ l(s, i) }}|{{ l(nums) }}|{{ other() }}\n', { 'net.j2': 'text is not rendered\n{% macro listen(a, p=443) %}bind {{ a }}:{{ p }}{% endmacro %}\n{% macro other() -%}\n  o\n{%- endmacro %}\n' }],
      ['{% from "r.j2" import rows -%}\n{{ rows(nums) }}\n{% for u in users %}{{ rows([u.name]) }}{% endfor %}\n', { 'r.j2': '{% macro rows(xs) %}{% for x in xs %}{{ loop.index }}={{ x }};{% endfor %}{% endmacro %}' }],
      ['{% from "w.j2" import wrap %}{% call wrap("b") %}in {{ s }}{% endcall %}\n', { 'w.j2': '{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}' }],
    ] as const).map(([template, files]) => ({ template, files })),
    // refused: Jinja gives these a meaning the translation does not reproduce (or cannot know)
    ...([
      ['{% macro m() %}{{ varargs }}{% endmacro %}{{ m(1) }}\n', {}],
      ['{% macro m() %}{{ kwargs }}{% endmacro %}{{ m(a=1) }}\n', {}],
      ['{% macro m() %}{{ y }}{% endmacro %}{% set y = 5 %}{{ m() }}\n', {}],
      ['{% macro m(a) %}{{ a }}{% endmacro %}{{ m }}\n', {}],
      ['{% if t %}{% macro m() %}M{% endmacro %}{% endif %}{{ m() }}\n', {}],
      ['{% call undefined_macro() %}x{% endcall %}\n', {}],
      ['{% from "x.j2" import m %}{{ m() }}\n', { 'x.j2': '{% macro m() %}{{ s }}{% endmacro %}' }],
      ['{% from "x.j2" import m %}{{ m() }}\n', { 'x.j2': '{% macro n() %}N{% endmacro %}{% macro m() %}{{ n() }}{% endmacro %}' }],
      ['{% from "x.j2" import nope %}x\n', { 'x.j2': '{% macro m() %}M{% endmacro %}' }],
      ['{% import "x.j2" as x %}{{ x.m() }}\n', { 'x.j2': '{% macro m() %}M{% endmacro %}' }],
      ['{% with a = 1, b = a %}{{ b }}{% endwith %}\n', {}],
      ['{% with a, b = pairs[0] %}{{ a }}{% endwith %}\n', {}],
      ['{% set a, b %}x{% endset %}\n', {}],
      ['{% include "self.j2" %}\n', { 'self.j2': '{% if false %}{% include "self.j2" %}{% endif %}x' }],
      ['{% include s ~ ".j2" %}\n', { 'Hello World.j2': 'x' }],
      ['{% include ["a.j2", "b.j2"] %}\n', { 'a.j2': 'x' }],
      ['{% include "a.j2" without context %}\n', { 'a.j2': 'x' }],
      ['{% include "../a.j2" %}\n', { 'a.j2': 'x' }],
      ['{% include "h.j2" %}\n', { 'h.j2': '#jinja2: trim_blocks: False\nx' }],
      ['{% include "bad.j2" %}\n', { 'bad.j2': '{% if %}' }],
      ['{% for x in l %}{% include "a.j2" %}{% endfor %}\n', { 'a.j2': '{{ loop.index }}' }],
      ['{% for x in l recursive %}{{ x }}{% else %}none{% endfor %}\n', {}],
      [`${TREE}{% for x in tree recursive %}{{ loop.depth }}{% endfor %}\n`, {}],
      [`${TREE}{% for x in tree recursive %}{% for y in x.c %}{{ loop(y.c) }}{% endfor %}{% endfor %}\n`, {}],
    ] as const).map(([template, files]) => ({ template, files, refused: true })),
  );
}

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (name) => (MAGIC_NAMES.has(name) ? undefined : name in VARS || name === 'missing' || name === 'r' ? { kind: 'attribute', path: [name] } : undefined),
  locals: new Map(),
  lookupMagic: magicLookup(MAGIC_CONTEXT),
};

/** The ERB for one case, or the refusal. */
function translate(c: Case): { erb: string; source: string } | { refused: string } {
  if (c.cond !== undefined) {
    const p = parseExpression(c.cond);
    if (!p.ok) throw new Error(`parse ${c.cond}: ${p.error.message}`);
    const t = translateCondition(p.value, scope);
    if (!t.ok) return { refused: `${t.construct}: ${t.reason}` };
    const erb: ErbNode[] = [{ k: 'if', branches: [{ cond: t.value, body: [{ k: 'text', text: 'True' }] }], otherwise: [{ k: 'text', text: 'False' }] }];
    return { erb: printErb(erb), source: `{% if ${c.cond} %}True{% else %}False{% endif %}` };
  }
  const source = c.template ?? `{{ ${c.expr} }}`;
  const p = parseTemplate(source);
  if (!p.ok) throw new Error(`parse ${source}: ${p.error.message}`);
  const files = c.files;
  const include = files && ((name: string) => (Object.hasOwn(files, name) ? { file: name, text: files[name] as string } : undefined));
  const t = translateTemplate(p.value.nodes, p.value.settings, scope, { sourceText: source, ...(include ? { include, file: '(case)' } : {}) });
  if (!t.ok) return { refused: `${t.construct}: ${t.reason}` };
  return { erb: printErb(t.value), source };
}

function runJson(cmd: string, args: string[], input: unknown): Array<{ out?: string; error?: string }> {
  const r = spawnSync(cmd, args, { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Array<{ out?: string; error?: string }>;
}

const haveTools = requireOrSkip('ansible+ruby+erubis', hasPythonModule('ansible') && hasTool('ruby') &&
  spawnSync('ruby', ['-e', 'require "erubis"'], { stdio: 'ignore' }).status === 0);

describe.skipIf(!haveTools)('Jinja translation vs real Ansible and Erubis', () => {
  const translated = CASES.map(translate);
  const ok = CASES.map((c, i) => ({ c, t: translated[i] as { erb: string; source: string } })).filter((x) => 'erb' in x.t);
  const expected = runJson('/usr/bin/python3', ['test/tools/jinja-diff-ansible.py'], ok.map((x) => ({ template: x.t.source, vars: VARS, ...(x.c.files ? { files: x.c.files } : {}) })));
  const actual = runJson('ruby', ['test/tools/jinja-diff-render.rb'], ok.map((x) => ({ erb: x.t.erb, vars: VARS, node_name: VARS['inventory_hostname'] })));
  const results = new Map(ok.map((x, i) => [x.c, { exp: expected[i], act: actual[i], erb: x.t.erb }]));

  it.each(CASES.map((c) => [c.expr ?? c.cond ?? c.template ?? '', c] as const))('%s', (_label, c) => {
    const t = translate(c);
    if (c.refused) {
      expect('refused' in t, 'expected an untranslatable result').toBe(true);
      return;
    }
    if ('refused' in t) {
      // A refusal is acceptable only where Ansible itself fails or the case is listed as refused.
      expect.fail(`refused: ${t.refused}`);
    }
    const r = results.get(c);
    if (!r) throw new Error('no result');
    const { exp, act, erb } = r;
    if (exp?.error !== undefined) {
      expect(act?.error, `Ansible failed (${exp.error}); Ruby rendered ${JSON.stringify(act?.out)}\n${erb}`).toBeDefined();
    } else {
      expect(act?.error, `Ruby failed\n${erb}`).toBeUndefined();
      expect(act?.out, erb).toBe(exp?.out);
    }
  });
});
