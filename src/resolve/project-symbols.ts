// The resolve stage's view of a whole project, shared by the audit (which runs before translation)
// and the translator: every task item, the cookbook each role becomes, and the symbol table with
// each variable's attribute path. The audit reads attribute paths from here, not from translate/.
// The definitions both walk are definitions.ts's.
import type { Project, TaskItem } from '../load/ansible/model.js';
import { DiagnosticSink } from '../base/diagnostics.js';
import type { Tables } from '../mapping/tables.js';
import { reservedBy, unreservedName } from './reserved-names.js';
import { buildSymbolTable, isTemplate, templateType, type SymbolTable } from './symbols.js';
import type { AttributeKeys } from './attribute-keys.js';
import { cookbookName } from './cookbook-name.js';
import { ANY, declaredVarType, formatVarType, joinTypes, PLAIN_STR, valueType, type VarType } from './types.js';
import { exprType, factName } from './rendered-type.js';
import type { Expr } from '../load/jinja/index.js';
import { inferredContracts, useSites, valued, type InferredType } from './use-contracts.js';
import { emptyDictContractType, INFERRED_TYPES, itemContractType } from './item-contracts.js';
import { literalDictItems, literalItemsFit } from './literal-items.js';
import type { TemplateParser } from '../load/jinja/template-parses.js';
import { formatDeclaredType, type DeclaredType } from '../config/var-types.js';
import type { ExtraVarFile } from '../config/extra-var-files.js';
import { extraSourceTypes } from './extra-sources.js';
import { factVariableSetBy, setFactTasks, taskBoundNames, walkTaskItems } from './definitions.js';
import { mentionedNames } from './set-fact-types.js';
import { DYNAMIC_TASK_INCLUDES } from '../base/include-modules.js';

/** How factType is asked for `ansible_facts['x']` (rendered-type.ts factName). */
const FACT_PREFIX = factName('');

/** How variables and roles are named in the output (the translator's options of the same names). */
export interface NamingOptions {
  namespace: string;
  /** Cookbook name overrides by role name. */
  cookbookNames?: Record<string, string>;
  /** A cookbook's variables keyed without the role prefix (default) or by their Ansible names. */
  attributeKeys?: AttributeKeys;
}

export function allTaskItems(project: Project): TaskItem[] {
  const items: TaskItem[] = [];
  for (const role of project.roles.values()) {
    for (const list of role.taskFiles.values()) items.push(...list);
    for (const list of role.handlerFiles.values()) items.push(...list);
  }
  for (const book of project.playbooks) for (const p of book.plays) items.push(...p.preTasks, ...p.tasks, ...p.postTasks, ...p.handlers);
  return items;
}

/**
 * A role whose cookbook name is taken by the output layout (reserved-names.ts) gets `<name>_role`
 * instead, with a warning; an explicit `[cookbook-names]` choice of a reserved name is an error.
 */
function reservedNamesAvoided(
  project: Project,
  sink: DiagnosticSink,
  named: (role: string) => string,
  explicit: Record<string, string>,
): (role: string) => string {
  for (const [role, def] of [...project.roles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const name = named(role);
    const taken = reservedBy(name);
    if (!taken) continue;
    const instead = unreservedName(name);
    const where = def.dir || '.';
    if (explicit[role] !== undefined)
      sink.error(
        'A2C-RESERVED-NAME',
        `[cookbook-names] maps role ${role} (${where}) to '${name}', the name of ${taken} in the output; it becomes cookbook '${instead}'`,
      );
    else
      sink.warning(
        'A2C-RESERVED-NAME',
        `role ${role} (${where}) would become cookbook '${name}', the name of ${taken} in the output; it becomes cookbook '${instead}' (choose another in [cookbook-names])`,
      );
  }
  return (role) => {
    const name = named(role);
    return reservedBy(name) ? unreservedName(name) : name;
  };
}

/** Role -> cookbook name (overrides, reserved names avoided); reports the names it changes into sink. */
export function projectCookbookNames(
  project: Project,
  sink: DiagnosticSink,
  opts: Pick<NamingOptions, 'cookbookNames'>,
): (role: string) => string {
  return reservedNamesAvoided(
    project,
    sink,
    (role: string) => opts.cookbookNames?.[role] ?? cookbookName(role.split('/').pop()!.split('.').pop()!),
    opts.cookbookNames ?? {},
  );
}

/**
 * The type a mapped fact has in Ansible (facts.toml `type`), for variables set to `{{ ansible_x }}`.
 * Its text never reads as a Python list, dict or boolean (host names, OS names, versions).
 */
function factType(facts: Tables['facts'], name: string): VarType | undefined {
  // `ansible_facts['x']` is asked as factName('x') (rendered-type.ts).
  const key = name.startsWith(FACT_PREFIX)
    ? name.slice(FACT_PREFIX.length)
    : name.startsWith('ansible_')
      ? name.slice('ansible_'.length)
      : undefined;
  const entry = key === undefined ? undefined : facts[key];
  switch (entry?.type) {
    case 'str':
      return { t: 'str', plain: true };
    case 'int':
      return { t: 'int' };
    case 'bool':
      return { t: 'bool' };
    default:
      return undefined;
  }
}

/** The symbol table (set_fact names included) and the registered names of the project's tasks. */
export function projectSymbols(
  project: Project,
  tasks: TaskItem[],
  namespace: string,
  cookbookOf: (role: string) => string,
  attributeKeys: AttributeKeys,
  facts: Tables['facts'] = {},
  extraVarTypes: Readonly<Record<string, DeclaredType>> = {},
  extraVarSources: readonly ExtraVarFile[] = [],
  /** Given: contracts are inferred from use (use-contracts.ts), reading the templates through it. */
  inferFrom?: (file: string) => string | undefined,
  parseTemplate?: TemplateParser,
): { symbols: SymbolTable; registerNames: Set<string> } {
  // What the config declares wins over what its extra files give.
  const explicit = new Map(Object.entries(extraVarTypes).map(([n, t]): [string, VarType] => [n, declaredVarType(t)]));
  const fileOf = new Map<string, string>();
  const declared = new Map([...extraSourceTypes(extraVarSources, explicit, undefined, fileOf), ...explicit]);
  const symbols = buildSymbolTable(project, namespace, declared);
  for (const [n, t] of declared)
    symbols.contracts.set(
      n,
      Object.hasOwn(extraVarTypes, n)
        ? { type: formatDeclaredType(extraVarTypes[n]!), from: 'declared in [extra-var-types]' }
        : { type: formatVarType(t), from: `set in ${fileOf.get(n) ?? 'extra-var-files'} (extra-var-files)` },
    );
  const registerNames = new Set<string>();
  walkTaskItems(tasks, (item) => {
    const reg = item.keywords.get('register');
    if (reg?.kind === 'scalar' && typeof reg.value === 'string') registerNames.add(reg.value);
    const fact = factVariableSetBy(item);
    if (fact !== undefined) registerNames.add(fact);
  });
  // set_fact names are variables from the task that sets them on. What one stores is typed where
  // the names its value reads are the project's variables: not bound by a task, block or loop, not
  // registered results (set-fact-types.ts); a name also registered holds either, so stays unknown.
  const bound = taskBoundNames(tasks);
  for (const task of setFactTasks(tasks))
    for (const a of task.args) {
      if (a.key === 'cacheable') continue;
      const reads = registerNames.has(a.key) ? undefined : mentionedNames(a.value);
      const free = reads !== undefined && [...reads].every((n) => !bound.has(n) && !registerNames.has(n));
      symbols.define(a.key, { kind: 'set_fact', owner: '', span: task.span, ...(free ? { fact: a.value } : {}) });
    }
  if (inferFrom) {
    const defined = (n: string) => (symbols.get(n)?.definitions.length ?? 0) > 0 || registerNames.has(n) || declared.has(n);
    // A default()'s fallback, its variables typed by their definitions and the contracts so far.
    const fallbackType = (e: Expr, contracts: ReadonlyMap<string, InferredType>): VarType => {
      const typeOf = (n: string, seen: ReadonlySet<string>): VarType => {
        const contract = contracts.get(n);
        if (contract) return INFERRED_TYPES[contract];
        const defs = symbols.get(n)?.definitions ?? [];
        if (defs.length === 0) return declared.get(n) ?? (n === 'ansible_host' || n === 'inventory_hostname' ? PLAIN_STR : ANY);
        if (seen.has(n)) return ANY;
        const inner = new Set([...seen, n]);
        let t: VarType | undefined;
        for (const d of defs) {
          if (d.value === undefined || d.vaulted) return ANY;
          const vt = valueType(d.value, (text) => templateType(text, (m) => typeOf(m, inner)));
          // A template's value is rendered (resolve/types.ts VarType.rendered), as symbols.ts types it.
          t = joinTypes(t, vt.t !== 'any' && isTemplate(d.value) ? { ...vt, rendered: true } : vt);
        }
        return t ?? ANY;
      };
      return exprType(e, (n) => typeOf(n, new Set()));
    };
    // A list whose items no source gives a shape: every definition `[]` (a role default), or none.
    const shapeless = (n: string) => {
      // A type the config or extra-var-files give is the team's word on the items.
      if (declared.has(n)) return false;
      const defs = symbols.get(n)?.definitions ?? [];
      if (defs.length === 0) return !defined(n);
      return defs.every((d) => d.value?.kind === 'seq' && d.value.items.length === 0);
    };
    // A dict every definition of which is `{}` (a role default the estate's group_vars fill): its fields are known only from use.
    const emptyDicts = [...symbols.all()]
      .filter((s) => !declared.has(s.name) && s.definitions.length > 0)
      .filter((s) =>
        s.definitions.every((d) => d.kind !== 'set_fact' && d.value?.kind === 'map' && d.value.entries.length === 0 && !d.vaulted),
      )
      .map((s) => s.name)
      .sort();
    // A list every source of which is a literal list of dicts (an example the estate replaces).
    const literalItems = (n: string) => (declared.has(n) ? undefined : literalDictItems(symbols.get(n)?.definitions ?? []));
    // An include loop's loop_var that no source sets: the included file's own recipe reads it from outside (unset-dict rule).
    const includeLoopVars = [...includeLoopVariables(tasks)].filter((n) => !defined(n) && !emptyDicts.includes(n));
    const inferred = inferredContracts({
      project,
      tasks,
      defined,
      templateText: inferFrom,
      fallbackType,
      parse: parseTemplate,
      shapeless,
      emptyDicts: [...emptyDicts, ...includeLoopVars],
      literalDicts: (n) => Boolean(literalItems(n)),
      // Set by no source, bound by no task: a dict the estate gives whose fields only are read (unset-dict rule).
      setNowhere: (n) => !defined(n) && !bound.has(n),
    });
    for (const [n, { type, sites }] of inferred.vars) {
      declared.set(n, INFERRED_TYPES[type]);
      // A text-or-integer contract is inferred from a use that relies on it, never a truth test.
      const first =
        sites.find(type === 'str|int' ? valued : (s) => s.how !== 'tested' && s.how !== 'aliased' && s.how !== 'stored') ?? sites[0]!;
      symbols.contracts.set(n, { type, from: `inferred from its use at ${first.file}:${first.line}`, uses: useSites(sites) });
    }
    for (const [n, fields] of inferred.items) {
      // A literal list of dicts: only where every item is inside the contracts (literal-items.ts).
      const items = literalItems(n);
      if (items && !literalItemsFit(items, fields)) continue;
      const contract = itemContractType(fields);
      declared.set(n, contract.type);
      // The literal items are inside the contract: it is the list's type, not joined with theirs.
      if (items) symbols.contractWins.add(n);
      symbols.itemContracts.set(n, contract.fields);
    }
    // A literal list the rule leaves as it was is no list of unknown items: nothing to say of its fields.
    for (const [n, fields] of inferred.kept) if (!literalItems(n) || symbols.itemContracts.has(n)) symbols.itemFieldsKept.set(n, fields);
    for (const [n, fields] of inferred.dicts) {
      const contract = emptyDictContractType(fields);
      declared.set(n, contract.type);
      symbols.dictContracts.set(n, contract.fields);
    }
  }
  symbols.finish(cookbookOf, attributeKeys, (name) => factType(facts, name));
  return { symbols, registerNames };
}

/** Dynamic includes whose tasks are translated in place, in a loop. */

/**
 * The loop_var names of include loops (`include_tasks: instance.yml` with `loop_control: loop_var:
 * instance`). Inlined, the include binds the name to each item; the included file's own recipe
 * (one per task file) reads it from outside the input, as `include_role: tasks_from` with vars
 * would give it. Where no source sets it, it is a variable no source sets for that recipe: read
 * whole as text, its contract is text-or-integer as any such variable's; read by its fields, the dict
 * gets contracts for them as an empty dict's do (use-contracts.ts, item-contracts.ts).
 */
function includeLoopVariables(tasks: readonly TaskItem[]): Set<string> {
  const out = new Set<string>();
  walkTaskItems(tasks, (item) => {
    if (item.kind !== 'task' || !DYNAMIC_TASK_INCLUDES.has(item.module)) return;
    if (![...item.keywords.keys()].some((k) => k === 'loop' || k.startsWith('with_'))) return;
    const control = item.keywords.get('loop_control');
    if (control?.kind !== 'map') return;
    const v = control.entries.find((e) => e.key.kind === 'scalar' && e.key.value === 'loop_var')?.value;
    if (v?.kind === 'scalar' && typeof v.value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.value)) out.add(v.value);
  });
  return out;
}

/**
 * The attribute path each variable will have (as translateProject gives it), for a stage that runs
 * before translation (the audit); the cookbook-name diagnostics are the translator's to report.
 */
export function attributePaths(project: Project, opts: NamingOptions): (variable: string) => string[] | undefined {
  const { symbols } = projectSymbols(
    project,
    allTaskItems(project),
    opts.namespace,
    projectCookbookNames(project, new DiagnosticSink(), opts),
    opts.attributeKeys ?? 'short',
  );
  return (v) => symbols.get(v)?.path;
}
