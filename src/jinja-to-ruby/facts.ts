// Ansible facts -> Ohai attributes, driven by mappings/facts.toml.
// All spellings reach the same entry: `ansible_facts['x']`, `ansible_facts.x`,
// `ansible_x`, and nested keys (`ansible_default_ipv4.address`).
import type { Expr, Pos } from '../load/jinja/ast.js';
import { call, index, int, nodeRef, str, type RExpr } from '../ir/ruby-ast.js';
import { J, typed, type Typed } from './rb.js';
import { untranslatable, type JinjaScope } from './scope.js';
import type { FactEntry, JinjaTables } from '../mapping/jinja-tables.js';

/** Whether `fact` (a name after `ansible_`) is one of Ansible's facts (mappings/fact-names.toml). */
export function isAnsibleFactName(fact: string, tables: JinjaTables): boolean {
  return tables.factNames.names.has(fact) || tables.factNames.interfacePatterns.some((re) => re.test(fact));
}

/**
 * `ansible_facts`, or `ansible_<fact>` where <fact> starts an entry of the table or is one of
 * Ansible's facts: an unmapped fact is still a fact (a TODO naming it), never a user variable.
 */
export function isFactRoot(name: string, tables: JinjaTables): boolean {
  if (name === 'ansible_facts') return true;
  if (!name.startsWith('ansible_')) return false;
  const fact = name.slice('ansible_'.length);
  return Object.keys(tables.facts).some((k) => k === fact || k.startsWith(`${fact}.`)) || isAnsibleFactName(fact, tables);
}

/**
 * Computed facts a task sets again while the run converges (setup: local facts; package_facts:
 * packages): read at converge time only, as registered results are (a read when the recipe
 * compiles or an attribute file loads would see them before the tasks ahead of it ran).
 */
export const CONVERGE_TIME_FACTS: ReadonlySet<string> = new Set(['local', 'packages']);

/** The value tables of the lookup facts (printed as libraries/a2c_facts.rb of the support cookbook). */
export function factLookupTables(tables: JinjaTables): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(tables.facts)
      .filter(([, e]) => e.convert === 'lookup')
      .map(([k, e]) => [k, e.table ?? {}]),
  );
}

/** The Ruby reading one fact entry (named `fact` in the table), with its conversion. */
export function factRuby(entry: FactEntry, fact: string, node: RExpr = nodeRef): RExpr {
  if (entry.compute) return call({ k: 'const', path: ['A2C', 'Facts'] }, entry.compute, [node]);
  const path = (entry.ohai ?? []).map(str);
  // Every fact of the table is a str, int or bool (FactEntry.type): Chef's merged view of an
  // automatic (highest-precedence) scalar is that value, and node.read! fails on a missing one as
  // A2C::Jinja.var does. Another host's node data is a plain Hash without read!: it keeps the helper.
  const read = node === nodeRef ? call(node, 'read!', path) : J('var', [node, ...path]);
  if (!entry.convert) return read;
  if (entry.convert === 'lookup') return call({ k: 'const', path: ['A2C', 'Facts'] }, 'lookup', [read, str(fact)]);
  const plain = PLAIN_CONVERTS[entry.convert];
  return plain ? plain(read) : J(`fact_${entry.convert}`, [read]);
}

/**
 * Conversions of an Ohai String written as the plain Ruby they are (the body of the support
 * cookbook's fact_* helper of the same name): `node.read!('platform_version').split('.')[0]`, as a
 * Chef engineer writes it. A malformed value fails the same way (Integer raises where int() would).
 */
const PLAIN_CONVERTS: Partial<Record<NonNullable<FactEntry['convert']>, (read: RExpr) => RExpr>> = {
  downcase: (read) => call(read, 'downcase'),
  major_version: (read) => index(call(read, 'split', [str('.')]), int(0)),
  kb_to_mb: (read) => ({
    k: 'binop',
    op: '/',
    l: call(undefined, 'Integer', [call(read, 'delete_suffix', [str('kB')]), int(10)]),
    r: int(1024),
  }),
  to_int: (read) => call(undefined, 'Integer', [read, int(10)]),
};

/**
 * A fact reference on this node, as translateFact reads it, told to the scope where the fact is
 * one the play gathered as its user (facts.toml `gathered_as`): ansible_env, ansible_user_id.
 */
export function readFact(scope: JinjaScope, root: string, keys: Array<string | number>, pos: Pos): Typed {
  const t = translateFact(scope.tables, root, keys, pos);
  const gathered = gatheredAsFact(scope.tables, root, keys);
  if (gathered) scope.factRead?.(gathered, { pos });
  return t;
}

/** The entry a fact reference reads when the table marks it `gathered_as`, else undefined. */
export function gatheredAsFact(tables: JinjaTables, root: string, keys: Array<string | number>): string | undefined {
  const first = root === 'ansible_facts' ? keys[0] : root.slice('ansible_'.length);
  return typeof first === 'string' && tables.facts[first]?.gathered_as ? first : undefined;
}

/** A fact reference: root (`ansible_facts` or `ansible_x`) plus constant keys, read on `node` (default: this node). */
export function translateFact(tables: JinjaTables, root: string, keys: Array<string | number>, pos: Pos, node: RExpr = nodeRef): Typed {
  const path = root === 'ansible_facts' ? keys.map(String) : [root.slice('ansible_'.length), ...keys.map(String)];
  for (let n = path.length; n >= 1; n--) {
    const entry = tables.facts[path.slice(0, n).join('.')];
    if (!entry) continue;
    if (entry.compare_only) {
      return untranslatable(
        `fact:${path.join('.')}`,
        `fact 'ansible_${path.join('.')}' is detected by other rules in Ohai; only a comparison with a container name (${entry.compare_only.join(', ')}) converts`,
        pos,
      );
    }
    if (entry.always_defined) {
      return untranslatable(
        `fact:${path.join('.')}`,
        `fact 'ansible_${path.join('.')}' converts only in 'is defined' (its collector sets it on every host; mappings/facts.toml gives no value for it)`,
        pos,
      );
    }
    if (entry.membership_only) {
      const fact = path[0]!;
      return untranslatable(
        `fact:${path.join('.')}`,
        root === 'ansible_facts'
          ? `fact 'ansible_facts.${fact}' converts only as the container of a membership test ('x' in ansible_facts.${fact}): its values lack fields the module reads from elsewhere (mappings/facts.toml)`
          : `'${root}' is undefined in Ansible: the module sets 'ansible_facts.${fact}' and '${fact}'`,
        pos,
      );
    }
    // A computed fact looks at this host's files: another host's value is not known here.
    if (entry.compute && node !== nodeRef)
      return untranslatable(
        `fact:${path.join('.')}`,
        `fact '${path.join('.')}' is computed on the host itself; another host's value is not known`,
        pos,
      );
    // Keys past the fact (e.g. `ansible_hostname[0]`) index into its value.
    const rest = keys.slice(keys.length - (path.length - n));
    const value = rest.reduce<RExpr>(
      (acc, k) => J('item', [acc, typeof k === 'number' ? int(k) : str(k)]),
      factRuby(entry, path.slice(0, n).join('.'), node),
    );
    // A str fact (host names, OS names, versions) never reads as a Python list, dict or boolean.
    if (rest.length === 0 && entry.type === 'str') return { e: value, t: 'str', plain: true };
    return typed(value, rest.length === 0 ? entry.type : 'any');
  }
  const shown = path.length ? `ansible_${path.join('.')}` : 'ansible_facts';
  return untranslatable(`fact:${path.join('.') || 'ansible_facts'}`, `fact '${shown}' has no Ohai equivalent in mappings/facts.toml`, pos);
}

/**
 * Whether the fact `root` + `keys` names is one its collector sets on every host (facts.toml
 * `always_defined`): `is defined` of it is true wherever facts are gathered.
 */
export function alwaysDefinedFact(tables: JinjaTables, root: string, keys: Array<string | number>): boolean {
  const path = root === 'ansible_facts' ? keys.map(String) : [root.slice('ansible_'.length), ...keys.map(String)];
  return tables.facts[path.join('.')]?.always_defined === true;
}

/**
 * `<distribution_version fact>.split('.')[0]` as the distribution_major_version entry, which
 * reads the Ohai version split the same way. Ansible 2.14 (module_utils/facts/system/
 * distribution.py) sets its own major version this way for the distributions facts.toml maps
 * (Debian also reads /etc/debian_version, 12.11, where Ohai reads 12: the first part agrees).
 * The expression is matched as written, not as the major-version fact: where Ansible's major
 * differs from the split (Devuan keeps the whole VERSION_ID), the split is what Ohai's gives.
 */
export function versionSplitMajor(
  node: Expr,
  arg: Expr,
  chainOf: (e: Expr) => { root: string; keys: Array<string | number> } | undefined,
  tables: JinjaTables,
): { root: string; keys: string[] } | undefined {
  if (arg.kind !== 'const' || arg.value !== 0 || node.kind !== 'call' || node.kwargs.length || node.dynArgs || node.dynKwargs)
    return undefined;
  const [sep] = node.args;
  if (node.args.length !== 1 || sep?.kind !== 'const' || sep.value !== '.' || node.node.kind !== 'getattr' || node.node.attr !== 'split')
    return undefined;
  const chain = chainOf(node.node.node);
  if (!chain || !isFactRoot(chain.root, tables)) return undefined;
  const path = chain.root === 'ansible_facts' ? chain.keys : [chain.root.slice('ansible_'.length), ...chain.keys];
  if (path.length !== 1 || path[0] !== 'distribution_version' || !tables.facts['distribution_major_version']) return undefined;
  return { root: 'ansible_facts', keys: ['distribution_major_version'] };
}

/**
 * `'x' in ansible_facts.<fact>` where the fact answers only membership tests (facts.toml
 * `membership_only`): its computed value's keys, read on this node. Undefined for anything else
 * (another root, keys past the fact, another host).
 */
export function membershipOnlyFact(tables: JinjaTables, root: string, keys: Array<string | number>): RExpr | undefined {
  if (root !== 'ansible_facts' || keys.length !== 1 || typeof keys[0] !== 'string') return undefined;
  const entry = tables.facts[keys[0]];
  return entry?.membership_only && entry.compute ? factRuby(entry, keys[0]) : undefined;
}
