// The translate stage: the Ansible project -> Chef IR (cookbooks, Policyfiles, node files),
// plus the symbol table and the accounting ledger the report is made from.
import { readOnce } from './read-once.js';
import { addInputChecks } from './input-checks.js';
import type { AttributeKeys } from '../resolve/attribute-keys.js';
import type { DeclaredType } from '../config/var-types.js';
import type { ExtraVarFile } from '../config/extra-var-files.js';
import { allTaskItems, projectCookbookNames, projectSymbols } from '../resolve/project-symbols.js';
import { playPatterns } from './play-pattern.js';
import type { SymbolTable } from '../resolve/symbols.js';
import type { Attribute, Cookbook, NodeFile, PolicyFile } from '../ir/chef-ir.js';
import type { DiagnosticSink } from '../base/diagnostics.js';
import type { Project, TaskItem } from '../load/ansible/model.js';
import type { InputIndex } from '../load/ansible/input.js';
import type { Tables } from '../mapping/tables.js';
import { Accounting } from './accounting.js';
import type { TranslateContext } from './context.js';
import { bodyTranslator, translateRole } from './role.js';
import { planRoleResources, roleCalls, roleParameters } from './role-resource.js';
import { roleContexts, withRoleContext } from './task/role-keywords.js';
import { translatePlays } from './play.js';
import { cookbooksRead, orderAttributes } from './references.js';
import type { ComputedValue, VaultRef } from './attributes.js';
import { magicLookup } from '../jinja-to-ruby/magic.js';
import { lastReadsOfParses } from '../load/jinja/index.js';
import { matchHosts } from './hosts.js';
import { playsByRole, rolesReachedByRoles } from './role-plays.js';
import { crossRoleReads, providersFirst } from './cross-role-register.js';
import { rolePathTemplateSites } from './role-path-sources.js';
import { classifyDeferred } from './deferred.js';
import { todoSetFacts } from './todo-set-facts.js';
import { setFactNames, setFactTasks } from '../resolve/definitions.js';
import { inventoryGroups } from './inventory-groups.js';
import { type ControllerInputRef, controllerInputFor } from './controller-input.js';
import { varsFileGap, varsFileLoad, varsFileSetters } from './vars-file-loads.js';
import type { VarScope } from './jinja-bridge.js';
import type { Registered } from './task/register.js';
import { type TranslatesMemo, translatesValue, translateValue } from './values.js';
import { failed } from '../base/failure.js';
import { roleFileAbsence } from './role-file-lookup.js';
import { fetchedFiles } from './fetched-source.js';
import { nil } from '../ir/ruby-ast.js';
import type { TemplateParser } from '../load/jinja/template-parses.js';
import { rawRendersText, recordSetFactReads } from './raw-text.js';
import type { FixPlan } from '../audit/fixes.js';
import { handlersRecipe, rolesEnteredByTaskFile } from './handlers-recipe.js';

export interface ChefProject {
  cookbooks: Cookbook[];
  policies: PolicyFile[];
  nodes: NodeFile[];
  symbols: SymbolTable;
  accounting: Accounting;
  /** Every task the loader produced, for the end-of-run accounting check. */
  tasks: TaskItem[];
  /** `!vault` values and the chef-vault items their attributes read. */
  vaults: VaultRef[];
  controllerInputs: ControllerInputRef[];
  /** Group, host and play values written by attribute files (computed on the node). */
  computedOnNode: ComputedValue[];
  /** Cookbooks reading the play's hosts from the attribute Policyfiles set (static groups). */
  playHostsReaders: string[];
}

export interface TranslateOptions {
  namespace: string;
  supportCookbook: string;
  /** Cookbook name overrides by role name. */
  cookbookNames?: Record<string, string>;
  /** `groups` as static attributes from the inventory (default) or Chef search at run time. */
  groupsMode?: 'static' | 'search';
  /** Template text with its BOM kept (defaults to `text`). */
  templateText?: (file: string) => string;
  /** Parses a template's text (the audit's parses shared). */
  parseTemplate?: TemplateParser;
  /** A cookbook's variables keyed without the role prefix (default) or by their Ansible names. */
  attributeKeys?: AttributeKeys;
  /** Types of variables set outside the input, as the config declares them (config/var-types.ts). */
  extraVarTypes?: Record<string, DeclaredType>;
  /** Variable files set outside the input (config `extra-var-files`), read for their types. */
  extraVarSources?: ExtraVarFile[];
  /** false: no contracts inferred from use (resolve/use-contracts.ts). */
  inferInputTypes?: boolean;
  /** The audit's IPv6 fixes by source position (analyze/fixes.ts). */
  fixes?: FixPlan;
  /**
   * Prints an attribute's assignment (print/print-cookbook.ts printedAssignment, given by the caller:
   * the printer is a later stage), so a role's attributes are settled as they are made (Attribute.settled).
   */
  printAssignment?: (a: Attribute) => Attribute['settled'];
  /** A full garbage collection after the symbol table and before the roles are translated (ConvertOptions.collectGarbage). */
  collectGarbage?: () => void;
}

/**
 * Chef evaluates attribute files top to bottom, dependencies first; Ansible resolves variables
 * lazily. So each attributes file is ordered to assign before it reads, and a cookbook that reads
 * another cookbook's attributes depends on it (unless that would make the two depend on each other).
 */
/**
 * A role's handlers recipe included with a task file (include_role tasks_from) whose role ended with
 * no handlers recipe (each handler a direct notification of its service): the include is dropped,
 * as Chef fails on an include of a recipe that does not exist. Only the cookbooks holding such an
 * include (`holding`) are walked.
 */
function pruneHandlerIncludes(holding: Cookbook[], cookbooks: Cookbook[]): void {
  if (!holding.length) return;
  const recipes = new Set(cookbooks.flatMap((c) => c.recipes.map((r) => `${c.name}::${r.name}`)));
  const prune = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const v = value[i] as { kind?: unknown; handlers?: unknown; recipe?: unknown } | null;
        if (v?.kind === 'include_recipe' && v.handlers === true) {
          if (!recipes.has(String(v.recipe))) value.splice(i, 1);
        } else prune(v);
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, x] of Object.entries(value)) if (k !== 'origin' && typeof x === 'object') prune(x);
    }
  };
  for (const c of holding) for (const r of c.recipes) prune(r.stmts);
}

function linkCookbooks(cookbooks: Cookbook[]): void {
  const byName = new Map(cookbooks.map((c) => [c.name, c]));
  for (const cb of cookbooks) {
    cb.attributes = orderAttributes(cb.attributes);
    for (const other of [...cookbooksRead(cb)].sort()) {
      const dep = byName.get(other);
      if (!dep || other === cb.name || cb.depends.includes(other) || dep.depends.includes(cb.name)) continue;
      cb.depends.push(other);
    }
  }
}

export function translateProject(
  project: Project,
  input: InputIndex,
  tables: Tables,
  sink: DiagnosticSink,
  text: (f: string) => string,
  opts: TranslateOptions,
): ChefProject {
  const templateText = opts.templateText ?? text;
  const cookbookOf = projectCookbookNames(project, sink, opts);
  const tasks = allTaskItems(project);
  const { symbols, registerNames } = projectSymbols(
    project,
    tasks,
    opts.namespace,
    cookbookOf,
    opts.attributeKeys ?? 'short',
    tables.facts,
    opts.extraVarTypes,
    opts.extraVarSources,
    opts.inferInputTypes === false ? undefined : templateText,
    opts.parseTemplate,
  );
  // The symbol table's types and use contracts are built from every value and every Jinja string
  // (an 8 MB defaults file: some 600 MB allocated here, half of it promoted to the old generation
  // before it died). V8 sets its next collection at up to four times what the last one found live,
  // so without a collection here that garbage stayed until the one before the roles' translation
  // and was the run's peak: 351-428 MB from run to run, by how much of it was promoted (issue 17).
  opts.collectGarbage?.();
  recordSetFactReads(symbols, tasks);
  // A variable that keeps its own name while its neighbours lose the prefix is said, not left to surprise.
  for (const s of symbols.all()) {
    const first = s.definitions[0];
    if (s.keptName && first)
      sink.info(
        'A2C-ATTRIBUTE-KEY',
        `${s.name} keeps its own name as its key, node['${s.path[0]}']['${s.path[1]}']: ${s.keptName}`,
        first.span,
      );
  }
  const accounting = new Accounting();
  const patternOf = playPatterns(project, symbols, sink);
  const { groups, declaredEmpty } = inventoryGroups(project, patternOf, sink);
  symbols.inventoryGroups = groups;
  const rolePlays = playsByRole(project);
  const magic = magicLookup({
    namespace: opts.namespace,
    groups,
    declaredEmpty,
    inventory: project.inventories.length > 0,
    ...(opts.groupsMode ? { groupsMode: opts.groupsMode } : {}),
  });
  // Whether a value has a translation at all: registered results read as if they existed (where
  // they do not, the value is computed at each use anyway), vault values as read from items.
  const registered = new Map<string, Registered>([...registerNames].map((n) => [n, { kind: 'runstate' }]));
  // `{{ role_path }}/templates/x` strings read only as a template src (role-path-sources.ts).
  const rolePathSites = rolePathTemplateSites(project.roles.values(), input);
  const probe: VarScope = {
    tables,
    symbols,
    locals: new Map(),
    registerNames,
    registered,
    magic,
    vaultItem: () => nil,
    ...(rolePathSites.size ? { rolePathSites } : {}),
    roleFileAbsent: roleFileAbsence(input),
  };
  // Keywords on the references to a role apply to all its tasks (role-keywords.ts).
  const contexts = roleContexts(project, sink);
  const roles = new Map([...project.roles].map(([name, role]) => [name, withRoleContext(role, contexts.agreed.get(name))]));
  const setters = new Map([...roles].map(([name, role]) => [name, varsFileSetters(role, input, probe)]));
  const calls = roleCalls(tasks, project.roles);
  const params = roleParameters(calls);
  // Variables whose value only the Ansible controller has, each defined once (controller-input.ts):
  // they translate (to the operator's attribute), and are noted as the classification meets each
  // definition, so that every reader, translated after, knows them.
  const controllerInputNames = new Set<string>();
  // The probe's answers by text: a default every role copies is translated once, not once per role.
  const translated: TranslatesMemo = new Map();
  const deferred = classifyDeferred(
    project,
    tasks,
    symbols,
    registerNames,
    // A raw block renders its text in the value of a variable no set_fact stores (raw-text.ts).
    (value, name) => {
      if (controllerInputFor(name, value, symbols, tables) === undefined)
        return translatesValue(value, rawRendersText(name, symbols) ? { ...probe, rawText: true } : probe, translated);
      controllerInputNames.add(name);
      return true;
    },
    (role, file) => varsFileGap(file, setters.get(role.name)?.get(file)),
    (role) => params.get(role),
    // A value failing on a file the input lacks: the readers through any chain keep that code.
    (value) => {
      const v = translateValue(value, probe);
      return failed(v) && v.code === 'A2C-MISSING-FILE' ? v.code : undefined;
    },
    (role, file) => varsFileLoad(file, setters.get(role)?.get(file)),
    (role, file) => {
      const f = setters.get(role)?.get(file);
      return f && !f.todo.length ? f.converted : undefined;
    },
  );
  // Which set_fact tasks stay TODOs, before any reader of their facts is translated (todo-set-facts.ts).
  const todoFacts = todoSetFacts(tasks, probe);
  deferred.noteTodoSetFacts(todoFacts);
  const ctx: TranslateContext = {
    input,
    sink,
    tables,
    symbols,
    accounting,
    cookbookOf,
    text,
    templateText,
    ...(opts.parseTemplate ? { parseTemplate: opts.parseTemplate } : {}),
    supportCookbook: opts.supportCookbook,
    registerNames,
    deferred,
    fetchedFiles: fetchedFiles(tasks),
    vaults: [],
    controllerInputs: [],
    controllerInputNames,
    computedOnNode: [],
    groups,
    knownRoles: new Set(project.roles.keys()),
    handlerIncludes: new Set(),
    enteredByTaskFile: rolesEnteredByTaskFile(tasks),
    handlersRecipeOf: (role) => {
      const r = project.roles.get(role);
      return r && handlersRecipe(r);
    },
    magic,
    groupsMode: opts.groupsMode ?? 'static',
    playsOf: (role) => rolePlays.get(role) ?? [],
    reachedByRoles: rolesReachedByRoles(project),
    playHostsReaders: new Set(),
    hostsOf: (pattern) => matchHosts(pattern, project.inventories),
    patternOf,
    allItems: tasks,
    ...(opts.fixes ? { fixes: opts.fixes } : {}),
    ...(rolePathSites.size ? { rolePathSites } : {}),
    ...(opts.printAssignment ? { printAssignment: opts.printAssignment } : {}),
  };
  // The role's own tasks, not those the keywords of its `roles:` entries reach (role-keywords.ts).
  if (calls.length) ctx.roleResources = planRoleResources(calls, project.roles, ctx, bodyTranslator(ctx));
  // The audit, the symbol table and the deferred scan have read every string: the roles' translation
  // is the last reader of most (load/jinja/parser.ts).
  lastReadsOfParses();
  opts.collectGarbage?.();
  // A role reading another's registered results is translated after it, and starts with them.
  ctx.crossRoleReads = crossRoleReads(project, roles, {
    playsOf: ctx.playsOf,
    reachedByRoles: ctx.reachedByRoles,
    symbols,
    disagreed: new Set(contexts.notes.keys()),
    input,
  });
  ctx.roleRegistered = new Map();
  const byRole = new Map<string, Cookbook>();
  for (const name of providersFirst([...roles.keys()].sort(), ctx.crossRoleReads)) {
    const cb = translateRole(roles.get(name)!, ctx);
    cb.notes = [...cb.notes, ...(contexts.notes.get(name) ?? [])].sort();
    byRole.set(name, cb);
  }
  const cookbooks: Cookbook[] = [...roles.keys()].sort().map((name) => byRole.get(name)!);
  // The pre-pass decided which include_vars tasks convert, and reads were translated on that
  // basis: a task it counted converted that ended a TODO would leave its variables unset.
  const todo = new Set(
    accounting
      .all()
      .filter((e) => e.outcome === 'todo')
      .map((e) => `${e.span.file}:${e.span.line}:${e.span.col}`),
  );
  for (const files of setters.values()) {
    for (const span of new Set([...files.values()].flatMap((f) => f.converted))) {
      if (todo.has(`${span.file}:${span.line}:${span.col}`))
        sink.error(
          'A2C-INTERNAL-VARS-FILE',
          'internal error: this include_vars task was expected to convert, and the reads of its variables were converted as attributes it would set, but it is a TODO',
          span,
        );
    }
  }
  const plays = translatePlays(project, ctx, cookbooks);
  cookbooks.push(...plays.cookbooks);
  // A set_fact the prediction counted converted that ended a TODO: its facts' reads took the fallback.
  const todoAfter = new Set(
    accounting
      .all()
      .filter((e) => e.outcome === 'todo')
      .map((e) => `${e.span.file}:${e.span.line}:${e.span.col}`),
  );
  const predicted = new Set([...todoFacts.values()].flat().map((s) => `${s.file}:${s.line}:${s.col}`));
  for (const task of setFactTasks(tasks)) {
    const key = `${task.span.file}:${task.span.line}:${task.span.col}`;
    // Where a name has no other definition, the fallback is undefined, as before any set_fact ran (not checked).
    const others = setFactNames(task.args).some((n) =>
      symbols.get(n)?.definitions.some((d) => d.kind !== 'undeclared' && !(d.kind === 'set_fact' && d.span === task.span)),
    );
    if (others && todoAfter.has(key) && !predicted.has(key))
      sink.error(
        'A2C-INTERNAL-SET-FACT',
        'internal error: this set_fact task was expected to convert, and the reads of its facts were converted to fall back on their other definitions, but it is a TODO',
        task.span,
      );
  }
  pruneHandlerIncludes(
    cookbooks.filter((c) => ctx.handlerIncludes?.has(c.name)),
    cookbooks,
  );
  linkCookbooks(cookbooks);
  addInputChecks(cookbooks, symbols);
  // Last: the passes before read the recipes' attribute reads where they are.
  for (const cb of cookbooks) {
    const set = new Set(cb.attributes.filter((a) => !a.todo && !a.when && !a.onlyIf).map((a) => a.path.join('\0')));
    for (const r of cb.recipes) readOnce(r, (path) => set.has(path.join('\0')));
  }
  // Two roles that map to one cookbook name would overwrite each other: refuse the second.
  const seen = new Map<string, string>();
  const unique = cookbooks.filter((c) => {
    const prev = seen.get(c.name);
    if (prev) {
      sink.error(
        'A2C-COOKBOOK-CLASH',
        `${c.source} and ${prev} both become cookbook '${c.name}'; the second is skipped (set a cookbook name override)`,
      );
      return false;
    }
    seen.set(c.name, c.source);
    return true;
  });
  symbols.releaseValues();
  return {
    cookbooks: unique,
    policies: plays.policies,
    nodes: plays.nodes,
    symbols,
    accounting,
    tasks,
    vaults: ctx.vaults,
    controllerInputs: ctx.controllerInputs,
    computedOnNode: ctx.computedOnNode,
    playHostsReaders: [...ctx.playHostsReaders].sort(),
  };
}
