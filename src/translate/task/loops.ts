// loop / with_* / loop_control -> the Ruby collection to iterate and the block parameter names.
import type { Task } from '../../load/ansible/model.js';
import { call, typeOf, type RExpr } from '../../ir/ruby-ast.js';
import { joinTypes, type VarType } from '../../resolve/types.js';
import { literalType } from '../../jinja-to-ruby/literal-type.js';
import type { VarScope } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { translateValue, staticString } from '../values.js';
import { passesOnWhole } from '../passes-on.js';
import { loopLocal } from '../locals.js';
import { isMap, keyName } from '../../load/ansible/yaccess.js';
import { lookupEntry, lookupRefusal, pureLookupCall } from '../../jinja-to-ruby/lookups.js';

export interface Loop {
  items: RExpr;
  /** What every item is, when the list's type says so (resolve/types.ts). */
  itemType?: VarType;
  /** Jinja name of the loop variable (item, or loop_control.loop_var). */
  varName: string;
  local: string;
  indexName?: string;
  indexLocal?: string;
}

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

/** loop_control: the loop variable's name (item by default) and the index variable's, if any. */
export function loopControlOf(task: Task): Result<{ varName: string; indexName?: string }> {
  let varName = 'item';
  let indexName: string | undefined;
  const control = task.keywords.get('loop_control');
  if (control) {
    if (!isMap(control)) return new Untranslatable('A2C-TODO-LOOP', 'loop_control must be a mapping', control.span);
    for (const e of control.entries) {
      const k = keyName(e.key);
      const v = staticString(e.value);
      if (k === 'loop_var' && v) varName = v;
      else if (k === 'index_var' && v) indexName = v;
      else if (k === 'label') continue;
      else return new Untranslatable('A2C-TODO-LOOP', `loop_control ${k} is not converted`, e.key.span);
    }
  }
  return { varName, ...(indexName ? { indexName } : {}) };
}

export function loopOf(task: Task, taskScope: VarScope): Result<Loop | undefined> {
  const withKeys = [...task.keywords.keys()].filter((k) => k.startsWith('with_'));
  const loopNode = task.keywords.get('loop');
  if (withKeys.length + (loopNode ? 1 : 0) > 1)
    return new Untranslatable('A2C-TODO-LOOP', 'more than one loop keyword on one task', task.span);
  const key = loopNode ? 'loop' : withKeys[0];
  // loop_control without a loop: ansible-core 2.14 runs the task once and ignores it (checked
  // with ansible-playbook, test/translate/task/loop-control-alone.test.ts), so there is nothing to convert.
  if (!key) return undefined;
  const node = task.keywords.get(key)!;
  // include_vars with_first_found picks one file, it does not loop: the module translator handles it.
  if (key === 'with_first_found' && task.module === 'ansible.builtin.include_vars') return undefined;
  // Ansible templates the loop list before it adds the connection's `ansible_host` to the task's
  // variables (TaskExecutor._get_loop_items, then _execute's update_vars): unset, it is undefined
  // there. Made only for a task that loops: a copy of the task's scope, which every task made.
  const scope: VarScope = {
    ...taskScope,
    magic: (name) =>
      name === 'ansible_host'
        ? {
            why: "a loop's list is templated before Ansible adds its inventory-name fallback, so it is the inventory's value or undefined there",
          }
        : taskScope.magic?.(name),
  };
  // with_<lookup>: a pure lookup plugin (lookups.toml) runs on the node over the listified value.
  const plugin = key === 'loop' ? undefined : key.slice('with_'.length);
  const pure = plugin === undefined ? undefined : lookupEntry(scope.tables, plugin)?.entry.ruby;
  if (plugin !== undefined && !pure)
    return new Untranslatable(
      'A2C-TODO-LOOP',
      lookupEntry(scope.tables, plugin) ? `${key}: ${lookupRefusal(scope.tables, plugin)}` : `${key} is not converted`,
      node.span,
    );
  const control = loopControlOf(task);
  if (failed(control)) return control;
  const { varName, indexName } = control;
  if ((key === 'with_subelements' || key === 'with_nested') && node.kind === 'seq') {
    // A list of terms: each term is a list (or a Jinja string for one).
    const terms: RExpr[] = [];
    for (const t of node.items) {
      const v = translateValue(t, scope);
      if (failed(v)) return v;
      terms.push(v);
    }
    let items: RExpr;
    if (key === 'with_nested') items = call(TASKS, 'nested', terms);
    else {
      const [list, sub, flags] = terms;
      if (!list || !sub || sub.k !== 'str' || terms.length > 3)
        return new Untranslatable('A2C-TODO-LOOP', 'with_subelements needs [list, key] or [list, key, {skip_missing: ...}]', node.span);
      const skip = flags?.k === 'hash' ? flags.pairs.find(([k]) => k.k === 'str' && k.v === 'skip_missing')?.[1] : undefined;
      if (flags && !skip) return new Untranslatable('A2C-TODO-LOOP', 'with_subelements flags other than skip_missing', node.span);
      items = call(TASKS, 'subelements', [list, sub, ...(skip ? [skip] : [])]);
    }
    return { items, varName, ...loopLocals(varName, indexName, scope) };
  }
  const passesOn = passesOnWhole(node);
  const value = translateValue(node, passesOn ? { ...scope, passesParts: true } : scope);
  if (failed(value)) return value;
  let items: RExpr = value;
  // A literal list of literals, or of reads whose type is known not to be a list, is its own item
  // list for with_items and with_list; everything else goes through the plugin's helper (a
  // variable may hold a string, a dict or nested lists, which with_items flattens).
  const literal =
    value.k === 'array' &&
    value.items.every((i) => ['str', 'interp', 'int', 'float', 'bool', 'nil', 'hash'].includes(i.k) || scalarRead(i));
  // A list whose items are known not to be lists: with_items' one-level flattening and
  // listify change nothing, so the list is iterated as it is.
  const t = typeOf(value);
  // A literal list (`loop: [a, b]`, `loop: [{name: a}]`) binds its variable to the join of its items' types.
  const literalItem = literal ? literalType(value).item : undefined;
  const itemType: VarType | undefined = literalItem
    ? literalItem
    : t?.t === 'list' && t.item && t.item.t !== 'list' && t.item.t !== 'any'
      ? t.item
      : passesOn
        ? readsItemType(value)
        : undefined;
  // Parts of registered results (VarType.partOf) bound to the loop variable must keep that type, which
  // refuses a read of a key beyond the part where it is made; an item of another or no known type would lose it.
  if (passesOn && itemType?.partOf === undefined && value.k === 'array' && value.items.some((i) => typeOf(i)?.partOf !== undefined))
    return new Untranslatable(
      'A2C-TODO-REGISTER',
      'a loop over registered results the support library computes in part, beside values of another type: the loop variable would not say which keys it lacks',
      node.span,
    );
  if (!((literal || itemType) && (key === 'with_items' || key === 'with_list' || key === 'loop'))) {
    if (pure) items = pureLookupCall(pure, value, true);
  }
  return {
    items,
    ...(itemType && items === value ? { itemType } : {}),
    varName,
    ...loopLocals(varName, indexName, scope),
  };
}

/** A list of reads passed on whole (`[r1, r2]`): its items' common type, where every item's is known and none is a list. */
function readsItemType(value: RExpr): VarType | undefined {
  if (value.k !== 'array' || value.items.length === 0) return undefined;
  let joined: VarType | undefined;
  for (const i of value.items) {
    const t = typeOf(i);
    if (!t || t.t === 'list' || t.t === 'any') return undefined;
    joined = joinTypes(joined, t);
  }
  return joined?.t === 'any' ? undefined : joined;
}

/** The block parameters for the loop and index variables, apart from each other and the enclosing loops' own. */
function loopLocals(varName: string, indexName: string | undefined, scope: VarScope): Pick<Loop, 'local' | 'indexName' | 'indexLocal'> {
  const local = loopLocal(varName, scope.locals);
  if (indexName === undefined) return { local };
  return { local, indexName, indexLocal: loopLocal(indexName, new Map([...scope.locals, [varName, local]])) };
}

const NOT_LIST = new Set(['str', 'int', 'float', 'bool', 'none', 'dict']);

/** A read (`node['cb']['path']`) whose every source gives a value that is not a list. */
function scalarRead(e: RExpr): boolean {
  const t = typeOf(e);
  return t !== undefined && NOT_LIST.has(t.t);
}
