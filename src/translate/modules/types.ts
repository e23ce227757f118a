// The contract between the task translator and module translators.
import type { Stmt } from '../../chef/ir.js';
import type { CodeWith } from '../../diagnostic-codes.js';
import type { Task } from '../../ansible/model.js';
import type { YNode } from '../../ansible/yaml.js';
import type { ModuleSpec } from '../../mapping/modules.js';
import type { CookbookEnv } from '../env.js';
import type { Scope } from '../jinja-bridge.js';
import type { Result } from '../failure.js';

export interface ModuleCall {
  task: Task;
  spec: ModuleSpec;
  env: CookbookEnv;
  scope: Scope;
  /** The last value given for any of these argument names. */
  arg(...names: string[]): YNode | undefined;
}

/** `ignored`: the task has no effect to convert (stat, meta: noop); the reason goes in a diagnostic. */
export type ModuleOutput = { stmts: Stmt[] } | { ignored: string; code: CodeWith<'info'> };

export type ModuleTranslator = (call: ModuleCall) => Result<ModuleOutput>;
