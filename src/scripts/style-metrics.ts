// `npm run style [dir]`: how far a conversion's output is from Chef as a Chef author writes it
// (issue 14), on an output folder (default: the bundled example, cookbooks-out/). Measured:
// - recipe and attribute lines (not blank, not comments, outside the support cookbook) that call
//   the support library (`A2C::`), and among them those that call its Jinja layer (`A2C::Jinja`): the
//   issue's targets are set on the Jinja layer; the other helpers (`A2C::Net.ipwrap` for IPv6,
//   `A2C::Inputs.check!`) are Chef library code a cookbook author would write too, counted beside it;
// - ERB output tags (`<%=`) that call either, and templates that touch Erubis' `_buf`;
// - attribute keys under a cookbook's own name that repeat that name (`['cb']['cb_port']`), in
//   attribute files, Policyfiles and node files;
// - Policyfiles holding anything but data (Chef evaluates a Policyfile with no node: only the DSL
//   calls with literal arguments and literal attribute assignments are data).
// `npm run corpus` prints the same figures summed over the corpus.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRubyParser, type RubyParse } from '../print/prism.js';
import { SUPPORT_COOKBOOK_NAME } from '../support-cookbook/files.js';

export interface Ratio {
  total: number;
  /** The ones that show what is measured (call A2C::, repeat the cookbook name). */
  hits: number;
}

/** A ratio whose hits call A2C::, and `jinja` of them call A2C::Jinja (the Jinja layer). */
export interface ShimRatio extends Ratio {
  jinja: number;
}

export interface StyleMetrics {
  /** Recipe and attribute lines of the converted cookbooks that call A2C:: (and A2C::Jinja). */
  rubyLines: ShimRatio;
  /** ERB output tags (`<%=`) that call A2C:: (and A2C::Jinja). */
  erbTags: ShimRatio;
  /** Templates whose text mentions `_buf` (Erubis' output buffer). */
  bufTemplates: string[];
  /**
   * Distinct keys directly under a cookbook's own name, and those that repeat the name
   * (`['cb']['cb_port']`); `wordHits`: those whose first word is a word of the cookbook name
   * (`['ansible_role_ntp']['ntp_package']`, for cookbooks named after a repository).
   */
  ownKeys: Ratio & { repeating: string[]; wordHits: number };
  policyfiles: { total: number; notData: Array<{ file: string; line: number; what: string }> };
}

export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

const text = (c: string | Uint8Array): string => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'));
const codeLines = (src: string): string[] =>
  src
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

/** A cookbook is a top folder with a metadata.rb. */
function cookbooksOf(files: OutputFiles): Set<string> {
  const out = new Set<string>();
  for (const p of files.keys()) {
    const m = /^([^/]+)\/metadata\.rb$/.exec(p);
    if (m) out.add(m[1]!);
  }
  return out;
}

// An attribute reference written as `default['a']['b']` (any precedence level, or node).
const BRACKETS = /\b(?:default|override|normal|force_default|force_override|node)((?:\[\s*(?:'[^'\\]*'|"[^"\\#]*")\s*\])+)/g;

function bracketKeys(line: string): string[][] {
  const out: string[][] = [];
  for (const m of line.matchAll(BRACKETS)) out.push([...m[1]!.matchAll(/\[\s*(?:'([^']*)'|"([^"]*)")\s*\]/g)].map((k) => k[1] ?? k[2]!));
  return out;
}

const LEVELS = [
  'default',
  'normal',
  'override',
  'force_default',
  'force_override',
  'automatic',
  'default_attributes',
  'override_attributes',
];

function jsonKeys(src: string): string[][] {
  let doc: unknown;
  try {
    doc = JSON.parse(src);
  } catch {
    return [];
  }
  const out: string[][] = [];
  if (!doc || typeof doc !== 'object') return out;
  for (const level of LEVELS) {
    const tree = (doc as Record<string, unknown>)[level];
    if (!tree || typeof tree !== 'object') continue;
    for (const [top, below] of Object.entries(tree)) {
      if (below && typeof below === 'object' && !Array.isArray(below)) for (const key of Object.keys(below)) out.push([top, key]);
    }
  }
  return out;
}

interface PrismNode {
  constructor: { name: string };
  compactChildNodes(): PrismNode[];
  location: { startOffset: number };
  name?: string;
  receiver?: PrismNode | null;
  arguments_?: PrismNode | null;
  block?: PrismNode | null;
}

const LITERALS = new Set([
  'ArgumentsNode',
  'StringNode',
  'SymbolNode',
  'IntegerNode',
  'FloatNode',
  'RationalNode',
  'ImaginaryNode',
  'NilNode',
  'TrueNode',
  'FalseNode',
  'ArrayNode',
  'HashNode',
  'KeywordHashNode',
  'AssocNode',
]);
const POLICYFILE_DSL = new Set(['name', 'run_list', 'named_run_list', 'default_source', 'cookbook', 'include_policy']);
const ATTRIBUTE_LEVELS = new Set(['default', 'override']);

const isLiteral = (n: PrismNode | null | undefined): boolean =>
  !n || (LITERALS.has(n.constructor.name) && n.compactChildNodes().every(isLiteral));
const kind = (n: PrismNode): string => n.constructor.name;

/** `default['a']['b']` with literal keys: a chain of `[]` calls ending at a bare `default`/`override`. */
function isAttributeTarget(n: PrismNode | null | undefined): boolean {
  if (!n || kind(n) !== 'CallNode') return false;
  if (!n.receiver) return ATTRIBUTE_LEVELS.has(n.name ?? '') && !n.arguments_ && !n.block;
  return n.name === '[]' && !n.block && isLiteral(n.arguments_) && isAttributeTarget(n.receiver);
}

/** Whether one top-level Policyfile statement is data: a DSL call with literal arguments, or a literal attribute assignment. */
function isDataStatement(n: PrismNode): boolean {
  if (kind(n) !== 'CallNode' || n.block) return false;
  if (!n.receiver) return POLICYFILE_DSL.has(n.name ?? '') && isLiteral(n.arguments_);
  return n.name === '[]=' && isAttributeTarget(n.receiver) && isLiteral(n.arguments_);
}

function policyfileNotData(file: string, src: string, parse: RubyParse): Array<{ file: string; line: number; what: string }> {
  const result = parse(src);
  const bytes = Buffer.from(src, 'utf8');
  const lineAt = (offset: number) => bytes.subarray(0, offset).toString('utf8').split('\n').length;
  if (result.errors.length) return [{ file, line: 1, what: 'does not parse' }];
  const program = result.value as unknown as PrismNode;
  const statements = program.compactChildNodes()[0]?.compactChildNodes() ?? [];
  return statements
    .filter((s) => !isDataStatement(s))
    .map((s) => {
      const line = lineAt(s.location.startOffset);
      return { file, line, what: src.split('\n')[line - 1]!.trim().slice(0, 120) };
    });
}

/** The style figures of one conversion's output files (paths relative to the output folder). */
export function styleMetrics(files: OutputFiles, parse: RubyParse): StyleMetrics {
  const cookbooks = cookbooksOf(files);
  const m: StyleMetrics = {
    rubyLines: { total: 0, hits: 0, jinja: 0 },
    erbTags: { total: 0, hits: 0, jinja: 0 },
    bufTemplates: [],
    ownKeys: { total: 0, hits: 0, repeating: [], wordHits: 0 },
    policyfiles: { total: 0, notData: [] },
  };
  const keys = new Set<string>();
  const addKeys = (pairs: string[][]) => {
    for (const [cb, key] of pairs)
      if (cb !== undefined && key !== undefined && cookbooks.has(cb) && cb !== SUPPORT_COOKBOOK_NAME) keys.add(`${cb}\u0000${key}`);
  };
  for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const parts = path.split('/');
    const src = text(content);
    if (
      parts.length === 3 &&
      cookbooks.has(parts[0]!) &&
      parts[0] !== SUPPORT_COOKBOOK_NAME &&
      (parts[1] === 'recipes' || parts[1] === 'attributes') &&
      path.endsWith('.rb')
    ) {
      const lines = codeLines(src);
      m.rubyLines.total += lines.length;
      m.rubyLines.hits += lines.filter((l) => l.includes('A2C::')).length;
      m.rubyLines.jinja += lines.filter((l) => l.includes('A2C::Jinja')).length;
      if (parts[1] === 'attributes') addKeys(lines.flatMap(bracketKeys));
    } else if (parts.length >= 3 && cookbooks.has(parts[0]!) && parts[1] === 'templates' && path.endsWith('.erb')) {
      for (const tag of src.matchAll(/<%=([\s\S]*?)%>/g)) {
        m.erbTags.total++;
        if (tag[1]!.includes('A2C::')) m.erbTags.hits++;
        if (tag[1]!.includes('A2C::Jinja')) m.erbTags.jinja++;
      }
      // Only Ruby inside ERB tags can touch the buffer; `_buf` in the template's text (an option
      // named expiration_buffer, say) is output, not a use.
      if ([...src.matchAll(/<%([\s\S]*?)%>/g)].some((t) => /(?<![A-Za-z0-9_])_buf\b/.test(t[1]!))) m.bufTemplates.push(path);
    } else if (parts[0] === 'policyfiles' && parts.length === 2 && path.endsWith('.rb')) {
      m.policyfiles.total++;
      m.policyfiles.notData.push(...policyfileNotData(path, src, parse));
      addKeys(codeLines(src).flatMap(bracketKeys));
    } else if (parts[0] === 'nodes' && path.endsWith('.json')) {
      addKeys(jsonKeys(src));
    }
  }
  m.ownKeys.total = keys.size;
  for (const k of [...keys].sort()) {
    const [cb, key] = k.split('\u0000') as [string, string];
    if (key === cb || key.startsWith(`${cb}_`)) m.ownKeys.repeating.push(`['${cb}']['${key}']`);
    const first = /^_*([^_]+)/.exec(key)?.[1];
    if (first !== undefined && cb.split('_').includes(first)) m.ownKeys.wordHits++;
  }
  m.ownKeys.hits = m.ownKeys.repeating.length;
  return m;
}

const addShim = (a: ShimRatio, b: ShimRatio): ShimRatio => ({
  total: a.total + b.total,
  hits: a.hits + b.hits,
  jinja: a.jinja + b.jinja,
});

/** Sums of several outputs' figures (the corpus). */
export function addStyle(a: StyleMetrics, b: StyleMetrics): StyleMetrics {
  return {
    rubyLines: addShim(a.rubyLines, b.rubyLines),
    erbTags: addShim(a.erbTags, b.erbTags),
    bufTemplates: [...a.bufTemplates, ...b.bufTemplates],
    ownKeys: {
      total: a.ownKeys.total + b.ownKeys.total,
      hits: a.ownKeys.hits + b.ownKeys.hits,
      repeating: [...a.ownKeys.repeating, ...b.ownKeys.repeating],
      wordHits: a.ownKeys.wordHits + b.ownKeys.wordHits,
    },
    policyfiles: { total: a.policyfiles.total + b.policyfiles.total, notData: [...a.policyfiles.notData, ...b.policyfiles.notData] },
  };
}

/** The files of an output folder on disk, by path relative to it (the manifest folder left out). */
export function readOutputDir(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const pct = (r: Ratio) => (r.total ? `${((100 * r.hits) / r.total).toFixed(1)}%` : '-');

/** The figures as printed by `npm run style` and `npm run corpus` (`detail`: list each template, key and statement). */
export function printStyle(m: StyleMetrics, detail = true): string {
  const jinja = (r: ShimRatio) => pct({ total: r.total, hits: r.jinja });
  let out = `recipe and attribute lines calling A2C::Jinja       ${m.rubyLines.jinja} of ${m.rubyLines.total} (${jinja(m.rubyLines)})\n`;
  out += `ERB output tags calling A2C::Jinja                  ${m.erbTags.jinja} of ${m.erbTags.total} (${jinja(m.erbTags)})\n`;
  out += `recipe and attribute lines calling any A2C::        ${m.rubyLines.hits} of ${m.rubyLines.total} (${pct(m.rubyLines)})\n`;
  out += `ERB output tags calling any A2C::                   ${m.erbTags.hits} of ${m.erbTags.total} (${pct(m.erbTags)})\n`;
  out += `templates touching _buf                             ${m.bufTemplates.length}\n`;
  out += `keys under a cookbook's name that repeat the name   ${m.ownKeys.hits} of ${m.ownKeys.total} (${pct(m.ownKeys)})\n`;
  out += `  ... whose first word is a word of the name         ${m.ownKeys.wordHits} of ${m.ownKeys.total} (${pct({ total: m.ownKeys.total, hits: m.ownKeys.wordHits })})\n`;
  out += `Policyfiles holding more than data                  ${new Set(m.policyfiles.notData.map((x) => x.file)).size} of ${m.policyfiles.total}\n`;
  if (!detail) return out;
  for (const t of m.bufTemplates) out += `  _buf: ${t}\n`;
  for (const k of m.ownKeys.repeating) out += `  repeats: ${k}\n`;
  for (const x of m.policyfiles.notData) out += `  not data: ${x.file}:${x.line}: ${x.what}\n`;
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'cookbooks-out');
  if (!existsSync(dir)) {
    process.stderr.write(`no output folder at ${dir}\n`);
    process.exit(2);
  }
  const m = styleMetrics(readOutputDir(dir), await loadRubyParser());
  process.stdout.write(process.argv.includes('--json') ? JSON.stringify(m, null, 2) + '\n' : printStyle(m));
}
