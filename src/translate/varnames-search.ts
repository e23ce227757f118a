// Which variables `query('vars', *query('varnames', pattern))` may search on a Chef node
// (jinja-to-ruby/vars-matching.ts). Ansible's varnames searches the names of every variable of the
// task: role defaults and vars of every role of the play, inventory sources, facts (with Ohai's and
// Facter's where setup finds them), magic, task and loop variables (what ansible-playbook lists:
// test/translate/varnames-lookup.test.ts). On a Chef node those live under different attributes,
// most under another key than their Ansible name (`cinder_packages` is node['cinder']['packages']),
// and the node keeps no table of Ansible names. What it can search is the project namespace, where
// every variable the converted input never sets is read under its own name, as an operator sets it
// after converting (a Policyfile's or a node file's attributes). So the call converts only where
// every value the pattern takes in the input is a plain '^prefix' that finds none of the names the
// input, Ansible or the task itself defines: then Ansible's names are exactly the namespace's keys
// with that prefix. The run refuses any other pattern (an operator's override of the pattern
// variable), since no such check was made for it.
import { formatSpan } from '../base/diagnostics.js';
import { MAGIC_VARIABLES } from '../base/magic-variables.js';
import type { Expr } from '../load/jinja/ast.js';
import type { VarScope } from './jinja-bridge.js';

/** More values than this (a product of several variables' values) is not worth checking one by one. */
const MAX_PATTERNS = 16;

/**
 * Names Ansible gives a task besides the magic variables the translator maps (base/magic-variables.ts)
 * and the facts (`ansible_*`): ansible-core 2.14's VariableManager._get_magic_variables and get_vars.
 */
const ANSIBLE_NAMES = [
  'role_names',
  'role_uuid',
  'environment',
  'module_setup',
  'gather_subset',
  'discovered_interpreter_python',
  'vars',
  'ansible_facts',
  'ansible_local',
];

/** Facts injected as variables: Ansible's own, and Ohai's and Facter's where setup finds those tools (ohai_*, facter_*). */
const FACT_PREFIXES = ['ansible_', 'ohai_', 'facter_'];

type Checked = { patterns: string[]; namespace: string } | { why: string };

export function varnamesSearch(pattern: Expr, scope: VarScope): Checked {
  const values = staticTexts(pattern, scope);
  if (!Array.isArray(values)) return values;
  const taskNames = [...scope.locals.keys(), ...(scope.vars?.keys() ?? []), ...(scope.registerNames ?? [])];
  const symbols = scope.symbols.all();
  for (const value of values) {
    const m = /^\^([A-Za-z0-9_]+)$/.exec(value);
    if (!m)
      return {
        why: `its pattern '${value}' is not '^' and a name's first letters, digits and '_' (where Python's re.search and a prefix test agree)`,
      };
    const prefix = m[1]!;
    const finds = (n: string) => n.startsWith(prefix);
    const facts = FACT_PREFIXES.find((f) => prefix.startsWith(f) || f.startsWith(prefix));
    if (facts) return { why: `its pattern '${value}' may find facts (${facts}*), which a Chef node holds as Ohai attributes` };
    const magic = [...MAGIC_VARIABLES, ...ANSIBLE_NAMES].find(finds);
    if (magic) return { why: `its pattern '${value}' finds Ansible's own variable '${magic}'` };
    const set = symbols.find((s) => finds(s.name) && s.definitions.some((d) => d.kind !== 'undeclared'));
    if (set) {
      const def = set.definitions.find((d) => d.kind !== 'undeclared')!;
      const own = set.path.length === 2 && set.path[0] === scope.symbols.namespace && set.path[1] === set.name;
      const where = own
        ? "the converter writes the input's values where each source goes (attribute files, Policyfiles, node files), whose order and load time a search on the node does not follow"
        : `its attribute node['${set.path.join("']['")}'] is not under its own name in the namespace the node searches`;
      return {
        why: `its pattern '${value}' finds ${set.name}, which the converted input sets (${formatSpan(def.span)}, ${def.kind}): ${where}; write the list of the variables it finds in place of the lookup`,
      };
    }
    const bound = taskNames.find(finds);
    if (bound) return { why: `its pattern '${value}' finds '${bound}', a task, loop or registered variable here` };
  }
  return { patterns: [...new Set(values)].sort(), namespace: scope.symbols.namespace };
}

/** Every text `e` renders to in the converted input, or why they are not known. */
function staticTexts(e: Expr, scope: VarScope): string[] | { why: string } {
  if (e.kind === 'const' && typeof e.value === 'string') return [e.value];
  if (e.kind === 'binop' && e.op === '~') {
    const left = staticTexts(e.left, scope);
    if (!Array.isArray(left)) return left;
    const right = staticTexts(e.right, scope);
    if (!Array.isArray(right)) return right;
    if (left.length * right.length > MAX_PATTERNS) return { why: `its pattern takes more than ${MAX_PATTERNS} values in the input` };
    return left.flatMap((l) => right.map((r) => l + r));
  }
  if (e.kind === 'name') {
    if (scope.locals.has(e.name) || scope.vars?.has(e.name))
      return { why: `its pattern reads '${e.name}', a task, block or loop variable here, whose values are not followed` };
    const texts = scope.symbols.get(e.name) ? scope.symbols.literalTexts(e.name) : undefined;
    if (!texts?.length)
      return { why: `its pattern reads '${e.name}', which is not a literal string wherever the input sets it (or may be set outside it)` };
    return texts;
  }
  return { why: "its pattern is computed (only literal strings, variables set to literal strings and '~' of them are followed)" };
}
