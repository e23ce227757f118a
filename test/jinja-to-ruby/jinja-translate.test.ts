// One-line Jinja -> printed Ruby tests: the shape of the translation (helpers only
// where Ruby and Python differ, try-wrapping for undefinedness, refusals with
// their construct). Behaviour is proved in jinja-differential.test.ts.
import { describe, expect, it } from 'vitest';
import { parseExpression, parseTemplate } from '../../src/load/jinja/index.js';
import { printErb } from '../../src/print/print-erb.js';
import { printExpr } from '../../src/print/print-expr.js';
import { translateCondition, translateExpr } from '../../src/jinja-to-ruby/expr.js';
import type { JinjaScope } from '../../src/jinja-to-ruby/scope.js';
import { translateTemplate } from '../../src/jinja-to-ruby/template.js';
import { translateStringValue } from '../../src/jinja-to-ruby/string-value.js';
import { builtinTables } from '../../src/mapping/tables.js';
import { magicLookup } from '../../src/jinja-to-ruby/magic.js';

const scope: JinjaScope = {
  tables: builtinTables(),
  lookupVar: (n) => (['port', 'vip', 'users', 'enabled'].includes(n) ? { kind: 'attribute', path: ['haproxy', n] } : undefined),
  locals: new Map([['item', 'item']]),
};

function expr(src: string, cond = false): string {
  const p = parseExpression(src);
  if (!p.ok) throw new Error(p.error.message);
  const t = (cond ? translateCondition : translateExpr)(p.value, scope);
  return t.ok ? printExpr(t.value) : `untranslatable ${t.construct}`;
}

describe('Jinja expressions -> Ruby', () => {
  it.each([
    ['port', "A2C::Jinja.var(node, 'haproxy', 'port')"],
    ['item', 'item'],
    ['item.name', "A2C::Jinja.attr(item, 'name')"],
    ['item[0]', 'A2C::Jinja.item(item, 0)'],
    ["'a' ~ item", '"a#{A2C::Jinja.str(item)}"'],
    // Constant expressions are their value (const-eval.ts).
    ["'a' + 'b'", "'ab'"],
    ['1 + 2', '3'],
    ["'a' + 1", "A2C::Jinja.add('a', 1)"],
    ['item + 1', 'A2C::Jinja.add(item, 1)'],
    ['item / 2', 'A2C::Jinja.div(item, 2)'],
    ["port | default('80')", "A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.var(node, 'haproxy', 'port') }, '80')"],
    ["item | default('', true)", "A2C::Jinja.default(item, '', true)"],
    ['vip | lower', "A2C::Jinja.lower(A2C::Jinja.var(node, 'haproxy', 'vip'))"],
    [
      "users | map(attribute='name') | join(',')",
      "A2C::Jinja.join(A2C::Jinja.map_attr(A2C::Jinja.var(node, 'haproxy', 'users'), 'name'), ',')",
    ],
    [
      "users | selectattr('admin') | list",
      "A2C::Jinja.list(A2C::Jinja.selectattr(A2C::Jinja.var(node, 'haproxy', 'users'), 'admin') { |v| A2C::Jinja.truthy(v) })",
    ],
    ['inventory_hostname', 'node.name'],
    ['ansible_default_ipv6.address', "node.read!('ip6address')"],
    ['ansible_facts.os_family', "A2C::Facts.lookup(node.read!('platform_family'), 'os_family')"],
    ['ansible_memtotal_mb', "Integer(node.read!('memory', 'total').delete_suffix('kB'), 10) / 1024"],
    ["item | regex_replace('^a(b)', '\\\\1')", 'A2C::Jinja.regex_replace(item, /\\Aa(b)/, [1])'],
    ['unknown_var', 'untranslatable variable:unknown_var'],
    ['groups', 'untranslatable magic:groups'],
    ["lookup('env', 'HOME')", 'untranslatable lookup:env'],
    ["item | ipaddr('6to4')", 'untranslatable filter:ipaddr'],
    ['item | to_nice_yaml(2)', 'A2C::Jinja.to_nice_yaml(item, 2)'],
    ['item | nosuchfilter', 'untranslatable filter:nosuchfilter'],
    ['item.keys', 'untranslatable attribute:keys'],
    ['ansible_python_version', 'untranslatable fact:python_version'],
    ['ansible_pkg_mgr', 'A2C::Facts.pkg_mgr(node)'],
  ])('%s', (src, ruby) => {
    expect(expr(src)).toBe(ruby);
  });

  it.each([
    ['enabled | bool', "A2C::Jinja.bool(A2C::Jinja.var(node, 'haproxy', 'enabled'))"],
    ['port is defined', "A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.var(node, 'haproxy', 'port') })"],
    ['port is not defined', "!A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.var(node, 'haproxy', 'port') })"],
    ["item == 'x'", "A2C::Jinja.eq(item, 'x')"],
    // A read that fails rather than giving an undefined value, against a str or an empty dict/list: Ruby's ==.
    ["vip == 'x'", "A2C::Jinja.var(node, 'haproxy', 'vip') == 'x'"],
    ["'' != vip", "'' != A2C::Jinja.var(node, 'haproxy', 'vip')"],
    ['users != []', "A2C::Jinja.var(node, 'haproxy', 'users') != []"],
    ['port == 80', "A2C::Jinja.eq(A2C::Jinja.var(node, 'haproxy', 'port'), 80)"],
    ["users[0] == 'x'", "A2C::Jinja.eq(A2C::Jinja.item(A2C::Jinja.var(node, 'haproxy', 'users'), 0), 'x')"],
    ['item', 'A2C::Jinja.truthy(item)'],
    ["vip is version('2.0', '>=')", "A2C::Jinja.is_version(A2C::Jinja.var(node, 'haproxy', 'vip'), '2.0', '>=')"],
    ['item is changed', 'untranslatable test:changed'],
  ])('condition %s', (src, ruby) => {
    expect(expr(src, true)).toBe(ruby);
  });
});

describe('Jinja templates -> ERB', () => {
  function erb(src: string): string {
    const p = parseTemplate(src);
    if (!p.ok) throw new Error(p.error.message);
    const t = translateTemplate(p.value.nodes, p.value.settings, scope, { sourceText: src });
    return t.ok ? printErb(t.value) : `untranslatable ${t.construct}`;
  }

  it('keeps text and prints values through the helper', () => {
    expect(erb('bind {{ vip }}:80\n')).toBe("bind <%= A2C::Jinja.out(A2C::Jinja.var(node, 'haproxy', 'vip')) %>:80\n");
  });

  it("restores the source's trailing newline at run time when the output ends with a value", () => {
    // Jinja drops the final newline; Ansible re-adds it unless the value already ends with one.
    expect(erb('{{ vip }}\n')).toBe("<%= A2C::Jinja.end_with_newlines(A2C::Jinja.out(A2C::Jinja.var(node, 'haproxy', 'vip')), 1) %>");
  });

  it('writes the trailing newline as text where every path of the template agrees', () => {
    // A number never ends with a newline; a loop whose body ends with one leaves one either way.
    expect(erb('port {{ 8000 + 1 }}\n')).toBe('port 8001\n');
    expect(erb('head\n{% for x in users %}\n{{ x }}\n{% endfor %}\n')).not.toMatch(/end_with_newlines|_buf/);
    // The branch that prints a value wraps it; the other gets the newline as text.
    expect(erb('{% if enabled %}{{ vip }}{% else %}none{% endif %}\n')).toBe(
      "<% if A2C::Jinja.truthy(A2C::Jinja.var(node, 'haproxy', 'enabled')) %>\n<%= A2C::Jinja.end_with_newlines(A2C::Jinja.out(A2C::Jinja.var(node, 'haproxy', 'vip')), 1) %><% else %>none\n<% end %>\n",
    );
    // A loop ending without a newline: the text after it depends on whether it ran.
    expect(erb('a\n{% for x in users %}-{% endfor %}\n')).toMatch(/<% end %><% if !items1\.empty\? %>\n<% end %>\n$/);
    expect(erb('a{% for x in users %}-{% endfor %}\n')).toMatch(/<% end %>\n$/);
  });

  it('prints the output of a literal as plain text', () => {
    expect(erb("# {{ 'Ansible managed' }} {{ 3 }} {{ none }}{{ true }}\n")).toBe('# Ansible managed 3 True\n');
  });

  it('folds a magic setting known at conversion time as its literal (ansible_managed)', () => {
    const magic: JinjaScope = { ...scope, lookupMagic: magicLookup({ namespace: 'ns', groups: {} }) };
    const p = parseTemplate("{{ ansible_managed | comment }}\n{{ '# ' + ansible_managed }}\n{{ ansible_managed | upper }}\n");
    if (!p.ok) throw new Error(p.error.message);
    const t = translateTemplate(p.value.nodes, p.value.settings, magic);
    expect(t.ok && printErb(t.value)).toBe('#\n# Ansible managed\n#\n# Ansible managed\nANSIBLE MANAGED');
  });

  it('refuses includes when the other templates are unknown, and imports', () => {
    expect(erb('{% include "a.j2" %}')).toBe('untranslatable include');
    expect(erb('{% from "a.j2" import m %}')).toBe('untranslatable import');
  });

  it('renders capture bodies into a shadowing `_buf` block parameter', () => {
    expect(erb('{% filter upper %}x{% endfilter %}')).toBe(
      '<% captured = A2C::Jinja::Capture.new %>\n<% captured.each do |_buf| %>\nx<% end %><%= A2C::Jinja.upper(captured.text) %>',
    );
  });
});

describe('YAML string values with Jinja', () => {
  const value = (text: string): string => {
    const t = translateStringValue(text, scope);
    return t.ok ? printExpr(t.value) : `untranslatable ${t.construct}`;
  };

  it.each([
    ['plain', "'plain'"],
    [
      'bind {{ vip }}:{{ port }}',
      "\"bind #{A2C::Jinja.out(A2C::Jinja.var(node, 'haproxy', 'vip'))}:#{A2C::Jinja.out(A2C::Jinja.var(node, 'haproxy', 'port'))}\"",
    ],
    // A lone expression keeps its value; text that may read as a Python literal goes through convert_data.
    ['{{ users }}', "A2C::Jinja.convert_data(A2C::Jinja.var(node, 'haproxy', 'users'))"],
    ['[{{ port }}]', "A2C::Jinja.convert_data(\"[#{A2C::Jinja.out(A2C::Jinja.var(node, 'haproxy', 'port'))}]\")"],
    ['Tr{{ port }}', "A2C::Jinja.convert_data(\"Tr#{A2C::Jinja.out(A2C::Jinja.var(node, 'haproxy', 'port'))}\")"],
    // Ansible doubles backslashes in string literals inside {{ }} first (escape_backslashes).
    ["a{{ 'x\\\\y' }}", "'ax\\\\\\\\y'"],
  ])('%s', (text, ruby) => {
    expect(value(text)).toBe(ruby);
  });
});
