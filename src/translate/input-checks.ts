// The run-time check of variables set outside the input whose type the conversion relied on
// (declared in the config, given by extra-var-files, or inferred from use): a read of such a
// variable is plain Chef only because its type is known, so a value of another type must fail the
// run, not print differently. The variables a cookbook (or a cookbook whose attributes it loads)
// reads, with their types and where each type comes from, are a frozen table in the cookbook's
// libraries/input_contracts.rb, as a Chef engineer keeps a cookbook's constants; a recipe hands it to
// `A2C::Inputs.check!` in one line, in the compile phase, after every attribute file and the
// Policyfile's and node file's values are in.
import type { CallStmt, Cookbook, InputContracts } from '../ir/chef-ir.js';
import { eachCookbookExpr, eachErbExpr, eachStmt, eachStmtExpr } from '../ir/walk.js';
import { call, nil, nodeRef, someExpr, str, sym, type RExpr } from '../ir/ruby-ast.js';
import { firstFree } from '../ir/ruby-names.js';
import type { ItemFieldContract } from '../resolve/item-contracts.js';
import type { SymbolTable } from '../resolve/symbols.js';
import { fetchedKey, readPaths, valueReadPaths } from './references.js';

/** The tables' constants in the cookbook's module: whole variables, and lists whose items' fields are read. */
const TABLE = 'INPUT_CONTRACTS';
const ITEM_TABLE = 'ITEM_CONTRACTS';

interface Checked {
  name: string;
  path: string[];
  type: string;
  from: string;
}

/**
 * Gives every cookbook that reads a checked variable its contract table, and the check to its default
 * recipe and to every other recipe of it whose run depends on a checked value (see dependentRecipes).
 */
export function addInputChecks(cookbooks: readonly Cookbook[], symbols: SymbolTable): void {
  // Only variables no input source sets: a type joined with the input's own definitions is not the outside's alone.
  const checked = new Map<string, Checked>();
  // Lists of text or integers inferred from use that the input sets only to `[]` (a role default):
  // checked at their attribute path, as the item-field contracts are.
  const wholeLists: ItemCheck[] = [];
  for (const s of symbols.all()) {
    const c = symbols.contracts.get(s.name);
    if (c?.type === 'list[str|int]' && c.uses && s.path.length > 0 && s.definitions.some((d) => d.kind !== 'undeclared'))
      wholeLists.push({ name: s.name, path: s.path, fields: new Map(), type: c.type, from: c.from });
    if (!c || s.type.t === 'any' || s.definitions.length === 0 || !s.definitions.every((d) => d.kind === 'undeclared')) continue;
    // Read as node[namespace][name] by check! (symbols.ts gives a variable no input source sets that path).
    if (s.path.length !== 2 || s.path[0] !== symbols.namespace || s.path[1] !== s.name) continue;
    checked.set(s.path.join('\0'), { name: s.name, path: s.path, type: c.type, from: c.from });
  }
  // Lists whose items' fields have contracts (resolve/item-contracts.ts), wherever they live.
  const items = new Map<string, ItemCheck>();
  for (const [name, fields] of symbols.itemContracts) {
    const s = symbols.get(name);
    if (s && s.path.length > 0) items.set(s.path.join('\0'), { name, path: s.path, fields });
  }
  for (const c of wholeLists) items.set(c.path.join('\0'), c);
  // Dicts every source sets to `{}` whose fields have contracts (the empty-dict rule): the value itself is checked as one item.
  for (const [name, fields] of symbols.dictContracts) {
    const s = symbols.get(name);
    if (s && s.path.length > 0) items.set(s.path.join('\0'), { name, path: s.path, fields, dict: true });
  }
  if (checked.size === 0 && items.size === 0) return;
  const reads = new Map<string, Set<string>>();
  const fetched = new Map<string, Set<string>>();
  for (const cb of cookbooks) {
    const read = new Set<string>();
    const keys = new Set<string>();
    // Only a read of the value relies on its type: `node.exist?` (an `is defined` test) holds for any value.
    const note = (e: RExpr) => {
      for (const p of valueReadPaths(e)) {
        const k = p.join('\0');
        if (checked.has(k) || items.has(k)) read.add(k);
      }
      if (items.size > 0) fieldKeys(e, keys);
    };
    eachCookbookExpr(cb, note);
    for (const r of cb.resources ?? []) for (const s of r.body) eachStmtExpr(s, note);
    reads.set(cb.name, read);
    fetched.set(cb.name, keys);
  }
  const byName = new Map(cookbooks.map((c) => [c.name, c]));
  const modules = moduleNames(cookbooks);
  const tainted = derivedPaths(cookbooks, [...checked.keys(), ...items.keys()]);
  for (const cb of cookbooks) {
    // A dependency's attribute files load with this cookbook, and their values reach its recipes.
    const mine = new Set<string>();
    const keys = new Set<string>();
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const k of reads.get(name) ?? []) mine.add(k);
      for (const k of fetched.get(name) ?? []) keys.add(k);
      for (const d of byName.get(name)?.depends ?? []) visit(d);
    };
    visit(cb.name);
    if (mine.size === 0) continue;
    const dependent = dependentRecipes(cb, tainted);
    const checking = cb.recipes.filter((r) => r.name === 'default' || dependent.has(r.name));
    if (checking.length === 0) continue;
    const sorted = [...mine].sort();
    const itemChecks = sorted.flatMap((k) => {
      const c = items.get(k);
      const kept = c && reliedOn(c, keys);
      return kept ? [kept] : [];
    });
    const entries = sorted.flatMap((k) => {
      const c = checked.get(k);
      return c ? [{ variable: c.name, value: contractEntry(c.type, c.from) }] : [];
    });
    if (entries.length === 0 && itemChecks.length === 0) continue;
    const table: InputContracts = {
      module: modules.get(cb.name)!,
      constant: TABLE,
      entries,
      itemConstant: ITEM_TABLE,
      itemEntries: itemChecks.map((c) => ({ variable: c.name, value: itemCheckEntry(c) })),
      ...(itemChecks.some((c) => c.dict) ? { dictEntries: true as const } : {}),
    };
    cb.inputContracts = table;
    for (const r of checking) {
      // check_items! after check!: unshift puts the last one first.
      if (table.itemEntries.length > 0) r.stmts.unshift(itemCheckStmt(table));
      if (table.entries.length > 0) r.stmts.unshift(checkStmt(symbols.namespace, table));
    }
  }
}

/** The literal keys of the plain Hash reads in `e` (fetchedKey; a settled attribute's summary holds them too). */
function fieldKeys(e: RExpr, out: Set<string>): void {
  someExpr(e, (x) => {
    const key = fetchedKey(x);
    if (key !== undefined) out.add(key);
    return false;
  });
}

/**
 * The part of a list's or dict's item contract that a printed read relies on: the fields some plain
 * read names (`keys`, fieldKeys), down to a dict field's values' fields; undefined where none is
 * (os_keystone's keystone_core_files.group, read only by a task left as a TODO). A whole list's type is kept.
 */
function reliedOn(c: ItemCheck, keys: ReadonlySet<string>): ItemCheck | undefined {
  if (c.type !== undefined) return c;
  const fields = reliedFields(c.fields, keys);
  return fields.size > 0 ? { ...c, fields } : undefined;
}

function reliedFields(fields: ReadonlyMap<string, ItemFieldContract>, keys: ReadonlySet<string>): Map<string, ItemFieldContract> {
  const out = new Map<string, ItemFieldContract>();
  for (const [f, fc] of fields) if (keys.has(f)) out.set(f, fc.dict ? { ...fc, dict: reliedFields(fc.dict, keys) } : fc);
  return out;
}

/**
 * One entry of the table: `{ type: <the type as Ruby data>, from: 'where it comes from' }`. The one
 * place an entry is built, so a contract of another kind (item fields) adds its keys here.
 */
export function contractEntry(type: string | undefined, from: string): RExpr {
  return {
    k: 'hash',
    pairs: [
      // No type: a list item's field only tested with `is defined`, which any value passes.
      [sym('type'), type === undefined ? nil : contractType(type)],
      [sym('from'), str(from)],
    ],
  };
}

/**
 * A type of the `[extra-var-types]` grammar (config/var-types.ts, with `text`, `str|int` and `none`,
 * which resolve/types.ts formatVarType also writes) as the data A2C::Inputs.check! reads: a symbol
 * for a kind (`:str`, `:str_or_int`, `:list`), `{ list: T }` / `{ dict: T }` for one type of every
 * item or value, `{ fields: { 'name' => T } }` for keys every value has.
 */
export function contractType(text: string): RExpr {
  const tokens = text.match(/str\|int|[A-Za-z_][A-Za-z0-9_]*|[[\]{}:,]|\S/g) ?? [];
  let i = 0;
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`contract type ${JSON.stringify(text)} ends early`);
    return t;
  };
  const expect = (tok: string) => {
    if (next() !== tok) throw new Error(`contract type ${JSON.stringify(text)}: expected '${tok}'`);
  };
  const type = (): RExpr => {
    const word = next();
    if (word === '{') {
      const pairs: Array<[RExpr, RExpr]> = [];
      for (;;) {
        const key = next();
        expect(':');
        pairs.push([str(key), type()]);
        if (tokens[i] !== ',') break;
        i++;
      }
      expect('}');
      return { k: 'hash', pairs: [[sym('fields'), { k: 'hash', pairs }]] };
    }
    if (word === 'str|int') return sym('str_or_int');
    if (!SCALARS.has(word)) throw new Error(`contract type ${JSON.stringify(text)}: '${word}' is not a type`);
    if ((word !== 'list' && word !== 'dict') || tokens[i] !== '[') return sym(word);
    i++;
    const inner = type();
    expect(']');
    return { k: 'hash', pairs: [[sym(word), inner]] };
  };
  const t = type();
  if (i !== tokens.length) throw new Error(`contract type ${JSON.stringify(text)}: unexpected '${tokens[i]}'`);
  return t;
}

interface ItemCheck {
  name: string;
  path: readonly string[];
  fields: ReadonlyMap<string, ItemFieldContract>;
  /** A type of the whole list instead (a list of text or integers), with where it comes from. */
  type?: string;
  from?: string;
  /** The variable is a dict of those fields, not a list of such dicts. */
  dict?: true;
}

/**
 * One list's entry of ITEM_CONTRACTS: `{ path: [...], fields: { 'f' => { type: :str_or_int or nil, from: '...' } } }`
 * (a nil type: a field only tested with `is defined`, which any value passes), or the whole list's type;
 * a dict's (the empty-dict rule) has `kind: :dict`: the value is the one dict checked.
 */
function itemCheckEntry(c: ItemCheck): RExpr {
  // `{ path: [...], type: { list: :str_or_int }, from: '...' }`: the whole list's type.
  if (c.type !== undefined)
    return {
      k: 'hash',
      pairs: [
        [sym('path'), { k: 'array', items: c.path.map(str) }],
        [sym('type'), contractType(c.type)],
        [sym('from'), str(c.from ?? '')],
      ],
    };
  return {
    k: 'hash',
    pairs: [
      [sym('path'), { k: 'array', items: c.path.map(str) }],
      ...(c.dict ? [[sym('kind'), sym('dict')] as [RExpr, RExpr]] : []),
      [sym('fields'), fieldsEntry(c.fields)],
    ],
  };
}

/**
 * `{ 'f' => { type: ..., from: '...' } }`; a dict field iterated gets `dict: { ... }` beside its
 * (nil) type: a dict with text keys whose values have those fields, each checked the same way.
 */
function fieldsEntry(fields: ReadonlyMap<string, ItemFieldContract>): RExpr {
  return {
    k: 'hash',
    pairs: [...fields].map(([f, fc]): [RExpr, RExpr] => {
      const entry = contractEntry(fc.type, fc.from);
      if (!fc.dict || entry.k !== 'hash') return [str(f), entry];
      return [str(f), { ...entry, pairs: [...entry.pairs, [sym('dict'), fieldsEntry(fc.dict)]] }];
    }),
  };
}

function itemCheckStmt(table: InputContracts): CallStmt {
  return {
    kind: 'call',
    comment: table.dictEntries
      ? [
          'Lists set outside the converted input whose items are read as plain Chef because their fields',
          'are known from use, and dicts the input sets only to {} read so (libraries/input_contracts.rb):',
          'an item or dict that is not a dict, or a field of another type, fails the run now.',
        ]
      : [
          'Lists set outside the converted input whose items are read as plain Chef because their fields',
          'are known from use (libraries/input_contracts.rb): an item that is not a dict, or a field of',
          'another type, fails the run now.',
        ],
    expr: call({ k: 'const', path: ['A2C', 'Inputs'] }, 'check_items!', [
      nodeRef,
      { k: 'const', path: [table.module, table.itemConstant] },
    ]),
  };
}

const SCALARS = new Set(['str', 'text', 'int', 'bool', 'float', 'none', 'list', 'dict']);

function checkStmt(namespace: string, table: InputContracts): CallStmt {
  return {
    kind: 'call',
    comment: [
      'Variables set outside the converted input, read as plain Chef because their type is known',
      '(libraries/input_contracts.rb): a value of another type fails the run now, rather than converging',
      'differently from Ansible.',
    ],
    expr: call({ k: 'const', path: ['A2C', 'Inputs'] }, 'check!', [
      nodeRef,
      str(namespace),
      { k: 'const', path: [table.module, table.constant] },
    ]),
  };
}

/**
 * A Ruby module name for each cookbook, named for it (`os_glance` -> `OsGlanceCookbook`): Chef loads every
 * cookbook's libraries into one Ruby process, so the suffix keeps it clear of Ruby's and Chef's own
 * top-level classes (a cookbook named `file` or `logger`), and two cookbook names that spell one module
 * (`a_b`, `a-b`) get distinct ones.
 */
export function moduleNames(cookbooks: readonly Cookbook[]): Map<string, string> {
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const name of cookbooks.map((c) => c.name).sort()) {
    const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
    const camel = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
    const base = `${/^[A-Z]/.test(camel) ? '' : 'Cookbook'}${camel}Cookbook`;
    const mod = firstFree(base, (n) => taken.has(n), { sep: '' });
    taken.add(mod);
    out.set(name, mod);
  }
  return out;
}

/** Attribute paths, each with the prefixes that hold one (a read of `node['a']` whole holds `node['a']['b']`). */
class PathSet {
  private readonly paths = new Set<string>();
  private readonly holders = new Set<string>();

  add(k: string): void {
    this.paths.add(k);
    for (let i = k.indexOf('\0'); i >= 0; i = k.indexOf('\0', i + 1)) this.holders.add(k.slice(0, i));
  }

  has(k: string): boolean {
    return this.paths.has(k);
  }

  /** Whether the reads (readPaths of one expression) reach one of the paths, a value inside one, or a hash holding one. */
  reachedBy(reads: readonly string[][]): boolean {
    const keys = reads.map((p) => p.join('\0'));
    return keys.some((k, i) => {
      const segs = reads[i]!;
      for (let n = 1; n <= segs.length; n++) if (this.paths.has(segs.slice(0, n).join('\0'))) return true;
      // readPaths gives `node['a']` for `node['a']['b']` too: only a read no longer one holds a whole hash.
      return this.holders.has(k) && !keys.some((other) => other.startsWith(`${k}\0`));
    });
  }
}

/**
 * The attribute paths whose value depends on a checked variable: the checked paths, and every attribute
 * whose value, choice or condition reads one of them (in any cookbook, to a fixed point). Each
 * attribute's reads are gathered once: a large vars file has tens of thousands of attributes.
 */
function derivedPaths(cookbooks: readonly Cookbook[], checked: Iterable<string>): PathSet {
  const out = new PathSet();
  for (const k of checked) out.add(k);
  let pending = cookbooks.flatMap((cb) =>
    cb.attributes.map((a) => ({
      key: a.path.join('\0'),
      reads: [a.value, ...(a.when ? [a.when.on] : []), ...(a.onlyIf ? [a.onlyIf] : [])].flatMap(readPaths),
    })),
  );
  for (let grew = true; grew; ) {
    grew = false;
    pending = pending.filter((a) => {
      if (out.has(a.key)) return false;
      if (!out.reachedBy(a.reads)) return true;
      out.add(a.key);
      grew = true;
      return false;
    });
  }
  return out;
}

/** Whether e reads one of the paths, a value inside one, or a hash holding one. */
function readsAny(e: RExpr, paths: PathSet): boolean {
  return paths.reachedBy(readPaths(e));
}

/**
 * The recipes (other than default) whose run depends on a checked value: one that reads a path that
 * depends on it, renders a template or declares a custom resource of the cookbook that does, or renders
 * a template it cannot name (a templated source) while some template does. A team may put any recipe
 * in a run list on its own; these then check the values they rely on themselves.
 */
function dependentRecipes(cb: Cookbook, tainted: PathSet): Set<string> {
  const taintedTemplates = new Set<string>();
  for (const t of cb.templates) {
    let hit = false;
    for (const n of t.body) eachErbExpr(n, (e) => (hit ||= readsAny(e, tainted)));
    if (hit) taintedTemplates.add(t.path);
  }
  const taintedResources = new Set<string>();
  for (const r of cb.resources ?? []) {
    let hit = false;
    for (const s of r.body) eachStmtExpr(s, (e) => (hit ||= readsAny(e, tainted)));
    for (const p of r.properties) if (p.default) hit ||= readsAny(p.default, tainted);
    if (hit) taintedResources.add(`${cb.name}_${r.file}`);
  }
  const out = new Set<string>();
  for (const recipe of cb.recipes) {
    let hit = false;
    for (const s of recipe.stmts) eachStmtExpr(s, (e) => (hit ||= readsAny(e, tainted)));
    eachStmt(recipe.stmts, (s) => {
      if (s.kind !== 'resource') return;
      if (taintedResources.has(s.type)) hit = true;
      const source = s.properties.find((p) => p.name === 'source')?.value;
      if (source?.k === 'str') hit ||= taintedTemplates.has(source.v);
      else if (source && s.type === 'template') hit ||= taintedTemplates.size > 0;
    });
    if (hit) out.add(recipe.name);
  }
  return out;
}
