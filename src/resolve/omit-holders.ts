// Variables that may hold Ansible's `omit` placeholder: a default, var, parameter or inventory value
// written as `{{ omit }}`, `{{ x | default(omit) }}`, a ternary with an omit branch, or a read of
// another such variable. Ansible stores the placeholder text there; a module argument whose whole
// value templates to it is left out (TaskExecutor's remove_omit), while text around it, a template
// or a list item keeps the text. The translator reads these sets to leave such an argument out at
// run time as it does a direct `default(omit)` (translate/omit-value.ts), never passing the text on.
//
// A set_fact never stores the placeholder: remove_omit drops the key from its arguments first
// (measured on ansible-core 2.14), so set_fact definitions add nothing here.
import type { Expr, Node } from '../load/jinja/ast.js';
import type { YNode } from '../load/ansible/yaml.js';
import { ANSIBLE_JINJA_SETTINGS, applyWhitespace, containsJinja, escapeBackslashes, parseString } from '../load/jinja/index.js';
import type { Definition } from './symbols.js';

export interface OmitHolders {
  /** Variables whose whole value may be the placeholder. */
  whole: ReadonlySet<string>;
  /** Variables whose value is a list or dict with the placeholder somewhere inside (as written, or read from a variable in `whole`). */
  nested: ReadonlySet<string>;
}

const DEFAULTS = new Set(['default', 'd', 'ansible.builtin.default']);
const TERNARY = new Set(['ternary', 'ansible.builtin.ternary']);
// Filters that give their input back unchanged for a str (`mandatory`, `string` of a str).
const SAME_TEXT = new Set(['string', 'mandatory', 'ansible.builtin.mandatory']);

/** Whether the expression's value may be the placeholder itself (`holds`: a variable that may hold it whole). */
export function exprMayOmit(e: Expr, holds: (name: string) => boolean): boolean {
  switch (e.kind) {
    case 'name':
      return e.name === 'omit' || holds(e.name);
    case 'condexpr':
      return exprMayOmit(e.then, holds) || (e.otherwise !== null && exprMayOmit(e.otherwise, holds));
    case 'binop':
      // `a or b` / `a and b` give one of their operands.
      return (e.op === 'or' || e.op === 'and') && (exprMayOmit(e.left, holds) || exprMayOmit(e.right, holds));
    case 'filter':
      if (DEFAULTS.has(e.name)) return exprMayOmit(e.node, holds) || (e.args[0] !== undefined && exprMayOmit(e.args[0], holds));
      if (TERNARY.has(e.name)) return e.args.some((a) => exprMayOmit(a, holds));
      if (SAME_TEXT.has(e.name)) return exprMayOmit(e.node, holds);
      return false;
    default:
      return false;
  }
}

/**
 * Whether a string value may template to the placeholder alone: no literal text around its
 * `{{ }}` outputs (statements may choose which one renders) and one of them may give it.
 */
export function textMayOmit(text: string, holds: (name: string) => boolean): boolean {
  if (!containsJinja(text) || (!text.includes('omit') && !mayReadHolder(text, holds))) return false;
  const escaped = escapeBackslashes(text);
  const parsed = escaped === undefined ? undefined : parseString(escaped);
  if (!parsed?.ok) return false;
  const nodes = applyWhitespace(parsed.value, ANSIBLE_JINJA_SETTINGS);
  let text0 = false;
  let omits = false;
  const walk = (ns: readonly Node[]): void => {
    for (const n of ns) {
      if (n.kind === 'text') text0 ||= n.text !== '';
      else if (n.kind === 'output') omits ||= exprMayOmit(n.expr, holds);
      else if (n.kind === 'if') {
        for (const b of n.branches) walk(b.body);
        if (n.else) walk(n.else);
      }
    }
  };
  walk(nodes);
  return omits && !text0;
}

// A cheap first look: the text names `omit` or some variable that holds it.
function mayReadHolder(text: string, holds: (name: string) => boolean): boolean {
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (holds(m[0])) return true;
  return false;
}

/** Whether a YAML value holds a string that may be the placeholder, below its top level. */
function nestedMayOmit(v: YNode, holds: (name: string) => boolean): boolean {
  if (v.kind === 'seq') return v.items.some((i) => leafOrNested(i, holds));
  if (v.kind === 'map') return v.entries.some((e) => leafOrNested(e.value, holds));
  return false;
}

function leafOrNested(v: YNode, holds: (name: string) => boolean): boolean {
  if (v.kind === 'scalar') return typeof v.value === 'string' && !v.unsafe && textMayOmit(v.value, holds);
  return nestedMayOmit(v, holds);
}

/** Whether a definition's value, as written, may be the placeholder whole. */
function definitionMayOmit(d: Definition, holds: (name: string) => boolean): boolean {
  const v = d.value;
  return d.kind !== 'set_fact' && v?.kind === 'scalar' && typeof v.value === 'string' && !v.unsafe && textMayOmit(v.value, holds);
}

/** The variables that may hold the placeholder, whole or nested, from every definition (to a fixed point). */
export function findOmitHolders(symbols: Iterable<{ name: string; definitions: readonly Definition[] }>): OmitHolders {
  const syms = [...symbols].filter((s) => s.definitions.some((d) => d.value !== undefined && d.kind !== 'set_fact'));
  const whole = new Set<string>();
  const holds = (n: string) => whole.has(n);
  // Each round adds the variables that read one found in the last; it ends when a round adds none.
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of syms) {
      if (whole.has(s.name) || !s.definitions.some((d) => definitionMayOmit(d, holds))) continue;
      whole.add(s.name);
      grew = true;
    }
  }
  const nested = new Set<string>();
  for (const s of syms)
    if (s.definitions.some((d) => d.kind !== 'set_fact' && d.value !== undefined && nestedMayOmit(d.value, holds))) nested.add(s.name);
  return { whole, nested };
}
