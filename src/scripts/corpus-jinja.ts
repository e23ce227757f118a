// `npm run corpus:jinja [corpusDir] [--json]`: how well the Jinja stage handles real content.
//
// Three figures over the corpus (default ../shared/corpus):
//  1. parser agreement: every template, Jinja string and conditional (plus broken variants of the
//     templates) is accepted or rejected by both our parser and real Jinja2 (test/tools/jinja-parse.py);
//  2. templates translated to ERB without a TODO, and what blocks the others;
//  3. differentially identical: each translated template rendered by Ansible's own templating
//     (test/tools/jinja-corpus-ansible.py, one Python process) and its ERB by Erubis with the
//     A2C::Jinja library (test/tools/jinja-diff-render.rb, one Ruby process), on the role's
//     defaults/main.yml + vars/main.yml, the ground-truth facts and a one-host inventory.
//     Templates that Ansible itself cannot render with those variables are counted separately.
// A role variable lives at node[<cookbook>][<var>] as in the pipeline (src/resolve/symbols.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSink } from '../base/diagnostics.js';
import { isMap, mapKeys, parseYaml } from '../load/ansible/yaml.js';
import { parseExpression, parseString, parseTemplate } from '../load/jinja/index.js';
import { printErb } from '../print/print-erb.js';
import { cookbookName } from '../resolve/cookbook-name.js';
import { translateTemplate } from '../jinja-to-ruby/template.js';
import { includeResolver } from '../translate/jinja-bridge.js';
import { magicLookup } from '../jinja-to-ruby/magic.js';
import type { JinjaScope } from '../jinja-to-ruby/scope.js';
import { builtinTables } from '../mapping/tables.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOOLS = join(REPO, 'test', 'tools');
const PYTHON = '/usr/bin/python3';
/** The project namespace used for variables no role defines. */
const NAMESPACE = 'corpus';
const HOST = 'web1.example.com';
const GROUPS: Record<string, string[]> = { all: [HOST], ungrouped: [], webservers: [HOST] };

export interface ParserFigures {
  items: number;
  agree: number;
  disagreements: string[];
}
export interface TemplateResult {
  file: string;
  translated: boolean;
  /** First untranslatable construct, e.g. `filter:to_yaml`, with its position. */
  todo?: { construct: string; reason: string; line: number; col: number };
  /** identical | different | ruby-failed | ansible-failed (Ansible cannot render it with these variables). */
  render?: 'identical' | 'different' | 'both-failed' | 'ruby-failed' | 'ansible-failed';
  detail?: string;
}
export interface JinjaCorpusFigures {
  parser: ParserFigures & { percent: number };
  templates: { total: number; translated: number; percent: number };
  differential: {
    /** Translated templates that Ansible renders with the corpus variables. */
    renderable: number;
    identical: number;
    percent: number;
    /** Translated templates Ansible itself cannot render with these variables (Ruby must fail too). */
    ansibleCannotRender: number;
    ansibleCannotRenderRubyAgrees: number;
  };
  untranslated: Array<{ construct: string; templates: number }>;
  results: TemplateResult[];
}

const pct = (n: number, d: number): number => (d ? Math.round((1000 * n) / d) / 10 : 0);

function runJson(cmd: string, args: string[], input?: unknown): unknown {
  const r = spawnSync(cmd, args, {
    input: input === undefined ? undefined : JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 512 << 20,
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface ParseItem {
  kind: 'template' | 'string' | 'expression' | 'mutant';
  file: string;
  text: string;
  ok: boolean;
  line?: number;
}

function parserAgreement(root: string): ParserFigures {
  const items = runJson(PYTHON, [join(TOOLS, 'jinja-parse.py'), 'corpus', root]) as ParseItem[];
  const disagreements: string[] = [];
  for (const item of items) {
    const r =
      item.kind === 'expression' ? parseExpression(item.text) : item.kind === 'string' ? parseString(item.text) : parseTemplate(item.text);
    const agree = r.ok === item.ok && (r.ok || r.error.pos.line === item.line);
    if (!agree) disagreements.push(`${item.kind} ${item.file}: ${JSON.stringify(item.text.slice(0, 80))}`);
  }
  return { items: items.length, agree: items.length - disagreements.length, disagreements };
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.j2')) out.push(p);
  }
  return out;
}

/** The role holding a template: the parent of its `templates/` folder (else the template's folder). */
function roleDirOf(file: string): string {
  const parts = file.split(sep);
  const t = parts.lastIndexOf('templates');
  return t > 0 ? parts.slice(0, t).join(sep) : dirname(file);
}

/** defaults/main then vars/main (vars win), as Ansible's precedence has them. */
function varFiles(roleDir: string): string[] {
  const files: string[] = [];
  for (const d of ['defaults', 'vars']) {
    const f = ['main.yml', 'main.yaml'].map((n) => join(roleDir, d, n)).find(existsSync);
    if (f) files.push(f);
  }
  return files;
}

function topLevelNames(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    const docs = parseYaml(readFileSync(f, 'utf8'), f, new DiagnosticSink());
    const root = docs[0]?.root;
    if (isMap(root)) for (const k of mapKeys(root)) names.add(k);
  }
  return names;
}

interface FactRow {
  ansible: string;
  ohai: string;
  ansible_value?: unknown;
  ohai_value?: unknown;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = target;
  for (const k of path.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[path[path.length - 1] as string] = value;
}

/** Ansible-side facts (ansible_facts + injected ansible_* vars) and Ohai-side node attributes. */
function factVars(groundTruth: string): { ansible: Record<string, unknown>; ohai: Record<string, unknown> } {
  const rows = (JSON.parse(readFileSync(groundTruth, 'utf8')) as { rows: FactRow[] }).rows;
  const facts: Record<string, unknown> = {};
  const ohai: Record<string, unknown> = {};
  for (const r of rows) {
    if (r.ansible.startsWith('ansible_') && r.ansible_value !== undefined)
      setPath(facts, r.ansible.slice('ansible_'.length).split('.'), r.ansible_value);
    if (r.ohai && r.ohai_value !== undefined) setPath(ohai, r.ohai.split('.'), r.ohai_value);
  }
  const ansible: Record<string, unknown> = { ansible_facts: facts };
  for (const [k, v] of Object.entries(facts)) ansible[`ansible_${k}`] = v;
  return { ansible, ohai };
}

export interface CorpusOptions {
  groundTruth?: string;
  skipParser?: boolean;
}

export function measureJinjaCorpus(root: string, opts: CorpusOptions = {}): JinjaCorpusFigures {
  const groundTruth = opts.groundTruth ?? resolve(root, '../ground-truth/facts.json');
  const parser = opts.skipParser ? { items: 0, agree: 0, disagreements: [] } : parserAgreement(root);
  const facts = factVars(groundTruth);
  const results: TemplateResult[] = [];
  const roles = new Map<string, { dir: string; files: string[]; cookbook: string; names: Set<string> }>();
  const toRender: Array<{ result: TemplateResult; role: string; text: string; erb: string }> = [];

  for (const file of walk(root, [])) {
    const rel = relative(root, file);
    const text = readFileSync(file, 'utf8');
    const roleDir = roleDirOf(file);
    let role = roles.get(roleDir);
    if (!role) {
      const files = varFiles(roleDir);
      role = { dir: roleDir, files, cookbook: cookbookName(basename(roleDir)), names: topLevelNames(files) };
      roles.set(roleDir, role);
    }
    const result: TemplateResult = { file: rel, translated: false };
    results.push(result);
    const parsed = parseTemplate(text);
    if (!parsed.ok) {
      result.todo = { construct: 'syntax', reason: parsed.error.message, line: parsed.error.pos.line, col: parsed.error.pos.col };
      continue;
    }
    const { cookbook, names } = role;
    const scope: JinjaScope = {
      tables: builtinTables(),
      locals: new Map(),
      lookupVar: (n) => (names.has(n) ? { kind: 'attribute', path: [cookbook, n] } : undefined),
      lookupUndeclared: (n) => ({ kind: 'attribute', path: [NAMESPACE, n] }),
      lookupMagic: magicLookup({
        namespace: NAMESPACE,
        groups: GROUPS,
        playHosts: [HOST],
        rolePath: roleDir,
        playbookDir: dirname(roleDir),
      }),
    };
    // Includes of the role's other templates are inlined, as in a conversion.
    const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);
    const t = translateTemplate(parsed.value.nodes, parsed.value.settings, scope, {
      sourceText: text,
      file,
      include: includeResolver(file, { roleDir, read }),
    });
    if (!t.ok) {
      result.todo = { construct: t.construct, reason: t.reason, line: t.pos.line, col: t.pos.col };
      continue;
    }
    result.translated = true;
    toRender.push({ result, role: roleDir, text, erb: printErb(t.value) });
  }

  const magic = {
    inventory_hostname: HOST,
    inventory_hostname_short: HOST.split('.')[0],
    groups: GROUPS,
    group_names: ['webservers'],
    ansible_play_hosts: [HOST],
    ansible_play_hosts_all: [HOST],
    ansible_play_batch: [HOST],
    ansible_managed: 'Ansible managed',
    ansible_check_mode: false,
    omit: '__omit_place_holder__' + 'a2c0'.repeat(10),
  };
  const request = {
    common: { ...facts.ansible, ...magic },
    roles: Object.fromEntries([...roles].map(([dir, r]) => [dir, { dir: r.dir, files: r.files }])),
    templates: toRender.map((x) => ({ role: x.role, text: x.text })),
  };
  const reference = runJson(PYTHON, [join(TOOLS, 'jinja-corpus-ansible.py')], request) as {
    vars: Record<string, Record<string, unknown>>;
    renders: Array<{ out?: string; error?: string }>;
  };
  const rubyCases = toRender.map((x) => {
    const role = roles.get(x.role) as { cookbook: string; dir: string };
    const node: Record<string, unknown> = structuredClone(facts.ohai);
    node[role.cookbook] = reference.vars[x.role] ?? {};
    node[NAMESPACE] = { groups: GROUPS };
    return { erb: x.erb, vars: node, node_name: HOST };
  });
  const actual = runJson('ruby', [join(TOOLS, 'jinja-diff-render.rb')], rubyCases) as Array<{ out?: string; error?: string }>;
  toRender.forEach((x, i) => {
    const exp = reference.renders[i];
    const act = actual[i];
    if (exp?.error !== undefined) {
      x.result.render = act?.error !== undefined ? 'both-failed' : 'ansible-failed';
      x.result.detail = exp.error;
    } else if (act?.error !== undefined) {
      x.result.render = 'ruby-failed';
      x.result.detail = act.error;
    } else if (act?.out === exp?.out) {
      x.result.render = 'identical';
    } else {
      x.result.render = 'different';
      x.result.detail = firstDifference(exp?.out ?? '', act?.out ?? '');
    }
  });

  const translated = results.filter((r) => r.translated).length;
  const failedInAnsible = results.filter((r) => r.render === 'both-failed' || r.render === 'ansible-failed');
  const renderable = translated - failedInAnsible.length;
  const identical = results.filter((r) => r.render === 'identical').length;
  const counts = new Map<string, number>();
  for (const r of results) if (r.todo) counts.set(r.todo.construct, (counts.get(r.todo.construct) ?? 0) + 1);
  return {
    parser: { ...parser, percent: pct(parser.agree, parser.items) },
    templates: { total: results.length, translated, percent: pct(translated, results.length) },
    differential: {
      renderable,
      identical,
      percent: pct(identical, renderable),
      ansibleCannotRender: failedInAnsible.length,
      ansibleCannotRenderRubyAgrees: failedInAnsible.filter((r) => r.render === 'both-failed').length,
    },
    untranslated: [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([construct, templates]) => ({ construct, templates })),
    results,
  };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const line = a.slice(0, i).split('\n').length;
  return `line ${line}: ansible ${JSON.stringify(a.slice(Math.max(0, i - 30), i + 40))} vs erb ${JSON.stringify(b.slice(Math.max(0, i - 30), i + 40))}`;
}

function report(f: JinjaCorpusFigures): string {
  const lines = [
    `parser agreement with Jinja2: ${f.parser.agree}/${f.parser.items} (${f.parser.percent}%)`,
    `templates translated without a TODO: ${f.templates.translated}/${f.templates.total} (${f.templates.percent}%)`,
    `differentially identical: ${f.differential.identical}/${f.differential.renderable} (${f.differential.percent}%) of the translated templates Ansible renders`,
    `translated templates Ansible cannot render with the corpus variables: ${f.differential.ansibleCannotRender} (Ruby fails too: ${f.differential.ansibleCannotRenderRubyAgrees})`,
    '',
    'untranslated constructs (templates blocked):',
    ...f.untranslated.map((u) => `  ${String(u.templates).padStart(3)}  ${u.construct}`),
    '',
    'per template:',
    ...f.results.map(
      (r) =>
        `  ${r.file}: ${r.translated ? r.render : `TODO ${r.todo?.construct} at ${r.todo?.line}:${r.todo?.col}`}${r.detail ? ` — ${r.detail.slice(0, 200)}` : ''}`,
    ),
  ];
  for (const d of f.parser.disagreements.slice(0, 20)) lines.push(`parser disagreement: ${d}`);
  return lines.join('\n') + '\n';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const root = resolve(args.find((a) => !a.startsWith('--')) ?? join(REPO, '../shared/corpus'));
  const figures = measureJinjaCorpus(root);
  process.stdout.write(args.includes('--json') ? JSON.stringify(figures, null, 2) + '\n' : report(figures));
}
