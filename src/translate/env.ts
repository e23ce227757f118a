// What the task translator needs to know while it converts one cookbook.
//
// The translate stage has one context, TranslateContext (context.ts), for the whole project. A
// CookbookEnv holds it (`env.project`) with what belongs to one cookbook: what it collects while its
// tasks are translated and the plays that run them. A VarScope (jinja-bridge.ts) is no context but
// the lexical variable scope of one read: the names bound where a value is read. The Jinja stage's
// context is JinjaScope (jinja-to-ruby/scope.ts), which the bridge builds from a VarScope.
import type { Span } from '../base/diagnostics.js';
import type { Play, Role, Task, TaskItem } from '../load/ansible/model.js';
import type { Attribute, Template, StaticFile } from '../ir/chef-ir.js';
import type { HandlerIndex } from './task/handlers.js';
import type { Registered } from './task/register.js';
import type { VarScope } from './jinja-bridge.js';
import type { TemplateUse } from './template-vars.js';
import type { JinjaSettings } from '../load/jinja/ast.js';
import type { Untranslatable } from '../base/failure.js';
import type { TranslateContext } from './context.js';

export interface CookbookEnv {
  /** The project's context: the same object for every cookbook (a role resource's quiet body translation swaps its sink, ledger and role resources). */
  project: TranslateContext;
  cookbook: string;
  /** The role being converted, or undefined for play-level tasks. */
  role?: Role;
  /** Directory that relative template/file paths start from (role dir, or the playbook's dir). */
  baseDir: string;
  handlers: HandlerIndex;
  /** Templates and files the cookbook needs, by cookbook-relative path (filled while translating). */
  templates: Map<string, Template>;
  files: Map<string, StaticFile>;
  /** Recipe names by task file (under tasks/) for include/import_tasks. */
  recipeOf: (taskFile: string) => string | undefined;
  /** Cookbooks this one must depend on (include_role targets). */
  depends: Set<string>;
  /** Every task of the role (or playbook), to see how a registered result is read later. */
  roleItems: readonly TaskItem[];
  /** Results registered so far (task order), shared with the scope. */
  registered: Map<string, Registered>;
  /** Task files being inlined, for include cycle detection. */
  includeStack: string[];
  /** Attributes chosen per platform (include_vars of the first vars file found). */
  platformAttributes: Attribute[];
  /** Vars files (input paths) loaded by static include_vars: become override attributes. */
  includedVars: string[];
  /** Notes for the cookbook README (deduplicated, sorted when printed). */
  notes: Set<string>;
  /**
   * Template translation, supplied by the project translator (reads the .j2 once per set of names
   * `caller` can pass). Undefined: the template has no translation (diagnosed at the template); an
   * Untranslatable: it cannot be rendered by this task.
   */
  translateTemplateFile: (
    path: string,
    env: CookbookEnv,
    span: Span,
    caller?: VarScope,
    settings?: TaskJinjaSettings,
  ) => TemplateUse | Untranslatable | undefined;
  /**
   * The plays that run this cookbook's tasks (none when no play of the input reaches them): where
   * run_once and delegate_to place a task (run-once.ts), with the project's inventory.
   */
  plays: readonly Play[];
}

export type { Task, TaskItem };

/** The template module's own Jinja settings (trim_blocks, lstrip_blocks), where a task sets them. */
export type TaskJinjaSettings = Partial<Pick<JinjaSettings, 'trimBlocks' | 'lstripBlocks'>>;
