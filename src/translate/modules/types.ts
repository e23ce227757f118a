// The contract between the task translator and module translators.
import type { Stmt } from '../../ir/chef-ir.js';
import type { CodeWith } from '../../base/diagnostic-codes.js';
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { ModuleSpec } from '../../mapping/modules.js';
import type { RExpr } from '../../ir/ruby-ast.js';
import type { CookbookEnv } from '../env.js';
import type { VarScope } from '../jinja-bridge.js';
import type { Result } from '../../base/failure.js';

export interface ModuleCall {
  task: Task;
  spec: ModuleSpec;
  env: CookbookEnv;
  scope: VarScope;
  /** The last value given for any of these argument names. */
  arg(...names: string[]): YNode | undefined;
  /** The static name the task registers its result under, if it does. */
  register?: string;
}

/**
 * What `register:` sees, computed at converge time by the support cookbook: A2C::Tasks.<helper>_result
 * (args..., kwargs) gives it, register_<helper>(run_state, name, args..., kwargs) stores it.
 */
export interface RunResult {
  helper: 'command' | 'stat' | 'slurp' | 'find' | 'uri' | 'service_facts' | 'package_facts' | 'mysql_query' | 'mysql_replication';
  args: RExpr[];
  kwargs: Array<[string, RExpr]>;
  /** The run fails like the module does, so `ignore_errors` is passed on. */
  fails: boolean;
}

/**
 * `stmts`: the task's effect. `result`: what a registered task's result is, where the translator can
 * say (the task then becomes a ruby_block computing it, register.ts). `ignored`: the task has no
 * effect to convert (stat, meta: noop); the reason goes in a diagnostic.
 */
export type ModuleOutput =
  /** whenDecided: the translator applied the task's own `when` itself (no guard is added for it). */
  { stmts: Stmt[]; result?: RunResult; whenDecided?: true } | { ignored: string; code: CodeWith<'info'> };

export type ModuleTranslator = (call: ModuleCall) => Result<ModuleOutput>;
