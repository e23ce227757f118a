// A task looping over a literal list whose items choose what the module does —
//   file: {path: "{{ item.path }}", state: "{{ item.state }}"}
//   with_items: [{path: /etc/mysql, state: directory}, {path: /etc/my.cnf, src: ..., state: link}]
// — cannot become one Ruby loop (a Chef resource type and action are fixed when it is written).
// The list is in the source, so the loop is unrolled: one task per item, where an argument that
// is exactly `{{ item.key }}` takes the item's value as written, and every other use of the
// loop variable reads the item's value (bound like a task var). Ansible renders the loop list in
// the task's own scope, which is where the copied values are translated too.
import type { Arg, Task } from '../../load/ansible/model.js';
import { copyNode, type YNode } from '../../load/ansible/yaml.js';
import { isMap, mapGet } from '../../load/ansible/yaccess.js';
import { parseString } from '../../load/jinja/index.js';
import type { Expr } from '../../load/jinja/ast.js';
import { int } from '../../ir/ruby-ast.js';
import type { VarScope, VarBinding } from '../jinja-bridge.js';
import { translateValue } from '../values.js';
import { failed } from '../../base/failure.js';
import { withVars } from './task-vars.js';
import { loopControlOf } from './loops.js';

/** Most items a loop is unrolled for: beyond that the recipe would be harder to read than the TODO. */
export const MAX_UNROLLED = 25;

export interface Unrolled {
  /** One task per item, without the loop keywords, in item order. */
  tasks: Task[];
  /** The scope of each task: the loop (and index) variable bound to the item. */
  scopes: VarScope[];
}

const LOOP_KEYS = new Set(['loop', 'with_items', 'with_list', 'loop_control']);

/** The loop of a task as unrollable literal items, or undefined when it is not one. */
export function unrollLiteralLoop(task: Task, scope: VarScope): Unrolled | undefined {
  const key = ['loop', 'with_items', 'with_list'].find((k) => task.keywords.has(k));
  if (!key || task.keywords.has('register')) return undefined;
  if ([...task.keywords.keys()].some((k) => k.startsWith('with_') && k !== key)) return undefined;
  const list = task.keywords.get(key)!;
  if (list.kind !== 'seq' || list.items.length === 0 || list.items.length > MAX_UNROLLED) return undefined;
  // with_items flattens one level: a nested list, or a string that may render to one, changes the count.
  if (
    key === 'with_items' &&
    list.items.some((i) => i.kind === 'seq' || (i.kind === 'scalar' && typeof i.value === 'string' && i.value.includes('{{')))
  )
    return undefined;
  const control = loopControlOf(task);
  if (failed(control)) return undefined;
  // Ansible renders the loop list with the task's vars in scope.
  const itemScope = withVars(scope, task.keywords.get('vars'));
  if (failed(itemScope)) return undefined;
  const tasks: Task[] = [];
  const scopes: VarScope[] = [];
  list.items.forEach((item, i) => {
    const vars = new Map<string, VarBinding>(scope.vars ?? []);
    vars.set(control.varName, translateValue(item, itemScope));
    if (control.indexName) vars.set(control.indexName, int(i));
    const locals = new Map([...scope.locals].filter(([name]) => name !== control.varName && name !== control.indexName));
    scopes.push({ ...scope, locals, vars });
    const keywords = new Map([...task.keywords].filter(([k]) => !LOOP_KEYS.has(k)));
    tasks.push({ ...task, keywords, args: substituteArgs(task.args, control.varName, item) });
  });
  return { tasks, scopes };
}

/** Arguments with `{{ item.key }}` replaced by the item's value; `| default(omit)` on a missing key drops the argument. */
function substituteArgs(args: Arg[], varName: string, item: YNode): Arg[] {
  const out: Arg[] = [];
  for (const a of args) {
    const v = substitute(a.value, varName, item);
    if (v !== OMITTED) out.push({ key: a.key, value: v });
  }
  return out;
}

const OMITTED = Symbol('omitted');

function substitute(node: YNode, varName: string, item: YNode): YNode | typeof OMITTED {
  if (node.kind === 'map') {
    const entries = node.entries.flatMap((e) => {
      const v = substitute(e.value, varName, item);
      return v === OMITTED ? [] : [{ key: e.key, value: v }];
    });
    return copyNode(node, { entries });
  }
  if (node.kind === 'seq')
    return copyNode(node, {
      items: node.items.flatMap((i) => {
        const v = substitute(i, varName, item);
        return v === OMITTED ? [] : [v];
      }),
    });
  if (typeof node.value !== 'string' || node.unsafe) return node;
  const ref = itemReference(node.value, varName);
  if (!ref) return node;
  const value = ref.key === undefined ? item : isMap(item) ? mapGet(item, ref.key) : undefined;
  // A null value stays a reference: the module sees None, which a copied `null` would not say.
  if (value && !(value.kind === 'scalar' && value.value === null)) return value;
  if (value === undefined && isMap(item)) {
    if (ref.fallback === 'omit') return OMITTED;
    // `default('directory')`: the rendered literal, typed as convert_data would give it back.
    if (ref.fallback !== undefined) {
      const v = ref.fallback;
      const type = typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : Number.isInteger(v) && !ref.float ? 'int' : 'float';
      return copyNode(node, { value: v, type, style: 'plain' });
    }
  }
  return node;
}

// `item.items` in Jinja is the dict method, not the key: those names are left to the translator.
const DICT_METHODS = new Set(['clear', 'copy', 'fromkeys', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values']);

/** `{{ item }}`, `{{ item.key }}`, `{{ item['key'] }}`, optionally `| default(omit)` or `| default(<literal>)`. */
function itemReference(
  text: string,
  varName: string,
): { key?: string; fallback?: 'omit' | string | number | boolean; float?: true } | undefined {
  const parsed = parseString(text);
  if (!parsed.ok || parsed.value.length !== 1 || parsed.value[0]!.kind !== 'output') return undefined;
  let e: Expr = parsed.value[0]!.expr;
  let fallback: 'omit' | string | number | boolean | undefined;
  let float: true | undefined;
  if (e.kind === 'filter' && (e.name === 'default' || e.name === 'd') && e.args.length === 1 && e.kwargs.length === 0) {
    const arg = e.args[0]!;
    if (arg.kind === 'name' && arg.name === 'omit') fallback = 'omit';
    // A literal string that is not itself a template (Ansible would render it again).
    else if (arg.kind === 'const' && arg.value !== null && !(typeof arg.value === 'string' && /[{%#]/.test(arg.value))) {
      fallback = arg.value;
      float = arg.float;
    } else return undefined;
    e = e.node;
  }
  if (e.kind === 'name' && e.name === varName && fallback === undefined) return {};
  const key =
    e.kind === 'getattr' && e.node.kind === 'name' && e.node.name === varName && !DICT_METHODS.has(e.attr)
      ? e.attr
      : e.kind === 'getitem' &&
          e.node.kind === 'name' &&
          e.node.name === varName &&
          e.arg.kind === 'const' &&
          typeof e.arg.value === 'string'
        ? e.arg.value
        : undefined;
  return key === undefined ? undefined : { key, ...(fallback !== undefined ? { fallback } : {}), ...(float ? { float } : {}) };
}
