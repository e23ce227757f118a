// Project-wide state of the translate stage.
import type { FetchedFiles } from './fetched-source.js';
import type { DiagnosticSink } from '../base/diagnostics.js';
import type { InputIndex } from '../load/ansible/input.js';
import type { Tables } from '../mapping/tables.js';
import type { SymbolTable } from '../resolve/symbols.js';
import type { Accounting } from './accounting.js';
import type { ComputedValue, VaultRef } from './attributes.js';
import type { RExpr } from '../ir/ruby-ast.js';
import type { Attribute } from '../ir/chef-ir.js';
import type { Play, TaskItem } from '../load/ansible/model.js';
import type { DeferredVars } from './deferred.js';
import type { FixPlan } from '../audit/fixes.js';
import type { TemplateParser } from '../load/jinja/template-parses.js';
import type { RoleResourcePlan } from './role-resource.js';
import type { CrossRoleReads } from './cross-role-register.js';
import type { Registered } from './task/register.js';
import type { ControllerInputRef } from './controller-input.js';

/**
 * The translate stage's context, built once per conversion by translateProject (project.ts). A
 * cookbook's CookbookEnv (env.ts) holds it as `project`; a read's VarScope (jinja-bridge.ts) is built
 * from both.
 */
export interface TranslateContext {
  input: InputIndex;
  sink: DiagnosticSink;
  /** The mapping tables of this conversion (built-in, or with user tables merged). */
  tables: Tables;
  symbols: SymbolTable;
  accounting: Accounting;
  cookbookOf: (role: string) => string;
  text: (file: string) => string;
  /** Template text with its BOM kept, as Ansible renders it. */
  templateText: (file: string) => string;
  /** Parses a template's text; the audit's parses are shared through it. */
  parseTemplate?: TemplateParser;
  supportCookbook: string;
  /** Variables computed at each use instead of in attribute files. */
  deferred: DeferredVars;
  /** Every variable name some task registers. */
  registerNames: Set<string>;
  /** `!vault` values met so far and the chef-vault items they are read from. */
  vaults: VaultRef[];
  /** Variables whose value only the Ansible controller has, become attributes the operator sets (controller-input.ts). */
  controllerInputs: ControllerInputRef[];
  /** Their names, decided before any cookbook is translated. */
  controllerInputNames: ReadonlySet<string>;
  /** Values a Policyfile or node file cannot hold, written by attribute files instead (vault-scope.ts), and their level. */
  computedOnNode: ComputedValue[];
  /** Magic variables of the inventory (groups, group_names, omit, ...). */
  magic: (name: string) => RExpr | undefined;
  /** Names of the roles the input holds. */
  knownRoles: ReadonlySet<string>;
  /** The recipe a role's handlers become (handlers-recipe.ts), undefined for a role without handlers. */
  handlersRecipeOf?: (role: string) => string | undefined;
  /** Cookbooks holding an include of such a recipe with a task file: checked once every role is translated. */
  handlerIncludes?: Set<string>;
  /** Roles an include enters by another task file than main (handlers-recipe.ts rolesEnteredByTaskFile). */
  enteredByTaskFile?: ReadonlySet<string>;
  /** static: `groups` is a Policyfile attribute; search: nodes publish their group names instead. */
  groupsMode: 'static' | 'search';
  /** Inventory groups -> hosts (with all and ungrouped), published as node[namespace]['groups']. */
  groups: Record<string, string[]>;
  /** The plays that run a role (role-plays.ts): where run_once picks its host. */
  playsOf: (role: string) => readonly Play[];
  /** Roles another role depends on or includes (role-plays.ts). */
  reachedByRoles: ReadonlySet<string>;
  /** Fetch tasks whose dest a later task reads as its src (fetched-source.ts). */
  fetchedFiles?: FetchedFiles;
  /** Results a role reads from the tasks of a role its plays run before it (cross-role-register.ts). */
  crossRoleReads?: CrossRoleReads;
  /** Each role's registered results as its task files left them, filled as roles are translated (providers first). */
  roleRegistered?: Map<string, ReadonlyMap<string, Registered>>;
  /**
   * Cookbooks whose code reads the play's hosts from node[namespace]['ansible_play_hosts'] (static
   * groups, play-hosts.ts): the Policyfile of each play running one of them sets that attribute.
   */
  playHostsReaders: Set<string>;
  /** The inventory hosts a play's host pattern matches. */
  hostsOf: (pattern: string) => string[];
  /** A play's host pattern as Ansible resolves it where the input decides a templated one (play-pattern.ts). */
  patternOf: (play: Play) => string;
  /** Every task item of the project (roles, handlers, plays). */
  allItems: readonly TaskItem[];
  /** What each include of a role with vars becomes (role-resource.ts), by planKey. */
  roleResources?: ReadonlyMap<string, RoleResourcePlan>;
  /** Positions of the strings where `{{ role_path }}` reads as the cookbook's own folder (role-path-sources.ts). */
  rolePathSites?: ReadonlySet<string>;
  /** The audit's IPv6 fixes by source position, applied where their nodes are emitted. */
  fixes?: FixPlan;
  /** Prints a role's attribute as soon as it is translated (TranslateOptions.printAssignment). */
  printAssignment?: (a: Attribute) => Attribute['settled'];
}

/** What placing a task on hosts reads of the project (run-once.ts, play-hosts.ts): the inventory. */
export type InventoryView = Pick<TranslateContext, 'groups' | 'groupsMode' | 'hostsOf' | 'patternOf'>;

/** Chef cookbook names: lower-case letters, digits and underscores (decided in the resolve stage). */
export { cookbookName } from '../resolve/cookbook-name.js';

/** Recipe name for a task file under tasks/: main -> default, sub/dir.yml -> sub_dir. */
export function recipeName(taskFile: string): string {
  const base = taskFile.replace(/\.(ya?ml|json)$/, '');
  if (base === 'main') return 'default';
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'tasks'
  );
}
