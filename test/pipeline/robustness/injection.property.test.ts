// Input text can never become Ruby or ERB code: random task names, values and template text
// round-trip through the printer to exactly themselves under real Ruby and Erubis.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText, recipeBody } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { outputTexts } from './robustness-helpers.js';

const haveRuby = requireOrSkip('ruby', hasTool('ruby'));
const haveErubis = haveRuby && requireOrSkip('erubis', spawnSync('ruby', ['-rerubis', '-e', '1']).status === 0);

/** A YAML double-quoted scalar for any well-formed string: everything outside printable ASCII escaped. */
function yamlQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"' || c === '\\') out += '\\' + c;
    else if (cp >= 0x20 && cp < 0x7f) out += c;
    else out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  return out + '"';
}

const noJinja = (s: string) => !/\{[{%#]/.test(s);
/** Text that is hard on a printer: quotes, escapes, interpolation, ERB tags, line breaks of every kind. */
const NASTY = [
  "'",
  '"',
  '\\',
  '#{',
  '#@x',
  '#$x',
  '}',
  '<%',
  '%>',
  '<%%',
  '%%>',
  '<%=',
  '-%>',
  '\n',
  '\r',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\v',
  '\f',
  '\0',
  '\x1b[31m',
  'end',
  '__END__',
  '=begin',
  '<<~EOS',
  'EOS',
  '`id`',
  '%q(',
  ')',
  'é',
  '😀',
  '\u202e',
  '\t',
];
const nasty = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 12 })
  .map((a) => a.join(''))
  .filter(noJinja);

/** Evaluates Ruby literals with real Ruby and returns their values. */
function evalRuby(literals: string[]): string[] {
  const script = `require 'json'\nputs JSON.generate([${literals.join(',\n')}])\n`;
  const r = spawnSync('ruby', ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

describe.skipIf(!haveRuby)('task names and values round-trip through real Ruby', () => {
  it('debug msg=<any string> logs exactly that string; the name stays one comment line', async () => {
    const samples = fc.sample(fc.tuple(nasty, nasty), { seed: 20240608, numRuns: 120 });
    const literals: string[] = [];
    for (const [name, msg] of samples) {
      const result = await convertRole({ 'tasks/main.yml': `- name: ${yamlQuote(name)}\n  debug:\n    msg: ${yamlQuote(msg)}\n` });
      expect(result.diagnostics.filter((d) => d.severity === 'error' || d.code.startsWith('A2C-INTERNAL'))).toEqual([]);
      const body = recipeBody(result, 'demo').split('\n');
      // Line 1 is the whole provenance comment, line 2 opens the resource: no name can add a line.
      expect(body[0]).toMatch(/^# tasks\/main\.yml:1( |$)/);
      expect(body[1]).toMatch(/^log /);
      const message = body.find((l) => l.startsWith('  message '));
      expect(message, body.join('\n')).toBeDefined();
      literals.push(message!.slice('  message '.length));
    }
    const values = evalRuby(literals);
    samples.forEach(([, msg], i) => expect(values[i], `${JSON.stringify(msg)} printed as ${literals[i]}`).toBe(msg));
  });

  it('command arguments and file contents round-trip', async () => {
    const samples = fc.sample(
      nasty.filter((s) => s.trim() !== '' && !/[\r\n\u2028\u2029\u0085\v\f\0]/.test(s)),
      { seed: 7, numRuns: 60 },
    );
    const literals: string[] = [];
    for (const s of samples) {
      const result = await convertRole({ 'tasks/main.yml': `- copy:\n    content: ${yamlQuote(s)}\n    dest: /etc/x\n` });
      const line = recipeBody(result, 'demo')
        .split('\n')
        .find((l) => l.startsWith('  content '));
      expect(line).toBeDefined();
      literals.push(line!.slice('  content '.length));
    }
    expect(evalRuby(literals)).toEqual(samples);
  });

  it('no generated Ruby file holds a heredoc', async () => {
    const samples = fc.sample(nasty, { seed: 11, numRuns: 40 });
    const sources: Array<[string, string]> = [];
    for (const s of samples) {
      const result = await convertRole({
        'tasks/main.yml': `- name: ${yamlQuote(s)}\n  shell: ${yamlQuote(`echo ${s}`)}\n- lineinfile:\n    path: /x\n    line: ${yamlQuote(s)}\n`,
        'defaults/main.yml': `v: ${yamlQuote(s)}\n`,
      });
      for (const [path, text] of outputTexts(result))
        if (path.endsWith('.rb') && !path.startsWith('ansible2chef_support/')) sources.push([path, text]);
    }
    // Ruby's own lexer finds heredocs; a pattern match would also find `<<~EOS` inside a string value.
    const script =
      "require 'ripper'\nrequire 'json'\nputs JSON.generate(JSON.parse(STDIN.read).map { |src| Ripper.lex(src).count { |t| t[1] == :on_heredoc_beg } })\n";
    const r = spawnSync('ruby', ['-e', script], { input: JSON.stringify(sources.map(([, t]) => t)), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    (JSON.parse(r.stdout) as number[]).forEach((n, i) => expect(n, sources[i]![0]).toBe(0));
    expect(
      sources.some(([, t]) => t.includes('<<~EOS')),
      'the values reached the Ruby',
    ).toBe(true);
  });
});

describe.skipIf(!haveErubis)('template text renders literally under Erubis', () => {
  it('ERB delimiters and Ruby interpolation in a template are text', async () => {
    const samples = fc.sample(nasty.map((s) => s.replace(/\r\n?/g, '\n')).filter(noJinja), { seed: 99, numRuns: 80 });
    const erbs: string[] = [];
    for (const t of samples) {
      const result = await convertRole({ 'tasks/main.yml': '- template: src=t.j2 dest=/t\n', 'templates/t.j2': t });
      erbs.push(outputText(result, 'demo/templates/t.erb'));
    }
    const script =
      "require 'erubis'\nrequire 'json'\nputs JSON.generate(JSON.parse(STDIN.read).map { |e| Erubis::Eruby.new(e).result(binding) })\n";
    const r = spawnSync('ruby', ['-e', script], { input: JSON.stringify(erbs), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const rendered = JSON.parse(r.stdout) as string[];
    // Ansible keeps a template's trailing newline (Jinja would drop it).
    rendered.forEach((out, i) => expect(out, JSON.stringify(samples[i])).toBe(samples[i]));
  });
});
