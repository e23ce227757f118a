// The contract between the Jinja translator and its caller.
//
// The caller (task/template translation) owns the symbol table, the Ruby
// locals in scope and the registered results; the translator asks it through
// this interface and never invents a name. Everything it cannot translate
// faithfully comes back as an `untranslatable` result with a reason.
import type { Expr, Pos } from '../load/jinja/ast.js';
import type { RExpr } from '../ir/ruby-ast.js';
import type { VarType } from '../resolve/types.js';
import type { JinjaTables } from '../mapping/jinja-tables.js';
import type { DiagnosticCode } from '../base/diagnostic-codes.js';
import { Untranslatable } from '../base/failure.js';

/**
 * Where a project variable lives. `attribute`: a node attribute path; the
 * translator reads it with `A2C::Jinja.var(node, *path)`, which raises when
 * the attribute is missing (Ansible fails on undefined variables).
 * `ruby`: an expression that is always defined (e.g. a value the caller
 * computed); it must never yield nil for "unset". `failed`: the variable exists but its value
 * has no translation, which matters only where it is read.
 */
export type VarRef =
  | {
      kind: 'attribute';
      path: string[];
      /** What reading it gives (resolve/types.ts); absent: unknown. */
      type?: VarType;
      /**
       * How the attribute is read. `node`: `node['cb']['key']`, always set (the reading cookbook's
       * own attribute file gives it unconditionally) and Chef's merged view equals the value Ansible
       * takes. `strict`: `node.read!('cb', 'key')`, which raises Chef's NoSuchAttribute where
       * Ansible fails on the undefined variable. `input`: a variable the input never sets,
       * A2C::Jinja.input (fails naming the variable and where to set it). Absent: A2C::Jinja.var, which takes the value whole
       * from the highest Chef component, as Ansible's replace semantics do, and raises UndefinedError.
       */
      read?: 'node' | 'strict' | 'input';
    }
  /** `defined`: whether it is set, as plain Ruby (`is defined` asks it instead of catching the read's failure). */
  | { kind: 'ruby'; expr: RExpr; defined?: RExpr }
  /**
   * A task/block/include var whose own value could not be translated: reading it is a TODO.
   * `followsTodo`: a value no earlier converted task sets (a registered result, a variable only TODO
   * tasks set): the read may convert once that task does. `code`: the value's own by-design code
   * (A2C-TODO-CONTROLLER), kept by every reader.
   */
  | { kind: 'failed'; reason: string; construct: string; followsTodo?: true; code?: DiagnosticCode };

/** A magic variable the caller knows has no sound equivalent where it is read, and why. */
export interface MagicRefusal {
  why: string;
}

export const isRefusal = (m: RExpr | MagicRefusal): m is MagicRefusal => 'why' in m;

/**
 * The Jinja translator's only context: what it may ask of the caller about names, tables and magic
 * variables. It knows nothing of the translate stage's VarScope, which builds it (jinja-bridge.ts).
 */
export interface JinjaScope {
  /** The filter, fact and lookup tables of this conversion (built-in, or with user tables merged). */
  tables: JinjaTables;
  /** A part of a registered result may be read whole: the caller passes it on with its type (translate/jinja-bridge.ts VarScope). */
  passesParts?: true;
  /**
   * Keys of stored registered results an enclosing test proved present (`r.k is defined and ...r.k...`,
   * expr.ts testOf), by presentKey: read there as Hash#[] (undef.ts storedKey).
   */
  presentKeys?: ReadonlySet<string>;
  /**
   * A `{% raw %}` block in a variable string renders its text: the caller knows nothing templates the
   * result again (translate/raw-text.ts). Absent: such a block stays a TODO.
   */
  rawText?: boolean;
  /** A project variable, or undefined when the symbol table does not know the name. */
  lookupVar(name: string): VarRef | undefined;
  /**
   * A variable the project never defines (it may come from extra vars or another inventory):
   * the attribute path where it is expected, and the type the config declares for it (absent:
   * unknown). Reading it still fails when unset, as in Ansible.
   */
  lookupUndeclared?(name: string): { kind: 'attribute'; path: string[]; type?: VarType } | undefined;
  /**
   * Why another node's copy of this variable (`hostvars[host].x`, a node found by Chef search)
   * cannot give Ansible's value, or undefined when it can; `host` when the host is a literal.
   */
  otherNodeValue?(name: string, host?: string): string | undefined;
  /**
   * Why `hostvars[host].x` of another host reads a value that host's own Ansible run makes (only
   * set_fact or register set x), or undefined: Chef runs of separate nodes share no run state, so
   * such a read has no pull-model equivalent (kept as a TODO by design).
   */
  otherNodeRunValue?(name: string): string | undefined;
  /**
   * `hostvars['localhost'][name]` (a controller name): localhost's value computed here where it is
   * alike on every node (translate/controller-hostvars.ts), else why not.
   */
  controllerVar?(host: string, name: string): RExpr | { why: string };
  /** Names bound as Ruby locals/block params in the current Ruby scope: Jinja name -> Ruby local name. */
  locals: ReadonlyMap<string, string>;
  /**
   * Chef's platform_family?/platform? may be called here (recipes, guards, attribute files; not
   * templates, whose context Chef does not give them).
   */
  platformHelpers?: boolean;
  /** What some locals are known to hold (a loop over a list of known items): Jinja name -> type. */
  localTypes?: ReadonlyMap<string, VarType>;
  /**
   * Magic variables (inventory_hostname, groups, hostvars, omit, ansible_managed,
   * role_path, playbook_dir, ansible_check_mode, ...). Return undefined to leave
   * the default: `inventory_hostname`/`inventory_hostname_short` map to the Chef
   * node name (nodes are named after inventory hosts); the others are untranslatable.
   * A refusal says why this one has no sound equivalent here (for the diagnostic).
   */
  lookupMagic?(name: string): RExpr | MagicRefusal | undefined;
  /**
   * Tests on registered results (`r is changed`): supplied by the register translator; `why`
   * says why this result cannot be read (for the diagnostic).
   */
  resultTest?(test: string, operand: Expr, negated: boolean): RExpr | { why: string; followsTodo?: true } | undefined;
  /** Lookup plugins (`lookup('env', 'HOME')`): the caller decides what is sound on a Chef node. */
  lookupPlugin?(name: string, args: RExpr[]): RExpr | undefined;
  /** The text lookup('file', path) reads when path is one of the role's own files. */
  roleFile?(path: string): string | undefined;
  /** Why lookup('file', path) finds no file of the input (role-file-lookup.ts), else undefined. */
  roleFileAbsent?(path: string): string | undefined;
  /** The secret lookup('password', term) stands for: a chef-vault read. */
  passwordSource?(term: string): RExpr | undefined;
  /**
   * The patterns `query('varnames', pattern)` may take, each checked to find only variables the
   * converted input never sets (vars-matching.ts), and where those live; `why` when it may find others.
   */
  varnamesSearch?(pattern: Expr): { patterns: string[]; namespace: string } | { why: string };
  /**
   * The audit's fixes (src/audit/fixes.ts), applied where a node is emitted: a `{{ }}` output
   * (`file` set for a template's, unset for one inside the YAML string being translated) ...
   */
  fixOutput?(at: SourceAt, e: RExpr): RExpr;
  /** ... and a template's text node (changed in place). */
  fixText?(at: SourceAt & { file: string }, node: { text: string }): void;
  /** ... and a copy made of a fixed node (a type noted on it): the copy is what reaches the project. */
  fixCopied?(from: RExpr, to: RExpr): void;
  /**
   * Told of every translated read of a fact the table marks `gathered_as` (ansible_env,
   * ansible_user_id): the caller knows the plays that run the read and reports it where they do not
   * gather facts as root. `file` is set for a template's node, unset inside the YAML string.
   */
  factRead?(fact: string, at: SourceAt): void;
}

/** Where an emitted Jinja node was written. */
export interface SourceAt {
  file?: string;
  pos: Pos;
}

export type Translation<T> =
  | { ok: true; value: T; notes: string[] }
  /** `code`: set when the failure decides it (a removed filter form, a read that follows a TODO); else the caller's. */
  | { ok: false; reason: string; construct: string; pos: Pos; code?: DiagnosticCode };

/**
 * Throws the failure of a Jinja construct (base/failure.ts, caught by capture below). It carries no
 * diagnostic code unless `code` is given or the construct reads a value only a TODO task would set
 * (`followsTodo`, see VarRef): the bridge (translate/jinja-bridge.ts) chooses the rest.
 */
export function untranslatable(construct: string, reason: string, pos: Pos, followsTodo?: true, code?: DiagnosticCode): never {
  throw new Untranslatable<DiagnosticCode | undefined>(followsTodo ? 'A2C-TODO-UNSET-READ' : code, reason, undefined, undefined, {
    construct,
    pos,
  });
}

/** Runs a translation step, turning a thrown Untranslatable into a result value. */
export function capture<T>(run: (notes: string[]) => T): Translation<T> {
  const notes: string[] = [];
  try {
    return { ok: true, value: run(notes), notes };
  } catch (e) {
    if (e instanceof Untranslatable && e.jinja)
      return { ok: false, reason: e.reason, construct: e.jinja.construct, pos: e.jinja.pos, ...(e.code ? { code: e.code } : {}) };
    throw e;
  }
}

/**
 * An inner scope's locals: the outer ones plus its own. A read of an outer name is also asked of the
 * outer map, so a caller that notes which of its names are read (the variables a task passes to its
 * template) sees reads from inside loops, macros and blocks too.
 */
class InnerLocals extends Map<string, string> {
  private readonly own: ReadonlySet<string>;
  constructor(
    private readonly outer: ReadonlyMap<string, string>,
    extra: ReadonlyArray<[string, string]>,
  ) {
    super([...outer, ...extra]);
    this.own = new Set(extra.map(([k]) => k));
  }
  override get(key: string): string | undefined {
    if (!this.own.has(key)) this.outer.get(key);
    return super.get(key);
  }
  override has(key: string): boolean {
    if (!this.own.has(key)) this.outer.has(key);
    return super.has(key);
  }
}

/** A scope with extra locals (for-loop targets, set variables, filter block params). */
export function withLocals(scope: JinjaScope, extra: Iterable<[string, string]>, types: ReadonlyArray<[string, VarType]> = []): JinjaScope {
  const own = [...extra];
  const locals = new InnerLocals(scope.locals, own);
  // A name bound again here holds a value of unknown type, unless the caller knows it.
  const localTypes = new Map([...(scope.localTypes ?? [])].filter(([n]) => !own.some(([k]) => k === n)));
  for (const [n, t] of types) localTypes.set(n, t);
  return {
    tables: scope.tables,
    locals,
    ...(localTypes.size > 0 ? { localTypes } : {}),
    ...(scope.platformHelpers ? { platformHelpers: true } : {}),
    ...(scope.otherNodeValue ? { otherNodeValue: (n: string, h?: string) => scope.otherNodeValue?.(n, h) } : {}),
    ...(scope.otherNodeRunValue ? { otherNodeRunValue: (n: string) => scope.otherNodeRunValue?.(n) } : {}),
    ...(scope.controllerVar ? { controllerVar: (h: string, n: string) => scope.controllerVar!(h, n) } : {}),
    lookupVar: (n) => scope.lookupVar(n),
    lookupUndeclared: (n) => scope.lookupUndeclared?.(n),
    lookupMagic: (n) => scope.lookupMagic?.(n),
    resultTest: (t, o, neg) => scope.resultTest?.(t, o, neg),
    lookupPlugin: (n, a) => scope.lookupPlugin?.(n, a),
    ...(scope.roleFile ? { roleFile: (p: string) => scope.roleFile?.(p) } : {}),
    ...(scope.roleFileAbsent ? { roleFileAbsent: (p: string) => scope.roleFileAbsent?.(p) } : {}),
    ...(scope.passwordSource ? { passwordSource: (t: string) => scope.passwordSource?.(t) } : {}),
    ...(scope.varnamesSearch ? { varnamesSearch: scope.varnamesSearch } : {}),
    ...(scope.fixOutput ? { fixOutput: scope.fixOutput } : {}),
    ...(scope.fixText ? { fixText: scope.fixText } : {}),
    ...(scope.fixCopied ? { fixCopied: scope.fixCopied } : {}),
    ...(scope.factRead ? { factRead: scope.factRead } : {}),
  };
}

/**
 * The same scope and locals, with what some of them are known to hold changed: `cleared` names
 * become unknown, then `types` are set.
 */
export function withLocalTypes(scope: JinjaScope, cleared: Iterable<string>, types: ReadonlyArray<[string, VarType]>): JinjaScope {
  const gone = new Set(cleared);
  const localTypes = new Map([...(scope.localTypes ?? [])].filter(([n]) => !gone.has(n)));
  for (const [n, t] of types) localTypes.set(n, t);
  const { localTypes: _old, ...rest } = scope;
  return { ...rest, ...(localTypes.size > 0 ? { localTypes } : {}) };
}
