// Issue 18's proof: the audit's IPv6 fix is keyed by the source position of the Jinja node, so it
// reaches the node wherever the translator emits it. A template with a `{% macro %}` beside the
// join, a join inside a macro body, in an `{% include %}`d template and in a macro of an
// `{% from ... import %}`ed template all get A2C::Net.ipwrap, and CONVERSION.md lists the change (when order matching decided, the macro made
// it say "not rewritten: the template or task has no translated counterpart", which was false).
import { describe, expect, it } from 'vitest';
import { printErb } from '../../src/print/print-erb.js';
import { convertRole, outputText } from '../helpers/convert-helpers.js';

const TASK = '- name: write\n  ansible.builtin.template:\n    src: a.conf.j2\n    dest: /etc/a.conf\n';
const DEFAULTS = 'bind_addr: "2001:db8::10"\nbind_port: 443\n';
const WRAPPED = "A2C::Net.ipwrap(node['demo']['bind_addr'])";

async function convert(templates: Record<string, string>) {
  const files: Record<string, string> = { 'tasks/main.yml': TASK, 'defaults/main.yml': DEFAULTS };
  for (const [name, text] of Object.entries(templates)) files[`templates/${name}`] = text;
  const r = await convertRole(files);
  const t = r.cookbooks.flatMap((c) => c.templates).find((x) => x.path === 'a.conf.erb');
  if (!t) throw new Error('a.conf.j2 not translated');
  return { r, erb: printErb(t.body), conversion: outputText(r, 'CONVERSION.md'), report: r.findings.report! };
}

function fixedOnce(c: Awaited<ReturnType<typeof convert>>, at: string): void {
  expect(c.erb.split(WRAPPED)).toHaveLength(2);
  expect(c.report.notRewritten).toEqual([]);
  expect(c.report.rewrites.map((x) => `${x.span.file}:${x.span.line}:${x.span.col}`)).toEqual([at]);
  expect(c.conversion).toContain(`- ${at.replace(/:\d+$/, '')}: {{ bind_addr }} -> A2C::Net.ipwrap(...)`);
  expect(c.conversion).not.toContain('no translated counterpart');
  const join = c.report.findings.filter((f) => f.rule === 'address-port-join');
  expect(join.map((f) => f.fix)).toEqual(['emitted through A2C::Net.ipwrap: [addr]:port for IPv6, unchanged for IPv4 and host names']);
}

describe('the IPv6 fix reaches its node wherever it is emitted', () => {
  it('a plain template', async () => {
    const c = await convert({ 'a.conf.j2': 'bind {{ bind_addr }}:{{ bind_port }}\n' });
    fixedOnce(c, 'templates/a.conf.j2:1:6');
  });

  it('a template that also defines and calls a macro', async () => {
    const c = await convert({
      'a.conf.j2': '{% macro opt(k, v) %}{{ k }} = {{ v }}{% endmacro %}\n{{ opt("mode", "tcp") }}\nbind {{ bind_addr }}:{{ bind_port }}\n',
    });
    fixedOnce(c, 'templates/a.conf.j2:3:6');
    expect(c.erb).toContain('opt');
  });

  it('a join inside a macro body', async () => {
    const c = await convert({
      'a.conf.j2': '{% macro listen(port) %}bind {{ bind_addr }}:{{ port }}{% endmacro %}\n{{ listen(bind_port) }}\n{{ listen(8443) }}\n',
    });
    fixedOnce(c, 'templates/a.conf.j2:1:30');
  });

  it('a join in an included template', async () => {
    const c = await convert({ 'a.conf.j2': 'global\n{% include "listen.j2" %}\n', 'listen.j2': 'bind {{ bind_addr }}:{{ bind_port }}\n' });
    fixedOnce(c, 'templates/listen.j2:1:6');
  });

  it('a join in a macro imported from another template', async () => {
    const c = await convert({
      'a.conf.j2': '{% from "net.j2" import listen %}\n{{ listen(bind_addr, bind_port) }}\n',
      'net.j2': '{% macro listen(listen_addr, port) %}bind {{ listen_addr }}:{{ port }}{% endmacro %}\n',
    });
    expect(c.erb).toContain('A2C::Net.ipwrap(A2C::Jinja.out(listen_addr))');
    expect(c.erb.match(/ipwrap/g)).toHaveLength(1);
    expect(c.report.notRewritten).toEqual([]);
    expect(c.report.rewrites.map((x) => `${x.span.file}:${x.span.line}:${x.span.col}`)).toEqual(['templates/net.j2:1:43']);
    expect(c.conversion).toContain('- templates/net.j2:1: {{ listen_addr }} -> A2C::Net.ipwrap(...)');
    expect(c.conversion).not.toContain('no translated counterpart');
  });

  it('an --ipv6-only literal rewrite in an included template and in a macro body', async () => {
    const files: Record<string, string> = {
      'tasks/main.yml': TASK,
      'templates/a.conf.j2': '{% macro admin() %}\nbind 127.0.0.1:9000\n{% endmacro %}\n{{ admin() }}\n{% include "listen.j2" %}\n',
      'templates/listen.j2': 'bind 0.0.0.0:80\n',
    };
    const r = await convertRole(files, 'demo', { ipv6Only: true });
    const erb = printErb(r.cookbooks[0]!.templates.find((x) => x.path === 'a.conf.erb')!.body);
    expect(erb).toContain('bind [::1]:9000');
    expect(erb).toContain('bind [::]:80');
    expect(erb).not.toMatch(/127\.0\.0\.1|0\.0\.0\.0/);
    expect(r.findings.report!.notRewritten).toEqual([]);
    expect(r.findings.report!.rewrites.map((x) => x.change).sort()).toEqual(["'0.0.0.0' -> '[::]'", "'127.0.0.1' -> '[::1]'"]);
  });

  it('a template the translator gives up on after the join is reported as not rewritten', async () => {
    const r = await convertRole({
      'tasks/main.yml': TASK,
      'defaults/main.yml': DEFAULTS,
      'templates/a.conf.j2': 'bind {{ bind_addr }}:{{ bind_port }}\n{% import "x.j2" as x %}{{ x.m() }}\n',
      'templates/x.j2': '{% macro m() %}M{% endmacro %}',
    });
    expect(r.cookbooks.flatMap((c) => c.templates)).toEqual([]);
    expect(r.findings.report!.rewrites).toEqual([]);
    expect(r.findings.report!.notRewritten.map((x) => `${x.span.file}:${x.span.line}:${x.span.col}`)).toEqual(['templates/a.conf.j2:1:6']);
    expect(r.findings.report!.findings.find((f) => f.rule === 'address-port-join')!.fix).toMatch(
      /^would be emitted through A2C::Net\.ipwrap.* — not rewritten: the template or task has no translated counterpart$/,
    );
  });

  it('a join in a variable string after a Jinja string literal with a backslash (positions as written)', async () => {
    const r = await convertRole({
      'tasks/main.yml': '- ansible.builtin.debug: msg=hi\n',
      'defaults/main.yml': `vip: "2001:db8::1"\nurl: "{{ 'a\\\\b' }} {{ vip }}:80"\n`,
    });
    const url = r.cookbooks[0]!.attributes.find((a) => a.path[1] === 'url')!;
    expect(JSON.stringify(url.value)).toContain('"ipwrap"');
    expect(r.findings.report!.notRewritten).toEqual([]);
    expect(r.findings.report!.rewrites).toHaveLength(1);
  });

  it('a template no task renders is reported as not rewritten, which is true', async () => {
    const c = await convert({ 'a.conf.j2': 'plain\n', 'unused.j2': 'bind {{ bind_addr }}:{{ bind_port }}\n' });
    expect(c.report.rewrites).toEqual([]);
    expect(c.report.notRewritten.map((x) => `${x.span.file}:${x.span.line}`)).toEqual(['templates/unused.j2:1']);
    expect(c.conversion).toContain('not rewritten: the template or task has no translated counterpart');
  });
});
