// Keys of a module's registered result that are the module's own argument: known when converting,
// so a resource task's record (register.ts recordResult) holds them beside changed/failed and a
// later read of them converts. Each is kept only where the module returns the argument as given,
// after its check_type_path (a literal ~ or $VARIABLE is a TODO of the task itself, coerce.ts):
// - file returns it as `path` for state file, directory and absent, as `dest` for touch and link
//   (modules/file.py); a state left out is the path's current one, known only on the node; hard
//   joins the src's basename onto a path that is a directory: not kept;
// - copy and template return `dest`, joined with the source's basename where dest ends in '/' or is
//   a directory (action/copy.py, modules/copy.py). A literal dest ending in '/' is not kept; a
//   directory met at run time fails Chef's file, cookbook_file and template :create
//   (FileTypeMismatch), so a run that reaches a later reader wrote dest itself. Not kept where that
//   does not hold: `force: false` (create_if_missing leaves a directory alone), remote_src
//   (another resource), a recursive copy (src ending in '/').
// Not with ignore_errors or failed_when: a run that goes on past a failed module need not have the key.
import type { Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { RExpr } from '../../ir/ruby-ast.js';
import { failed } from '../../base/failure.js';
import type { VarScope } from '../jinja-bridge.js';
import { coerceArg } from '../modules/coerce.js';
import { staticBool, staticString, translateValue } from '../values.js';

type ArgOf = (name: string) => YNode | undefined;

interface ReturnedArg {
  /** The argument and its aliases, any of which the module returns as given. */
  from: readonly string[];
  /** The result's key holding it for this task, or undefined where it is not returned as given. */
  keyFor: (arg: ArgOf) => string | undefined;
  /** The Chef resources the task must have become for the key to hold (those that fail on a directory). */
  resources?: ReadonlySet<string>;
}

/** file's key for each state that returns the path as given. */
const FILE_KEY: Readonly<Record<string, string>> = { file: 'path', directory: 'path', absent: 'path', touch: 'dest', link: 'dest' };

const WRITES_A_FILE: ReadonlySet<string> = new Set(['file', 'cookbook_file', 'template']);

const copyLike = (arg: ArgOf): string | undefined => {
  const force = arg('force');
  if (force && staticBool(force) !== true) return undefined;
  if (arg('remote_src') || staticString(arg('src'))?.endsWith('/')) return undefined;
  return staticString(arg('dest'))?.endsWith('/') ? undefined : 'dest';
};

/** Per module (its full name): the key of its result that is one of its arguments. */
const RETURNED: Readonly<Record<string, ReturnedArg>> = {
  'ansible.builtin.file': {
    from: ['path', 'dest', 'name'],
    keyFor: (arg) => {
      const state = staticString(arg('state'));
      return state === undefined ? undefined : FILE_KEY[state];
    },
  },
  'ansible.builtin.copy': { from: ['dest'], keyFor: copyLike, resources: WRITES_A_FILE },
  'ansible.builtin.template': { from: ['dest'], keyFor: copyLike, resources: WRITES_A_FILE },
};

/**
 * The keys of the task's result its arguments give, as [key, value translated where the record is
 * made]; empty where none is known (the module has none, or the argument does not translate).
 * `resourceTypes`: the Chef resources the task became.
 */
export function returnedArgs(task: Task, scope: VarScope, resourceTypes: readonly string[]): Array<[string, RExpr]> {
  const spec = RETURNED[task.module];
  if (!spec || task.keywords.has('ignore_errors') || task.keywords.has('failed_when')) return [];
  if (spec.resources && !resourceTypes.every((t) => spec.resources!.has(t))) return [];
  const arg: ArgOf = (name) => task.args.find((a) => a.key === name)?.value;
  const given = task.args.filter((a) => spec.from.includes(a.key));
  const key = spec.keyFor(arg);
  if (given.length !== 1 || key === undefined) return [];
  const node = given[0]!.value;
  const raw = translateValue(node, scope);
  if (failed(raw)) return [];
  const value = coerceArg('path', given[0]!.key, raw, node, scope);
  if (failed(value) || value.k === 'const' || value.k === 'nil') return [];
  return [[key, value]];
}
