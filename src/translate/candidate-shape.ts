// Which first_found candidates can never name one of the role's vars files, whatever the facts.
// A candidate such as `{{ ansible_facts['distribution'] | lower }}-{{ ansible_facts['distribution_version'] }}.yml`
// needs a '-' in the file name; when no vars file has one, first_found skips it on every host,
// so it can be left out even though its fact (distribution_version) has no Ohai equivalent.
// Only fact values are treated as unknown text: they are always defined (no error dropped) and
// never contain the ',' or ';' on which first_found splits its terms.
import type { Expr, Node } from '../load/jinja/ast.js';
import { parseString } from '../load/jinja/index.js';

// Facts whose values are names or version strings (no ',' ';' and always set by Ansible's setup).
const NAME_FACTS = new Set([
  'distribution',
  'distribution_version',
  'distribution_major_version',
  'distribution_release',
  'os_family',
  'architecture',
  'system',
  'kernel',
  'machine',
]);
const CASE_FILTERS = new Set(['lower', 'upper', 'string']);

function factName(e: Expr): string | undefined {
  if (e.kind === 'name' && e.name.startsWith('ansible_')) return e.name.slice('ansible_'.length);
  const facts = (n: Expr): boolean => n.kind === 'name' && n.name === 'ansible_facts';
  if (e.kind === 'getattr' && facts(e.node)) return e.attr;
  if (e.kind === 'getitem' && facts(e.node) && e.arg.kind === 'const' && typeof e.arg.value === 'string') return e.arg.value;
  return undefined;
}

/** A regex source for the strings the expression can render to, or undefined when unknown. */
function exprPattern(e: Expr): string | undefined {
  if (e.kind === 'const' && typeof e.value === 'string') return /[,;]/.test(e.value) ? undefined : regexLiteral(e.value);
  if (e.kind === 'filter' && CASE_FILTERS.has(e.name) && e.args.length === 0 && e.kwargs.length === 0) return exprPattern(e.node);
  if (e.kind === 'binop' && (e.op === '~' || e.op === '+')) {
    const l = exprPattern(e.left);
    const r = exprPattern(e.right);
    // '+' on two facts could be numeric addition only for numbers; these facts are strings.
    return l === undefined || r === undefined ? undefined : l + r;
  }
  const fact = factName(e);
  return fact !== undefined && NAME_FACTS.has(fact) ? '[^,;]*' : undefined;
}

function regexLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regex source for the strings a string template can render to: its text literally, each
 * `{{ }}` as `output` says (undefined: not understood). Undefined for statements or a text
 * part `textOk` refuses.
 */
export function templateShape(
  text: string,
  output: (e: Expr) => string | undefined,
  textOk: (t: string) => boolean = () => true,
): string | undefined {
  const parsed = parseString(text);
  if (!parsed.ok) return undefined;
  let src = '';
  for (const n of parsed.value as Node[]) {
    if (n.kind === 'text') {
      if (!textOk(n.text)) return undefined;
      src += regexLiteral(n.text);
    } else if (n.kind === 'output') {
      const p = output(n.expr);
      if (p === undefined) return undefined;
      src += p;
    } else return undefined;
  }
  return src;
}

/** The pattern of a whole first_found candidate, or undefined when any part is not understood. */
export function candidatePattern(text: string): RegExp | undefined {
  const src = templateShape(text, exprPattern, (t) => !/[,;]/.test(t));
  // The helper strips a leading `vars/` (or `./vars/`) before comparing with the file names.
  // Case-insensitive: matching more names only ever keeps more candidates.
  return src === undefined ? undefined : new RegExp(`^(?:(?:\\./)?vars/)?(?:${src})$`, 'i');
}

/** True when the candidate provably names none of the available files on any host. */
export function neverMatches(text: string, available: readonly string[]): boolean {
  const re = candidatePattern(text);
  if (!re) return false;
  // The helper reads `vars/f`, `./vars/f` and `../vars/f` as the vars file f (from the role's
  // vars folder, where the lookup looks first, `../vars/` leads back to it).
  return !available.some((f) => ['', 'vars/', './vars/', '../vars/'].some((dir) => re.test(`${dir}${f}`)));
}

/**
 * The role's task files a templated include name can be (`setup-{{ ansible_os_family }}.yml`
 * fits `setup-Debian.yml`), sorted, without the including file itself (Ansible would recurse into
 * it); a string reason when the name is not a plain string template.
 */
export function fittingTaskFiles(
  text: string | undefined,
  taskFiles: Iterable<string>,
  including: (f: string) => boolean,
): string[] | string {
  if (text === undefined || !parseString(text).ok) return 'not a string template';
  const pattern = templateShape(text, () => '(.+)');
  if (pattern === undefined) return 'a {% statement %} in the file name is not converted';
  const re = new RegExp(`^${pattern}$`);
  return [...taskFiles].filter((f) => re.test(f) && !including(f)).sort();
}
