// One symbol table for the whole project: every variable resolves to exactly one attribute path,
// everywhere (recipes, templates, Policyfiles, node files). A variable defined by exactly one
// role lives under that role's cookbook, without the role's prefix where that is safe
// (attribute-keys.ts); any other lives under the project namespace under its own name.
import type { Span } from '../base/diagnostics.js';
import type { Project } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import { holdsVault } from './vaulted.js';
import { walkDefinitions } from './definitions.js';
import { ANY, interpolationType, isPlainLead, joinTypes, TypeInterner, valueType, type Interpolation, type VarType } from './types.js';
import { ANSIBLE_JINJA_SETTINGS, applyWhitespace, containsJinja, escapeBackslashes, parseString, type Node } from '../load/jinja/index.js';
import { ownKeys, type AttributeKeys } from './attribute-keys.js';
import { cookbookName } from './cookbook-name.js';
import { exprType, renderedExprType } from './rendered-type.js';
import { builtListType } from './built-list-type.js';
import { setFactType } from './set-fact-types.js';
import type { ItemFieldContract } from './item-contracts.js';
import { findOmitHolders, type OmitHolders } from './omit-holders.js';

export type DefinitionKind =
  | 'role-default'
  | 'role-vars'
  | 'role-entry-vars'
  | 'role-param'
  | 'play-vars'
  | 'play-vars-file'
  | 'group_vars'
  | 'host_vars'
  | 'inventory-group'
  | 'inventory-host'
  | 'set_fact'
  | 'include_vars'
  /** Used but defined nowhere in the input: expected under the namespace (extra vars, another inventory). */
  | 'undeclared';

export interface Definition {
  kind: DefinitionKind;
  /** Role, play or group that defines it. */
  owner: string;
  span: Span;
  /** The value may be a list or dict (a sequence, a mapping or a template), which Chef's attribute merge can combine. */
  collection?: boolean;
  /** The value holds a !vault value, written at force_default instead of its kind's level (vault-scope.ts). */
  vaulted?: boolean;
  /**
   * Where a value read at run time is computed instead of an attribute (translate/deferred.ts):
   * at each use, a TODO (a kind that cannot be computed there), or nowhere (outranked by one that
   * is; an include_vars value whose vars file no converted include_vars task loads).
   */
  atUse?: 'computed' | 'todo' | 'outranked' | 'unloaded';
  /** The value as written (variable files, inventories, role entries): its type is resolved by finish(). */
  value?: YNode;
  /** The value's type when read (resolve/types.ts), set by finish(); absent: unknown. */
  vtype?: VarType;
  /**
   * A set_fact's argument as written, where the names it reads are the project's variables (no
   * task, block or loop variable of the task binds one): finish() types what it stores
   * (set-fact-types.ts). Absent on a set_fact: the stored value is of unknown type.
   */
  fact?: YNode;
}

/** What a variable file entry's value tells the precedence checks. */
function valueTraits(value: YNode): Pick<Definition, 'collection' | 'vaulted' | 'value'> {
  const collection = value.kind !== 'scalar' || (typeof value.value === 'string' && /\{\{|\{%/.test(value.value));
  return { ...(collection ? { collection } : {}), ...(holdsVault(value) ? { vaulted: true } : {}), value };
}

/**
 * A variable string's nodes as Jinja renders them: `{{-`/`-}}` and trim_blocks applied to the text
 * (the trailing newline, which Ansible gives back, stays).
 */
export function renderedNodes(text: string): Node[] | undefined {
  if (!containsJinja(text)) return undefined;
  const escaped = escapeBackslashes(text);
  const parsed = escaped === undefined ? undefined : parseString(escaped);
  return parsed?.ok ? applyWhitespace(parsed.value, { ...ANSIBLE_JINJA_SETTINGS, keepTrailingNewline: true }) : undefined;
}

/** Text and `{{ name }}` outputs only (no filters, no statements), as Jinja parses it. */
function interpolationOf(nodes: Node[]): Interpolation | undefined {
  const parts: Array<string | { name: string }> = [];
  for (const n of nodes) {
    if (n.kind === 'text') parts.push(n.text);
    else if (n.kind === 'output' && n.expr.kind === 'name') parts.push({ name: n.expr.name });
    else return undefined;
  }
  return parts;
}

// Top-level nodes that render in place (no `extends`, whose template drops the text around blocks).
const IN_PLACE = new Set<Node['kind']>(['text', 'output', 'if', 'for', 'set']);

/**
 * A template whose output starts with literal text convert_data cannot re-read, whatever the
 * expressions after it give: the text does not open a list or dict, and is not the start of
 * 'True' or 'False' (so the whole output can be neither). Its value is that text, a plain str.
 */
function startsAsText(nodes: Node[]): boolean {
  return nodes.every((n) => IN_PLACE.has(n.kind)) && leadsWithText(nodes);
}

/**
 * The first node is such text, or an if with an else whose every branch starts so
 * (`{% if x %}keystone{% else %}keystone+cache{% endif %}`): one of them renders first.
 */
function leadsWithText(nodes: Node[]): boolean {
  const first = nodes[0];
  if (first?.kind === 'text') return isPlainLead(first.text);
  if (first?.kind !== 'if' || !first.else) return false;
  return [...first.branches.map((b) => b.body), first.else].every((body) => body.every((n) => IN_PLACE.has(n.kind)) && leadsWithText(body));
}

const LONE_NAME = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

/**
 * What a lone `{{ x }}` gives for x of type t (translate/jinja/string-value.ts): lists, dicts,
 * booleans, numbers and None keep their value, text convert_data may re-read is unknown.
 */
function throughLone(t: VarType): VarType {
  if (t.t === 'str' && !t.plain) return ANY;
  // A template's number or None reaches the alias as its text (rendered: resolve/types.ts).
  if (t.rendered && (t.t === 'int' || t.t === 'float' || t.t === 'none')) return { t: 'str', plain: true };
  return t;
}

const known = (t: VarType): VarType | undefined => (t.t === 'any' ? undefined : t);

/** A value written as a template string: Ansible renders it when the variable is read. */
export function isTemplate(v: YNode): boolean {
  return v.kind === 'scalar' && v.type === 'str' && !v.unsafe && typeof v.value === 'string' && /\{\{|\{%|\{#/.test(v.value);
}

/**
 * The type of a variable's templated string, its names typed by `typeOf`: a lone `{{ name }}` has
 * that variable's type, text with `{{ name }}` outputs is a str whose re-reading those names
 * decide, anything else is unknown.
 */
export function templateType(text: string, typeOf: (name: string) => VarType): VarType {
  const alias = LONE_NAME.exec(text)?.[1];
  if (alias !== undefined) return throughLone(typeOf(alias));
  const nodes = renderedNodes(text);
  if (nodes?.length === 1 && nodes[0]!.kind === 'output') return renderedExprType(nodes[0]!.expr, typeOf);
  const parts = nodes && interpolationOf(nodes);
  if (parts) return interpolationType(parts, typeOf);
  // A list built with set/append/extend and printed: that list, where every change to it is certain.
  const built = nodes && builtListType(nodes, (e) => known(exprType(e, typeOf)));
  if (built) return built;
  return nodes && startsAsText(nodes) ? { t: 'str', plain: true } : ANY;
}

export interface VarSymbol {
  name: string;
  /** Attribute path below `node`, e.g. ['haproxy', 'haproxy_bind_port']. */
  path: string[];
  definitions: Definition[];
  /** set_fact variables live in node.run_state during the run. */
  runState: boolean;
  /** The join of every definition's type (set_fact, undeclared and unknown values make it 'any'). */
  type: VarType;
  /** Why a cookbook's variable keeps its own name as its key although a role prefix matches (attribute-keys.ts). */
  keptName?: string;
}

export class SymbolTable {
  private readonly symbols = new Map<string, VarSymbol>();
  /** How finish() keyed the cookbooks' variables. */
  attributeKeys: AttributeKeys = 'short';
  /**
   * Of the variables `declared` types: that type in the grammar of `[extra-var-types]` and where it
   * comes from, for the run-time check of a value set outside the input (translate/input-checks.ts);
   * `uses`: for a contract inferred from use, the uses it was inferred from (the report).
   */
  readonly contracts = new Map<string, { type: string; from: string; uses?: string }>();
  /**
   * Of the list variables whose items no source gives a shape: each field's contract inferred from
   * use (item-contracts.ts), checked on every item at run time (translate/input-checks.ts).
   */
  readonly itemContracts = new Map<string, ReadonlyMap<string, ItemFieldContract>>();
  /** Of the dict variables every source sets to `{}`: each field's contract inferred from its uses (the empty-dict rule). */
  readonly dictContracts = new Map<string, ReadonlyMap<string, ItemFieldContract>>();
  /** Of those lists: the fields read whose uses prove no contract, each with why ('' : the whole list), for the report. */
  readonly itemFieldsKept = new Map<string, ReadonlyMap<string, string>>();
  /**
   * Variables whose declared type is their type, not joined with their definitions': lists of
   * literal dicts whose item-field contracts every literal item fits (literal-items.ts).
   */
  readonly contractWins = new Set<string>();
  /** The variables that may hold Ansible's omit placeholder, whole or inside a list or dict (omit-holders.ts), set by finish(). */
  omitHolders: OmitHolders = { whole: new Set(), nested: new Set() };
  /** The input inventory's groups and their hosts (children included), once the translate stage knows them. */
  inventoryGroups?: Readonly<Record<string, readonly string[]>>;

  /**
   * `namespace`: where variables no single role defines live. `declared`: the types the config
   * declares for variables set outside the input (extra vars, an inventory not converted), joined
   * with what the input's own definitions give.
   */
  constructor(
    readonly namespace: string,
    readonly declared: ReadonlyMap<string, VarType> = new Map(),
  ) {}

  get(name: string): VarSymbol | undefined {
    return this.symbols.get(name);
  }

  all(): VarSymbol[] {
    // Sorted once per set of names: a variable is only ever added (define, undeclared), never removed
    // or renamed, so the same size is the same names; asked five times or more per run of 13k names.
    if (this.sorted?.length !== this.symbols.size)
      this.sorted = [...this.symbols.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A copy: callers may sort or filter what they are given.
    return this.sorted.slice();
  }

  /** all()'s list, kept while no variable is added. */
  private sorted?: VarSymbol[];

  define(name: string, def: Definition): void {
    const sym = this.symbols.get(name);
    // Most variables have one definition: a list made with it holds one slot, an empty one grown by push 16.
    if (sym) sym.definitions.push(def);
    else this.symbols.set(name, { name, path: [], definitions: [def], runState: false, type: ANY });
  }

  /** A variable read but defined nowhere in the input: it is expected under the namespace. */
  undeclared(name: string, span: Definition['span']): VarSymbol {
    let sym = this.symbols.get(name);
    if (!sym) {
      sym = { name, path: [this.namespace, name], definitions: [], runState: false, type: this.declared.get(name) ?? ANY };
      this.symbols.set(name, sym);
    }
    if (!sym.definitions.some((d) => d.kind === 'undeclared')) sym.definitions.push({ kind: 'undeclared', owner: '', span });
    return sym;
  }

  /**
   * Drops the YAML values the definitions hold: after translation only where and how each
   * variable is defined is read (the report), and the values would keep the loaded project's
   * YAML nodes alive through printing. Set to undefined, not deleted: deleting a property that is
   * not an object's last turns it into a dictionary, some 400 bytes more per definition.
   */
  releaseValues(): void {
    for (const sym of this.symbols.values()) for (const d of sym.definitions) d.value = undefined;
  }

  /** Paths -> variables, built on first use after finish() and again when undeclared() added some. */
  private byPath?: { size: number; map: Map<string, VarSymbol> };

  /** The variable whose attribute path is `path`, if any. */
  atPath(path: readonly string[]): VarSymbol | undefined {
    if (this.byPath?.size !== this.symbols.size)
      this.byPath = { size: this.symbols.size, map: new Map([...this.symbols.values()].map((s) => [s.path.join('\0'), s])) };
    return this.byPath.map.get(path.join('\0'));
  }

  /**
   * Assign paths once every definition is known. A variable owned by one cookbook is keyed as
   * attribute-keys.ts decides (`cinder_packages` -> ['cinder', 'packages'] unless `keys` is
   * 'ansible'); one under the namespace keeps its name: nothing there names a role to strip.
   */
  finish(
    cookbookOf: (role: string) => string,
    keys: AttributeKeys = 'short',
    factType: (name: string) => VarType | undefined = () => undefined,
  ): void {
    this.attributeKeys = keys;
    delete this.byPath;
    const owned = new Map<string, { roles: Set<string>; syms: VarSymbol[] }>();
    for (const sym of this.symbols.values()) {
      const roles = new Set(
        sym.definitions.filter((d) => d.kind === 'role-default' || d.kind === 'role-vars' || d.kind === 'include_vars').map((d) => d.owner),
      );
      const owner = roles.size === 1 ? cookbookOf([...roles][0]!) : this.namespace;
      sym.path = [owner, sym.name];
      delete sym.keptName;
      sym.runState = sym.definitions.length > 0 && sym.definitions.every((d) => d.kind === 'set_fact');
      if (roles.size !== 1) continue;
      const book = owned.get(owner) ?? { roles: new Set<string>(), syms: [] };
      book.roles.add([...roles][0]!);
      book.syms.push(sym);
      owned.set(owner, book);
    }
    for (const [cookbook, { roles, syms }] of owned) {
      const names = [...new Set([cookbook, ...[...roles].map((r) => cookbookName(r.split('/').pop()!.split('.').pop()!))])];
      // A cookbook named like the namespace shares its attributes with the namespace's variables
      // and `groups`: a shortened key could meet one of them there, so its variables keep their names.
      const keyed = ownKeys(
        names,
        syms.map((s) => s.name),
        cookbook === this.namespace ? 'ansible' : keys,
      );
      for (const sym of syms) {
        const k = keyed.get(sym.name)!;
        sym.path = [cookbook, k.key];
        if (k.kept) sym.keptName = k.kept;
      }
    }
    const done = new Map<string, VarType>();
    const types = new TypeInterner();
    const typeOf = (name: string, seen: ReadonlySet<string>): VarType => {
      const known = done.get(name);
      if (known) return known;
      const sym = this.symbols.get(name);
      const declared = this.declared.get(name);
      if (!sym || sym.definitions.length === 0) return declared ?? (sym ? ANY : (factType(name) ?? ANY));
      if (seen.has(name)) return ANY;
      const inner = new Set([...seen, name]);
      const lone = (text: string): VarType => templateType(text, (n) => typeOf(n, inner));
      let t: VarType | undefined;
      for (const d of sym.definitions) {
        if (d.kind === 'set_fact') {
          const ft = types.intern(d.fact === undefined ? ANY : setFactType(d.fact, lone, renderedNodes, (n) => this.literalTexts(n)));
          if (seen.size === 0) d.vtype = ft;
          t = joinTypes(t, ft);
          continue;
        }
        const vt = d.value === undefined || d.vaulted ? ANY : valueType(d.value, lone);
        const dt = types.intern(d.value !== undefined && vt.t !== 'any' && isTemplate(d.value) ? { ...vt, rendered: true as const } : vt);
        if (seen.size === 0) d.vtype = dt;
        t = joinTypes(t, dt);
      }
      // A fact only set_facts set is, until one runs, the Ohai value of Ansible's fact of that name,
      // or (any other name) undefined, which the read fails on and so adds no type.
      const before = sym.definitions.every((d) => d.kind === 'set_fact') && !declared ? factType(name) : undefined;
      if (before) t = joinTypes(t, before);
      // A source outside the input may set it too (extra vars outrank every other).
      const out = types.intern(declared ? (this.contractWins.has(name) ? declared : joinTypes(t, declared)) : (t ?? ANY));
      if (seen.size === 0) done.set(name, out);
      return out;
    };
    for (const sym of this.symbols.values()) sym.type = typeOf(sym.name, new Set());
    this.omitHolders = findOmitHolders(this.symbols.values());
  }

  /** The literal texts every definition of `name` gives (set-fact-types.ts), or undefined where one gives no literal text. */
  literalTexts(name: string): string[] | undefined {
    if (this.declared.has(name)) return undefined;
    const texts: string[] = [];
    for (const d of this.symbols.get(name)?.definitions ?? []) {
      const v = d.value;
      if (d.kind === 'set_fact' || d.kind === 'undeclared' || d.vaulted || v?.kind !== 'scalar' || typeof v.value !== 'string')
        return undefined;
      if (v.type !== 'str' || (!v.unsafe && containsJinja(v.value))) return undefined;
      texts.push(v.value);
    }
    return texts;
  }
}

export function buildSymbolTable(project: Project, namespace: string, declared?: ReadonlyMap<string, VarType>): SymbolTable {
  const table = new SymbolTable(namespace, declared);
  walkDefinitions(project, (d) => table.define(d.name, { kind: d.kind, owner: d.owner, span: d.span, ...valueTraits(d.value) }));
  return table;
}
