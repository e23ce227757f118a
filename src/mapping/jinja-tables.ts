// The tables the Jinja translator reads: filters.toml, facts.toml, fact-names.toml, lookups.toml.
// Each entry is checked against its schema (schema.ts) when the table is loaded, so a table the
// translator receives is typed and whole; nothing downstream casts.
import type { SType } from '../base/value-kinds.js';
import {
  type At,
  boolean,
  fail,
  onlyKeys,
  oneOf,
  optional,
  pattern,
  required,
  string,
  strings,
  stringTable,
  sub,
  table,
  within,
} from '../config/table-schema.js';

/** The static Python types a filter's result may be declared as (the Jinja translator's SType). */
export const FILTER_RETURNS = ['str', 'int', 'float', 'bool', 'none', 'list', 'dict', 'any'] as const satisfies readonly SType[];
const ITEM_TYPES = [...FILTER_RETURNS, 'strint'] as const satisfies readonly SType[];

export interface FilterEntry {
  /** A2C::Jinja.<ruby>(value, args...) in the support cookbook. */
  ruby?: string;
  params?: string[];
  defaults?: Record<string, string | number | boolean>;
  nil_defaults?: string[];
  /** Parameters whose argument may be undefined without failing until the filter's result is used (ternary's values). */
  lazy_params?: string[];
  returns?: SType;
  /** A typed function of src/jinja-to-ruby/filter-plugins.ts. */
  plugin?: string;
  untranslatable?: string;
  aliases?: string[];
  string_type?: boolean;
  /** Ruby's own method on the value where its static type is one of native_on (see filters.toml). */
  native?: string;
  native_on?: SType[];
  /**
   * Ruby's own Array method `native` called with the filter's arguments, where the value is a list
   * whose every item's static type is one of these and the only arguments given are native_params,
   * each a str (see filters.toml).
   */
  native_items?: SType[];
  native_params?: string[];
  /**
   * With native_items: only on a list written in the expression with at least one item (`[a, 1] |
   * max`), whose result is of the items' type (see filters.toml).
   */
  native_written?: boolean;
  /** A function of src/jinja-to-ruby/fold.ts computing the filter of a string literal at conversion time. */
  fold?: string;
  /** Written without arguments on a value of one of these types, the filter gives that value back unchanged. */
  identity_on?: SType[];
  /** The result's type where the filter is written without arguments (its own defaults decide it). */
  returns_bare?: SType;
  /** Written without arguments on a boolean: the text it gives for True and for False. */
  on_bool?: [string, string];
}

export const FACT_CONVERTS = ['nil_to_empty', 'downcase', 'lookup', 'major_version', 'kb_to_mb', 'to_int'] as const;
/** The A2C::Facts helpers a `compute` entry may name (support cookbook). */
export const FACT_COMPUTES = [
  'pkg_mgr',
  'container_virtualization_type',
  'architecture',
  'userspace_bits',
  'distribution_version',
  'processor_cores',
  'processor_threads_per_core',
  'env',
  'local',
  'date_time',
  'fqdn',
  'packages',
  'selinux_status',
  'selinux_python_present',
  'user_id',
  'user_uid',
  'user_gid',
  'user_gecos',
  'user_dir',
  'user_shell',
  'real_user_id',
  'effective_user_id',
  'real_group_id',
  'effective_group_id',
] as const;
/** dict: a computed fact only (env, local, date_time), whose keys are read with Jinja's undefined rules. */
export const FACT_TYPES = ['str', 'int', 'bool', 'dict'] as const;

export interface FactEntry {
  /** The Ohai attribute holding the fact; absent for a computed fact. */
  ohai?: string[];
  /** A fact no Ohai attribute holds, computed on the node by `A2C::Facts.<compute>(node)` with Ansible's rules. */
  compute?: (typeof FACT_COMPUTES)[number];
  /** How the Ohai value becomes Ansible's: A2C::Jinja.fact_<convert>, or A2C::Facts.lookup through `table`. */
  convert?: (typeof FACT_CONVERTS)[number];
  type: (typeof FACT_TYPES)[number];
  table?: Record<string, string>;
  /**
   * Chef's platform helper that asks the same question of the Ohai value (`platform_family?`):
   * `fact == 'X'` is that helper over the table's Ohai values for X. Only with a value table.
   */
  chef_check?: (typeof FACT_CHEF_CHECKS)[number];
  /**
   * The computed value agrees with Ansible's only as the answer to `fact == X` / `fact != X` for
   * these X (Ansible's other values are decided by checks the compute does not make): every other
   * use of the fact stays a TODO. Checked by its own differential test, not by a ground-truth row.
   */
  compare_only?: string[];
  /**
   * The computed value agrees with Ansible's only as the container of a membership test
   * (`'x' in fact`, `not in`): its keys are Ansible's, its values are not whole. Every other use
   * stays a TODO. Checked by its own differential test.
   */
  membership_only?: boolean;
  /**
   * `play-user`: Ansible's value is that of the user the play gathered facts as (the play's
   * become_user with become, else the connection's user), where the converted run reads
   * chef-client's user: each read is reported where a play running it does not gather as root
   * (translate/run-user.ts).
   */
  gathered_as?: 'play-user';
  /**
   * A dict fact whose collector sets it on every host (ansible_selinux): `is defined` / `is not
   * defined` of it are decided (true, false) wherever facts are gathered. Neither Ohai nor a compute
   * gives its value, so any other use of it stays a TODO; its fields have entries of their own.
   */
  always_defined?: boolean;
  /** The row of the ground-truth facts that test/jinja-to-ruby/facts-table.test.ts checks (built-in entries all have one). */
  ground_truth?: string;
}

export interface LookupEntry {
  /** A pure plugin: A2C::Lookup.<ruby>(terms) in the support cookbook. */
  ruby?: string;
  /** Why the plugin stays a TODO: it reads the Ansible controller. */
  controller?: string;
  /** The plugin's work belongs on the controller whatever its arguments (env, pipe, url...): a TODO by design, never work left. */
  kept?: boolean;
  /**
   * What the plugin's one literal term names (`environment variable`), where a variable whose whole
   * value is this lookup becomes an attribute the operator sets (translate/controller-input.ts).
   */
  operator?: string;
  aliases?: string[];
}

export interface FactNames {
  names: ReadonlySet<string>;
  /** Interface facts (`ansible_eth0`, ...) by pattern, anchored. */
  interfacePatterns: readonly RegExp[];
}

/** Entries by table key, and by every name they answer to (key and aliases; a later entry wins). */
export interface Named<E> {
  entries: Readonly<Record<string, E>>;
  byName: ReadonlyMap<string, { name: string; entry: E }>;
}

export interface JinjaTables {
  filters: Named<FilterEntry>;
  facts: Readonly<Record<string, FactEntry>>;
  factNames: FactNames;
  lookups: Named<LookupEntry>;
}

export function named<E extends { aliases?: string[] }>(entries: Record<string, E>): Named<E> {
  const byName = new Map<string, { name: string; entry: E }>();
  for (const [name, entry] of Object.entries(entries)) for (const n of [name, ...(entry.aliases ?? [])]) byName.set(n, { name, entry });
  return { entries, byName };
}

/** Every top-level key of doc is one entry, checked by check. */
export function entries<E>(doc: Record<string, unknown>, at: At, check: (v: unknown, at: At) => E): Record<string, E> {
  return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, check(v, sub(at, k))]));
}

const FILTER_KEYS = [
  'ruby',
  'params',
  'defaults',
  'nil_defaults',
  'lazy_params',
  'returns',
  'plugin',
  'untranslatable',
  'aliases',
  'string_type',
  'native',
  'native_on',
  'native_items',
  'native_params',
  'native_written',
  'fold',
  'identity_on',
  'returns_bare',
  'on_bool',
];

export function checkFilter(v: unknown, at: At): FilterEntry {
  const t = table(v, at);
  onlyKeys(t, FILTER_KEYS, at);
  exactlyOne(t, ['ruby', 'plugin', 'untranslatable'], at);
  const e: FilterEntry = {};
  for (const k of ['ruby', 'plugin', 'untranslatable', 'fold'] as const) {
    const s = optional(t, k, at, string);
    if (s !== undefined) e[k] = s;
  }
  for (const k of ['params', 'nil_defaults', 'lazy_params', 'aliases'] as const) {
    const l = optional(t, k, at, strings);
    if (l !== undefined) e[k] = l;
  }
  const params = e.params ?? [];
  if (e.nil_defaults) within(e.nil_defaults, params, 'params', sub(at, 'nil_defaults'));
  if (e.lazy_params) within(e.lazy_params, params, 'params', sub(at, 'lazy_params'));
  const defaults = optional(t, 'defaults', at, table);
  if (defaults) {
    within(Object.keys(defaults), params, 'params', sub(at, 'defaults'));
    e.defaults = Object.fromEntries(Object.entries(defaults).map(([k, d]) => [k, scalar(d, sub(sub(at, 'defaults'), k))]));
  }
  const returns = optional(t, 'returns', at, (x, a) => oneOf(FILTER_RETURNS, x, a));
  if (returns) e.returns = returns;
  const bare = optional(t, 'returns_bare', at, (x, a) => oneOf(FILTER_RETURNS, x, a));
  if (bare) e.returns_bare = bare;
  const identity = optional(t, 'identity_on', at, strings);
  if (identity) e.identity_on = identity.map((x, i) => oneOf(FILTER_RETURNS, x, sub(sub(at, 'identity_on'), String(i))));
  const onBool = optional(t, 'on_bool', at, strings);
  if (onBool) {
    if (onBool.length !== 2) fail(sub(at, 'on_bool'), 'on_bool holds the text for True, then for False');
    e.on_bool = [onBool[0]!, onBool[1]!];
  }
  const st = optional(t, 'string_type', at, boolean);
  if (st !== undefined) e.string_type = st;
  const native = optional(t, 'native', at, string);
  const on = optional(t, 'native_on', at, strings);
  const items = optional(t, 'native_items', at, strings);
  const nativeParams = optional(t, 'native_params', at, strings);
  if ((native === undefined) !== (on === undefined && items === undefined)) fail(at, 'native goes with native_on or native_items');
  if (nativeParams !== undefined && items === undefined) fail(at, 'native_params goes with native_items');
  const written = optional(t, 'native_written', at, boolean);
  if (written !== undefined && items === undefined) fail(at, 'native_written goes with native_items');
  if (written !== undefined) e.native_written = written;
  if (native !== undefined) e.native = native;
  if (on !== undefined) e.native_on = on.map((x, i) => oneOf(FILTER_RETURNS, x, sub(sub(at, 'native_on'), String(i))));
  // An item may also be of a text-or-integer contract ('strint', resolve/types.ts), which no filter returns.
  if (items !== undefined) e.native_items = items.map((x, i) => oneOf(ITEM_TYPES, x, sub(sub(at, 'native_items'), String(i))));
  if (nativeParams !== undefined) {
    within(nativeParams, params, 'params', sub(at, 'native_params'));
    e.native_params = nativeParams;
  }
  return e;
}

const FACT_KEYS = [
  'ohai',
  'compute',
  'convert',
  'type',
  'table',
  'chef_check',
  'compare_only',
  'membership_only',
  'gathered_as',
  'always_defined',
  'ground_truth',
];

/** Chef's own platform introspection helpers (ChefUtils::DSL::PlatformFamily / Platform). */
export const FACT_CHEF_CHECKS = ['platform_family?', 'platform?'] as const;

export function checkFact(v: unknown, at: At): FactEntry {
  const t = table(v, at);
  onlyKeys(t, FACT_KEYS, at);
  const e: FactEntry = { type: required(t, 'type', at, (x, a) => oneOf(FACT_TYPES, x, a)) };
  // A fact only ever asked whether it is defined has no value to read: neither ohai nor compute.
  if (optional(t, 'always_defined', at, boolean)) {
    onlyKeys(t, ['type', 'always_defined'], at);
    if (e.type !== 'dict') fail(sub(at, 'always_defined'), 'only a dict fact is always defined without a value to read');
    e.always_defined = true;
    return e;
  }
  exactlyOne(t, ['ohai', 'compute'], at);
  const ohai = optional(t, 'ohai', at, strings);
  if (ohai) e.ohai = ohai;
  const compute = optional(t, 'compute', at, (x, a) => oneOf(FACT_COMPUTES, x, a));
  if (compute) e.compute = compute;
  const convert = optional(t, 'convert', at, (x, a) => oneOf(FACT_CONVERTS, x, a));
  if (convert) e.convert = convert;
  const values = optional(t, 'table', at, stringTable);
  if ((values !== undefined) !== (convert === 'lookup'))
    fail(
      sub(at, 'table'),
      convert === 'lookup' ? 'missing: convert = "lookup" needs the value table' : 'only a convert = "lookup" entry has a value table',
    );
  if (values) e.table = values;
  const check = optional(t, 'chef_check', at, (x, a) => oneOf(FACT_CHEF_CHECKS, x, a));
  if (check !== undefined && !values) fail(sub(at, 'chef_check'), 'only an entry with a value table has a Chef platform check');
  if (check) e.chef_check = check;
  const only = optional(t, 'compare_only', at, strings);
  if (only !== undefined && !compute) fail(sub(at, 'compare_only'), 'only a computed fact answers comparisons alone');
  if (only) e.compare_only = only;
  const member = optional(t, 'membership_only', at, boolean);
  if (member !== undefined && (!compute || e.type !== 'dict'))
    fail(sub(at, 'membership_only'), 'only a computed dict fact answers membership tests alone');
  if (member) e.membership_only = true;
  const gathered = optional(t, 'gathered_as', at, (x, a) => oneOf(['play-user'] as const, x, a));
  if (gathered) e.gathered_as = gathered;
  const gt = optional(t, 'ground_truth', at, string);
  if (gt !== undefined) e.ground_truth = gt;
  return e;
}

export function checkLookup(v: unknown, at: At): LookupEntry {
  const t = table(v, at);
  onlyKeys(t, ['ruby', 'controller', 'kept', 'operator', 'aliases'], at);
  exactlyOne(t, ['ruby', 'controller'], at);
  const e: LookupEntry = {};
  const ruby = optional(t, 'ruby', at, string);
  if (ruby !== undefined) e.ruby = ruby;
  const controller = optional(t, 'controller', at, string);
  if (controller !== undefined) e.controller = controller;
  const kept = optional(t, 'kept', at, boolean);
  if (kept !== undefined) {
    if (controller === undefined) fail(at, 'kept goes with controller (only a controller plugin is kept as a TODO)');
    e.kept = kept;
  }
  const operator = optional(t, 'operator', at, string);
  if (operator !== undefined) {
    if (controller === undefined) fail(at, 'operator goes with controller (only a controller read is set by the operator instead)');
    e.operator = operator;
  }
  const aliases = optional(t, 'aliases', at, strings);
  if (aliases) e.aliases = aliases;
  return e;
}

export function checkFactNames(doc: Record<string, unknown>, at: At): FactNames {
  onlyKeys(doc, ['names', 'interface_patterns'], at);
  const patterns = required(doc, 'interface_patterns', at, strings);
  return {
    names: new Set(required(doc, 'names', at, strings)),
    interfacePatterns: patterns.map((p, i) => pattern(`^(?:${p})$`, sub(sub(at, 'interface_patterns'), i))),
  };
}

function exactlyOne(t: Record<string, unknown>, keys: readonly string[], at: At): void {
  const present = keys.filter((k) => t[k] !== undefined);
  if (present.length !== 1) fail(at, present.length ? `${present.join(' and ')} exclude each other` : `needs one of ${keys.join(', ')}`);
}

function scalar(v: unknown, at: At): string | number | boolean {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return fail(at, 'expected a string, number or boolean');
}
