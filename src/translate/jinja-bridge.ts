// The one door between the task translator and the Jinja stage (src/load/jinja parser,
// src/jinja-to-ruby translator). Every Jinja expression in task arguments, guards, loops,
// variables and templates becomes Ruby through here; a construct without a faithful translation
// comes back as Untranslatable with the position of the construct in its file.
import { formatSpan, type Span } from '../base/diagnostics.js';
import type { ErbNode } from '../ir/chef-ir.js';
import type { YNode } from '../load/ansible/yaml.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { bool, call, nodePath, nodeRef, str } from '../ir/ruby-ast.js';
import { J, JINJA, tryBlock } from '../jinja-to-ruby/rb.js';
import { translateFact } from '../jinja-to-ruby/facts.js';
import type { SymbolTable, VarSymbol } from '../resolve/symbols.js';
import type { VarType } from '../resolve/types.js';
import { type Result, Untranslatable } from '../base/failure.js';
import { type Registered, recordedType, registeredRef, resultTestExpr, resultTestOf } from './task/register.js';
import { containsJinja, parseExpression, parseString, parseTemplate, type JinjaSettings, type Pos } from '../load/jinja/index.js';
import type { TemplateParser } from '../load/jinja/template-parses.js';
import {
  renderedConditionDiffers,
  translateCondition,
  translateStringValue,
  translateTemplate,
  type IncludeResolver,
  type JinjaScope,
  type Translation,
} from '../jinja-to-ruby/index.js';
import type { MagicRefusal } from '../jinja-to-ruby/scope.js';
import { dirname, join } from '../load/ansible/input.js';
import { chefComponent, mergedOnSavedNode, mergedViewDiffers } from '../resolve/precedence.js';
import { moduleSettingFactVariable } from '../resolve/definitions.js';
import type { DeferredVars } from './deferred.js';
import type { JinjaTables } from '../mapping/jinja-tables.js';
import { carriedCode, readController, readDeferred } from './deferred-read.js';
import type { ReaderAt } from './todo-set-facts.js';
import { shadowedThrough } from './shadowed-read.js';
import { fixKey, type FixPlan } from '../audit/fixes.js';
import type { ControllerInputRef } from './controller-input.js';
import { varnamesSearch } from './varnames-search.js';

/**
 * The lexical variable scope of one read of a value: the variables visible there (task, block and
 * include vars, loop locals, registered results) over the project's symbol table. Built by rootScope
 * (role.ts) from the TranslateContext and the CookbookEnv; the Jinja translator gets a JinjaScope made
 * from it (jinjaScope below).
 */
export interface VarScope {
  /** The mapping tables of this conversion (the Jinja translator reads filters, facts and lookups). */
  tables: JinjaTables;
  symbols: SymbolTable;
  /** A `{% raw %}` block in the value renders its text: no set_fact stores the value (raw-text.ts). */
  rawText?: true;
  /**
   * The value is a lone name, or a list of them, that a set_fact or a loop passes on whole, with its
   * type (passesOnWhole): a registered result the support library computes in part may be read whole
   * here, as its type travels with it and refuses the reads beyond the part where they are made.
   */
  passesParts?: true;
  /** Jinja names bound to Ruby locals here (loop variables, `item`). */
  locals: ReadonlyMap<string, string>;
  /**
   * Ruby locals (loop items) that may hold Ansible's omit placeholder, whole or inside: the loop's
   * list holds `omit` or reads a variable holding it (translate/omit-value.ts scopeOmitTest).
   */
  omitLocals?: ReadonlySet<string>;
  /** What some of those locals hold (a loop over a list whose items' type is known). */
  localTypes?: ReadonlyMap<string, VarType>;
  /**
   * Task, block and include vars and loop items bound by name: a Ruby value, or a value translated
   * at each read (Ansible templates vars lazily). A value without a translation makes a TODO only
   * where it is read.
   */
  vars?: ReadonlyMap<string, VarBinding>;
  /**
   * Names bound by include params (include_tasks/include vars, include_role vars): Ansible ranks
   * them above the included tasks' own task and block vars, which do not rebind them.
   */
  pinned?: ReadonlySet<string>;
  /** Results registered so far in this cookbook, in task order. */
  registered?: ReadonlyMap<string, Registered>;
  /** Every name some task of the project registers (never an undeclared attribute). */
  registerNames?: ReadonlySet<string>;
  /** The names tasks of this cookbook register (any other registered name is another cookbook's). */
  ownRegisterNames?: ReadonlySet<string>;
  /** Where a `!vault` value of a variable is read from (set only where a variable is being defined). */
  vaultItem?: (node: YNode) => RExpr;
  /** Magic variables (groups, group_names, omit, ...) as the inventory defines them. */
  magic?: (name: string) => RExpr | MagicRefusal | undefined;
  /** Variables computed at each use (deferred.ts), and the role whose tasks read here. */
  deferred?: DeferredVars;
  role?: string;
  /** The cookbook the code is written into (its attribute files are always loaded before it runs). */
  cookbook?: string;
  /** Deferred variables and task/block/include vars being expanded into this read (cycle detection). */
  expanding?: readonly string[];
  /** Names the include_vars task being translated loads: its condition reads them as they are before it runs. */
  beforeLoad?: ReadonlySet<string>;
  /** The text lookup('file', path) reads when path is one of the role's own files (role-file-lookup.ts). */
  roleFile?: (path: string) => string | undefined;
  /** Why lookup('file', path) finds no file of the input at all (role-file-lookup.ts). */
  roleFileAbsent?: (path: string) => string | undefined;
  /** Variables that became attributes the operator sets (controller-input.ts), collected for CONVERSION.md. */
  controllerInputs?: ControllerInputRef[];
  /** The names of those variables, known before any is written: their reads ask `is defined` of the value. */
  controllerInputNames?: ReadonlySet<string>;
  /** The chef-vault read standing for lookup('password', term) (password-lookup.ts). */
  passwordSource?: (term: string, span: Span) => RExpr | undefined;
  /** The audit's IPv6 fixes, applied where the node they are keyed by is emitted (analyze/fixes.ts). */
  fixes?: FixPlan;
  /** Positions of the strings where `{{ role_path }}` reads as the cookbook's own folder (role-path-sources.ts). */
  rolePathSites?: ReadonlySet<string>;
  /**
   * Told of every translated read of ansible_env / ansible_user_id (facts.toml `gathered_as`) at its
   * file position: the plays running it decide whether the read is reported (run-user.ts).
   */
  factRead?: (fact: string, at: Span) => void;
  /** The task reading here (todo-set-facts.ts): a read it provably makes before a TODO set_fact stays converted. */
  reader?: ReaderAt;
}

/** `lazy` is translated in the scope of the read (`at`): Ansible templates vars in the task's context. */
/** `type`: what the value is wherever it is read (a literal value without Jinja); absent: unknown. */
export type VarBinding = RExpr | Untranslatable | { lazy: (at: VarScope) => Result<RExpr>; span: Span; type?: VarType };

export function resolveBinding(b: VarBinding, at: VarScope): Result<RExpr> {
  return 'lazy' in b ? b.lazy(at) : b;
}

/**
 * Why a task or block var binding of `name` is not the value Ansible reads: a set_fact or registered
 * result of that name outranks task and block vars once set, which a compile-time choice cannot
 * follow, and so does a role param of the reading role when the role is applied with it (include
 * params outrank all of them).
 */
export function outrankedTaskVar(name: string, binding: VarBinding, scope: VarScope): string | undefined {
  if (!('lazy' in binding) || scope.pinned?.has(name)) return undefined;
  const param =
    scope.role === undefined
      ? undefined
      : scope.symbols.get(name)?.definitions.find((d) => d.kind === 'role-param' && d.owner === scope.role);
  if (param)
    return `'${name}' is a task or block var here and also a parameter the role is applied with at ${formatSpan(param.span)}, which outranks it in Ansible where it is passed: which value holds at this read is not converted`;
  const setter = scope.symbols.get(name)?.definitions.find((d) => d.kind === 'set_fact');
  if (!setter && !scope.registerNames?.has(name)) return undefined;
  const by = setter ? `the set_fact at ${formatSpan(setter.span)}` : 'a registered result';
  return `'${name}' is a task or block var here and also set by ${by}, which outranks it in Ansible once set: which value holds at this read is not converted`;
}

export function hasJinja(text: string): boolean {
  return containsJinja(text);
}

/** Definitions Ansible's hostvars[h] holds (besides facts): the inventory's, and inputs the input never sets. */
// include_vars values are in Ansible's hostvars (VariableManager keeps them per host) and in the node's
// saved attributes (written where the include converts); set_fact values may live in run_state only.
const HOSTVARS_KINDS: ReadonlySet<string> = new Set([
  'inventory-host',
  'inventory-group',
  'group_vars',
  'host_vars',
  'include_vars',
  'undeclared',
]);

/**
 * Whether an inventory source sets the variable for `host`, or without one for every host of the
 * input's inventory (none: no).
 */
function everyHostSets(
  defs: readonly { kind: string; owner: string }[],
  groups: Readonly<Record<string, readonly string[]>> | undefined,
  host: string | undefined,
): boolean {
  const hosts = new Set(host !== undefined ? [host] : Object.values(groups ?? {}).flat());
  if (!hosts.size) return false;
  const sets = (h: string) =>
    defs.some((d) =>
      d.kind === 'inventory-host' || d.kind === 'host_vars'
        ? d.owner === h
        : (d.kind === 'inventory-group' || d.kind === 'group_vars') && (d.owner === 'all' || !!groups?.[d.owner]?.includes(h)),
    );
  return [...hosts].every(sets);
}

const RUN_STATE: RExpr = call(call(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true });

/**
 * The magic variables of a string at `span`: where role-path-sources.ts found `{{ role_path }}/templates/x`
 * read only as a template src, role_path is the cookbook's own folder, '.' (`./templates/x.j2`).
 */
function rolePathAt(
  magic: NonNullable<VarScope['magic']>,
  sites: ReadonlySet<string> | undefined,
  span: Span,
): NonNullable<VarScope['magic']> {
  if (!sites?.has(`${span.file}:${span.line}:${span.col}`)) return magic;
  return (name) => (name === 'role_path' ? str('.') : magic(name));
}

/**
 * Whether a string's translation in `scope` depends on where the string is, besides the positions
 * its failures name: an audit fix or a password lookup keyed by its place, or `{{ role_path }}` read
 * there as the cookbook's own folder (rolePathAt). Elsewhere the same text in the same scope
 * translates alike wherever it is.
 */
export function placeDependent(scope: VarScope, span: Span): boolean {
  return (
    scope.fixes !== undefined ||
    scope.passwordSource !== undefined ||
    (scope.rolePathSites?.has(`${span.file}:${span.line}:${span.col}`) ?? false)
  );
}

/**
 * What a JinjaScope asks of the variables in `scope` that does not depend on where the string is:
 * made once per VarScope rather than once per translated string (each string's scope made these
 * closures again, with a spread per optional part: some 3% of a 1000-role translation). Each reads
 * `scope` when it is called, as the closures made per string did.
 */
type ScopeReads = Required<
  Pick<JinjaScope, 'varnamesSearch' | 'resultTest' | 'controllerVar' | 'otherNodeValue' | 'otherNodeRunValue' | 'lookupVar'>
>;
const SCOPE_READS = new WeakMap<VarScope, ScopeReads>();

function scopeReads(scope: VarScope): ScopeReads {
  let reads = SCOPE_READS.get(scope);
  if (reads === undefined) {
    reads = {
      varnamesSearch: (pattern) => varnamesSearch(pattern, scope),
      resultTest: (test, operand, negated) => {
        if (operand.kind !== 'name') return undefined;
        // The loop variable (a loop over registered results): the test reads the item itself.
        const local = scope.locals.get(operand.name);
        if (local !== undefined) return resultTestOf({ k: 'var', name: local }, test.replace(/^ansible\.builtin\./, ''), negated);
        const reg = scope.registered?.get(operand.name);
        if (reg?.kind === 'runstate' || (reg?.kind === 'resource' && reg.recorded))
          return resultTestExpr(
            operand.name,
            test.replace(/^ansible\.builtin\./, ''),
            negated,
            reg.kind === 'runstate' ? reg.type : undefined,
          );
        if (!reg && otherCookbooksOnly(operand.name, scope)) return { why: crossCookbookRead(operand.name) };
        if (!reg)
          return {
            why: `no earlier converted task of this cookbook registers '${operand.name}' (the task that registers it is a TODO, or comes later)`,
            followsTodo: true,
          };
        if (reg.kind === 'replaced') return { why: `'${operand.name}' was registered, then set by the set_fact at ${reg.at}` };
        if (reg.kind === 'unreadable') return { why: reg.why };
        if (reg.kind === 'opaque')
          return {
            why: `the task registering '${operand.name}' has no single resource whose result can be read (a loop, an include or several resources)`,
          };
        return undefined;
      },
      controllerVar: (host, name) => readController(host, name, scope),
      otherNodeValue: (name, host) => {
        const defs = scope.symbols.get(name)?.definitions ?? [];
        // Ansible's hostvars[h] is VariableManager.get_vars(host) without a play: inventory,
        // group_vars/host_vars, facts and set_fact/include_vars values, but no role defaults or
        // vars, play vars or role parameters, which another node's attributes do hold.
        // Those outrank the inventory's in Ansible, so the node's value is theirs; a role default
        // ranks below, so it shows only on a host no inventory-level source gives a value.
        const playLevel =
          defs.find((d) => !HOSTVARS_KINDS.has(d.kind) && d.kind !== 'role-default') ??
          (everyHostSets(defs, scope.symbols.inventoryGroups, host) ? undefined : defs.find((d) => d.kind === 'role-default'));
        if (playLevel)
          return `hostvars[host] holds a host's inventory variables (inventory, group_vars, host_vars), not its play's: ${name} is also a ${playLevel.kind} (${formatSpan(playLevel.span)}), which that node's attributes hold and Ansible's hostvars does not${playLevel.kind === 'role-default' ? ' where no inventory source sets it for that host' : ''}`;
        const pair = mergedOnSavedNode(defs);
        if (!pair) return undefined;
        const [a, b] = pair.map((d) => `${formatSpan(d.span)} (${chefComponent(d)})`);
        return `it is set at two Chef attribute levels that a saved node holds merged (${a}, ${b}): another node's value would be Chef's union of the lists or merge of the dicts, not the one Ansible takes`;
      },
      otherNodeRunValue: (name) => {
        const defs = scope.symbols.get(name)?.definitions ?? [];
        const registered = scope.registerNames?.has(name) === true;
        if (!(registered || defs.length > 0) || !defs.every((d) => d.kind === 'set_fact')) return undefined;
        return `${name} is only ${registered ? 'a registered result' : 'a fact set_fact sets'}: a value that host's own run makes during the Ansible run, which Chef runs of other nodes cannot read (they share no run state)`;
      },
      lookupVar: (name) => {
        const binding = scope.vars?.get(name);
        const outranked = binding === undefined ? undefined : outrankedTaskVar(name, binding, scope);
        if (outranked) return { kind: 'failed', reason: outranked, construct: `var:${name}` };
        const bound = binding === undefined ? undefined : resolveBinding(binding, scope);
        if (bound instanceof Untranslatable)
          return {
            kind: 'failed',
            reason: `variable ${name} (line ${bound.span?.line ?? '?'}): ${bound.reason.replace(/^(?:Jinja|condition) not translated: /, '')}`,
            construct: `var:${name}`,
            ...followsTodoRead(bound),
            ...carriedCode(bound.code),
          };
        if (bound) return { kind: 'ruby', expr: bound };
        const reg = scope.registered?.get(name);
        // Stored for sure where it is read (Registered `stored`): `r is defined` holds, and `r.k is defined`
        // asks the Hash (undef.ts storedDict).
        if (reg?.kind === 'runstate')
          return { kind: 'ruby', expr: registeredRef(name, reg.type), ...(reg.stored ? { defined: bool(true) } : {}) };
        if (reg?.kind === 'resource' && reg.recorded)
          return {
            kind: 'ruby',
            expr: registeredRef(name, recordedType(name, reg)),
            // Whether the task has run (ran or skipped, it registered): what `r is defined` asks.
            defined: J('is_defined', [tryBlock(registeredRef(name))]),
          };
        if (reg?.kind === 'replaced')
          return {
            kind: 'failed',
            reason: `'${name}' was registered, then set by the set_fact at ${reg.at}: reading it is not converted`,
            construct: `register:${name}`,
          };
        if (reg?.kind === 'unreadable') return { kind: 'failed', reason: reg.why, construct: `register:${name}` };
        if (reg?.kind === 'opaque')
          return {
            kind: 'failed',
            reason: `the task registering '${name}' has no single resource whose result can be read (a loop, an include or several resources)`,
            construct: `register:${name}`,
          };
        if (!reg && otherCookbooksOnly(name, scope))
          return { kind: 'failed', reason: crossCookbookRead(name), construct: `register:${name}` };
        if (reg || scope.registerNames?.has(name)) {
          const factModule = reg ? undefined : moduleSettingFactVariable(name);
          if (factModule !== undefined)
            return {
              kind: 'failed',
              reason: `'${name}' is a fact ${factModule} sets (or a registered result), and no converted task of this cookbook sets it before this read (the ${factModule} task is a TODO, comes later or is in another role)`,
              construct: `register:${name}`,
              followsTodo: true,
            };
          return {
            kind: 'failed',
            reason: `'${name}' is a registered result that cannot be read here: no earlier converted task of this cookbook registers it (the task that registers it is a TODO, comes later or is in another role), or it is read where only compile-time values exist`,
            construct: `register:${name}`,
            followsTodo: true,
          };
        }
        const sym = scope.symbols.get(name);
        if (!sym) return undefined;
        // A value computed where it is used: its definition translated here.
        const deferred = readDeferred(sym, scope);
        if (deferred) return deferred;
        const shadowed = shadowedThrough(sym, scope);
        if (shadowed) {
          const via = shadowed.join(' -> ');
          return {
            kind: 'failed',
            reason: `variable ${name} is computed where it is defined from ${shadowed.at(-1)} (${via}), but here ${shadowed.at(-1)} is bound by the task's vars or loop, which Ansible reads instead`,
            construct: `var:${name}`,
          };
        }
        // A variable some set_fact sets: the fact once set (set_fact outranks role, inventory and
        // play variables), else the value other sources give it as an attribute, else undefined
        // (A2C::Jinja.var raises UndefinedError, which `is defined` and `default` catch).
        if (sym.definitions.some((d) => d.kind === 'set_fact')) {
          // A fact only set_facts override (zabbix's `set_fact: ansible_os_family: Debian` under a Linuxmint
          // `when`): where no set_fact has run, the name is still Ansible's fact, which the Ohai mapping gives.
          // Typed where every value a set_fact stores and the value read before one runs are of a
          // known type (resolve/set-fact-types.ts): the read is then as plain as an attribute's.
          const vt = sym.type.t !== 'any' ? { vt: sym.type } : {};
          const fact = factUnderSetFact(name, sym, scope);
          if (fact)
            return {
              kind: 'ruby',
              expr: call(RUN_STATE, 'fetch', [str(name)], { block: { params: [], body: fact }, ...vt }),
              defined: {
                k: 'binop',
                op: '||',
                l: call(RUN_STATE, 'key?', [str(name)]),
                r: call(JINJA, 'is_defined', [call(JINJA, 'try', [], { block: { params: [], body: fact } })]),
              },
            };
          const attribute = factFallback(sym, scope);
          // Defined: set by a set_fact this run (the key is there), or an attribute some component holds (where
          // A2C::Jinja.var finds one, Chef's merged view has the key).
          const defined: RExpr = {
            k: 'binop',
            op: '||',
            l: call(RUN_STATE, 'key?', [str(name)]),
            r: call(nodeRef, 'exist?', sym.path.map(str)),
          };
          return { kind: 'ruby', expr: call(RUN_STATE, 'fetch', [str(name)], { block: { params: [], body: attribute }, ...vt }), defined };
        }
        // Read before but set nowhere in the input (the first read registered it): a required input.
        if (sym.definitions.every((d) => d.kind === 'undeclared'))
          return sym.type.t === 'any'
            ? { kind: 'attribute', path: sym.path, read: 'input' }
            : // Its type declared by the config (set outside the input): a strict read, typed.
              { kind: 'attribute', path: sym.path, read: 'strict', type: sym.type };
        // A value only the Ansible controller has, which the operator sets (controller-input.ts): Ansible
        // always defines it, but `is defined` asks the value, which fails where nobody set it
        // (A2C::Jinja::NotRead) rather than answer for a value no one has given.
        if (scope.controllerInputNames?.has(name)) {
          const read = call(nodeRef, 'read!', sym.path.map(str));
          return { kind: 'ruby', expr: read, defined: J('is_defined', [tryBlock(read)]) };
        }
        return { kind: 'attribute', path: sym.path, type: sym.type, ...attributeRead(sym, scope) };
      },
    };
    SCOPE_READS.set(scope, reads);
  }
  return reads;
}

/** `platformHelpers`: set here rather than by a copy of the scope, which every translated string made. */
/** `offset`: columns from the scalar's span to its text (1 past an opening quote), for positions inside it. */
function jinjaScope(scope: VarScope, span: Span, platformHelpers?: true, offset = 0): JinjaScope {
  const reads = scopeReads(scope);
  // One literal, the optional parts set after: a spread of each was most of this function's cost.
  const out: JinjaScope = {
    tables: scope.tables,
    locals: scope.locals,
    varnamesSearch: reads.varnamesSearch,
    lookupUndeclared: (name) => {
      if (scope.registerNames?.has(name)) return undefined;
      const sym = scope.symbols.undeclared(name, span);
      return { kind: 'attribute', path: sym.path, ...(sym.type.t !== 'any' ? { type: sym.type } : {}) };
    },
    resultTest: reads.resultTest,
    controllerVar: reads.controllerVar,
    otherNodeValue: reads.otherNodeValue,
    otherNodeRunValue: reads.otherNodeRunValue,
    lookupVar: reads.lookupVar,
  };
  if (platformHelpers) out.platformHelpers = platformHelpers;
  const fixes = scope.fixes;
  if (fixes) {
    // A template's nodes carry their file; a string's are placed inside the scalar at span.
    out.fixOutput = (at, e) => {
      if (!fixes.touches(at.file ?? span.file)) return e;
      return fixes.expr(at.file !== undefined ? fixKey.template(at.file, at.pos) : fixKey.inString(span, at.pos), e);
    };
    out.fixText = (at, node) => {
      if (fixes.touches(at.file)) fixes.text(fixKey.template(at.file, at.pos), node);
    };
    out.fixCopied = (from, to) => fixes.copied(from, to);
  }
  if (scope.magic) out.lookupMagic = rolePathAt(scope.magic, scope.rolePathSites, span);
  if (scope.rawText) out.rawText = true;
  if (scope.passesParts) out.passesParts = true;
  if (scope.roleFile) out.roleFile = scope.roleFile;
  if (scope.roleFileAbsent) out.roleFileAbsent = scope.roleFileAbsent;
  if (scope.passwordSource) out.passwordSource = (term: string) => scope.passwordSource?.(term, span);
  if (scope.localTypes) out.localTypes = scope.localTypes;
  const factRead = scope.factRead;
  if (factRead)
    out.factRead = (fact, a) =>
      factRead(fact, a.file !== undefined ? { file: a.file, line: a.pos.line, col: a.pos.col } : at(span, a.pos, offset));
  return out;
}

/**
 * The Ohai value of a fact (`ansible_os_family`) that only set_fact tasks of the input set, or undefined
 * when the name is no mapped fact or some other source (a default, the inventory) defines it too.
 */
function factUnderSetFact(name: string, sym: VarSymbol, scope: VarScope): RExpr | undefined {
  if (!name.startsWith('ansible_') || !sym.definitions.every((d) => d.kind === 'set_fact')) return undefined;
  try {
    return translateFact(scope.tables, name, [], { line: 1, col: 1 }).e;
  } catch (e) {
    if (e instanceof Untranslatable) return undefined;
    throw e;
  }
}

/**
 * The read of a set_fact's variable before any set_fact of it ran: the attribute the other
 * definitions give, read as attributeRead reads it without the set_facts (their values live in
 * run_state, no Chef component). Only set_facts set it: no attribute is written, and the read
 * fails as Ansible's of the undefined variable does, strictly (Chef's NoSuchAttribute, which
 * A2C::Jinja.try catches as it catches an undefined value); a type the config declares for it
 * (set outside the input) keeps A2C::Jinja.var, which takes such a value whole.
 */
function factFallback(sym: VarSymbol, scope: VarScope): RExpr {
  const defs = sym.definitions.filter((d) => d.kind !== 'set_fact');
  if (defs.length === 0 && !scope.symbols.declared.has(sym.name)) return call(nodeRef, 'read!', sym.path.map(str));
  const read = defs.length > 0 ? attributeRead({ ...sym, definitions: defs }, scope).read : undefined;
  if (read === 'node') return nodePath(sym.path);
  if (read === 'strict') return call(nodeRef, 'read!', sym.path.map(str));
  return call(JINJA, 'var', [nodeRef, ...sym.path.map(str)]);
}

/**
 * Plain Chef reads where they mean what Ansible's read means (jinja/scope.ts VarRef): the merged
 * node view equals the highest source's value, and the attribute is either always set by the
 * reading cookbook's own attribute file or read strictly.
 */
function attributeRead(sym: VarSymbol, scope: VarScope): { read?: 'node' | 'strict' } {
  if (sym.definitions.some((d) => d.kind === 'undeclared' || d.kind === 'set_fact' || d.atUse === 'computed')) return {};
  // A definition no attribute file writes (a vars file no converted include_vars loads, one
  // outranked, a TODO) takes no part in Chef's merge: the written ones decide what the merged view
  // holds, and the attribute may be unset, so it is read strictly.
  const written = sym.definitions.filter((d) => d.atUse === undefined);
  if (mergedViewDiffers(written)) return {};
  const own =
    written.length === sym.definitions.length &&
    scope.role !== undefined &&
    written.some((d) => (d.kind === 'role-default' || d.kind === 'role-vars') && d.owner === scope.role);
  return { read: own && scope.cookbook === sym.path[0] ? 'node' : 'strict' };
}

/** Position of a Jinja construct inside a YAML scalar, as a file position. */
function at(span: Span, pos: Pos, offset: number): Span {
  return pos.line === 1 ? { ...span, col: span.col + offset + pos.col - 1 } : { ...span, line: span.line + pos.line - 1, col: pos.col };
}

/** A variable whose value failed on a read that follows a TODO fails the same way where it is read. */
/** A registered name no task of this cookbook registers, only tasks of other roles or plays. */
function otherCookbooksOnly(name: string, scope: VarScope): boolean {
  return scope.ownRegisterNames !== undefined && !scope.ownRegisterNames.has(name) && scope.registerNames?.has(name) === true;
}

// Ansible keeps a host's registered results across the roles of a play; Chef's run_state holds
// them across cookbooks too, but only when the node's run list ran the registering cookbook first,
// which a Policyfile made of another play need not do.
function crossCookbookRead(name: string): string {
  return `'${name}' is registered only by tasks of other roles or plays: another cookbook's registered result is not read (a node's run list need not run that cookbook before this one)`;
}

export function followsTodoRead(failure: Untranslatable): { followsTodo?: true } {
  return failure.code === 'A2C-TODO-UNSET-READ' ? { followsTodo: true } : {};
}

function fromTranslation<T>(t: Translation<T>, span: Span, offset: number, what: string): Result<T> {
  if (t.ok) return t.value;
  return new Untranslatable(t.code ?? 'A2C-TODO-JINJA', `${what}: ${t.reason} (${t.construct})`, at(span, t.pos, offset));
}

/** A YAML string with Jinja -> its Ruby value. `quoted` moves positions past the opening quote. */
export function jinjaValue(text: string, scope: VarScope, span: Span, quoted = true): Result<RExpr> {
  return fromTranslation(
    translateStringValue(text, jinjaScope(scope, span, true, quoted ? 1 : 0)),
    span,
    quoted ? 1 : 0,
    'Jinja not translated',
  );
}

/** A `when`-style bare expression -> a Ruby boolean. */
export function jinjaCondition(written: string, scope: VarScope, span: Span): Result<RExpr> {
  const text = renderedCondition(written, scope) ?? written;
  // Ansible accepts `{{ x }}` in conditions too (with a warning): strip one level.
  const wrapped = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text)?.[1];
  const bare = wrapped ?? text;
  const parsed = parseExpression(bare);
  // `"{{ v }} is defined and {{ v }} | length > 0"` (mongodb-install's assert): Ansible 2.14 renders the
  // text first and evaluates what it renders, so this is no syntax error to Ansible; the expression
  // exists only once the parts are rendered, which is not converted.
  if (!parsed.ok && containsJinja(bare))
    return new Untranslatable(
      'A2C-TODO-JINJA',
      'condition not translated: a condition holding {{ }} or {% %} among other text is rendered by Ansible first and the text it renders is evaluated; not converted (write the expression without the delimiters)',
      span,
    );
  if (!parsed.ok)
    return new Untranslatable(
      'A2C-JINJA-SYNTAX',
      `Jinja syntax error in condition: ${parsed.error.message}`,
      at(span, parsed.error.pos, 0),
    );
  // Ansible renders the `{{ }}` and evaluates the text it rendered: a text value decides as that
  // expression (`"false"`: false), not as a non-empty string.
  if (wrapped !== undefined && renderedConditionDiffers(parsed.value, jinjaScope(scope, span, true)))
    return new Untranslatable(
      'A2C-TODO-JINJA',
      'condition not translated: one {{ }} around a value that may be text: Ansible evaluates the text it renders as an expression ("false" is false), not as a non-empty string (write the expression without the delimiters)',
      span,
    );
  return fromTranslation(translateCondition(parsed.value, jinjaScope(scope, span, true)), span, 0, 'condition not translated');
}

/**
 * A condition whose every `{{ }}` is a name bound here to literal text — an unrolled loop's item
 * (`'{{ item }} is defined'` over `[zookeeper_node_id]`), a task var — rendered as Ansible 2.14 does
 * first (it warns about the delimiters, renders the text, then evaluates what it rendered as the
 * expression): `zookeeper_node_id is defined`. Undefined where any part is not such a name (a
 * statement, a filter, a value only the node knows, a name a set_fact or registered result may
 * outrank), which keeps the TODO.
 */
function renderedCondition(text: string, scope: VarScope): string | undefined {
  if (!containsJinja(text)) return undefined;
  const parsed = parseString(text);
  if (!parsed.ok) return undefined;
  let out = '';
  for (const part of parsed.value) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'output' && part.expr.kind === 'name') {
      const name = part.expr.name;
      const binding = scope.vars?.get(name);
      if (!binding || binding instanceof Untranslatable || 'lazy' in binding || binding.k !== 'str') return undefined;
      if (scope.locals.has(name) || containsJinja(binding.v)) return undefined;
      if (scope.registerNames?.has(name) || scope.symbols.get(name)?.definitions.some((d) => d.kind === 'set_fact')) return undefined;
      out += binding.v;
    } else return undefined;
  }
  return out;
}

/** Where a template's `{% include %}` finds the other templates of its role. */
export interface TemplateFiles {
  /** The role folder (input-relative; '' for the input root). */
  roleDir: string;
  /** A file's template text, or undefined when the input has no such file. */
  read: (path: string) => string | undefined;
}

/**
 * Ansible's template action searches `templates/` then the folder itself, for the role and for
 * the template's own folder (playbook folders come in between; they are not searched here).
 */
/** Where `{% include %}` finds another template: the role's templates/, the role, the template's folder. */
export function includeResolver(file: string, files: TemplateFiles): IncludeResolver {
  // Made at the first include: most templates include none, and every template made this list.
  let dirs: string[] | undefined;
  return (name) => {
    dirs ??= [...new Set([join(files.roleDir, 'templates'), join(files.roleDir), join(dirname(file), 'templates'), dirname(file)])];
    for (const dir of dirs) {
      const path = join(dir, name);
      const text = files.read(path);
      if (text !== undefined) return { file: path, text };
    }
    return undefined;
  };
}

/** A whole `.j2` file -> ERB IR. With `files`, its includes of the role's other templates are inlined. */
export function jinjaTemplate(
  text: string,
  scope: VarScope,
  file: string,
  files?: TemplateFiles,
  parse: TemplateParser = parseTemplate,
  settings?: Partial<JinjaSettings>,
): Result<ErbNode[]> {
  // The task's settings are the environment a `#jinja2:` header then changes (as Ansible overlays them).
  const parsed = settings ? parseTemplate(text, settings) : parse(text);
  const start = { file, line: 1, col: 1 };
  if (!parsed.ok)
    return new Untranslatable('A2C-JINJA-SYNTAX', `Jinja syntax error: ${parsed.error.message}`, at(start, parsed.error.pos, 0));
  const t = translateTemplate(parsed.value.nodes, parsed.value.settings, jinjaScope(scope, start), {
    sourceText: text,
    file,
    ...(files ? { include: includeResolver(file, files) } : {}),
  });
  if (t.ok) return t.value;
  return new Untranslatable(t.code ?? 'A2C-TODO-TEMPLATE', `${t.reason} (${t.construct})`, at(start, t.pos, 0));
}
