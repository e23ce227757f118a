// include_vars under a `when` on values set while the run converges (converge-condition.ts): the
// include_vars task becomes a ruby_block at its place in the run, guarded by that `when`, which
// stores the file's values in node.run_state; each later read takes the stored value, else the
// attribute below it. The choice is made once, where Ansible makes it (the task's position and its
// `when`), and each read is one plain fetch instead of every branch's value inlined again.
//
// A value is stored only where computing it at the task gives what Ansible templates at the read:
// it reads no variable computed at each use (deferred.ts), so it reads only attributes and facts,
// which do not change while the run converges. A read whose task binds a name the value reads
// (task vars, a loop variable) keeps the value computed in its own scope (deferred-read.ts).
import type { YNode } from '../load/ansible/yaml.js';
import { call, str, type RExpr } from '../ir/ruby-ast.js';
import type { VarType } from '../resolve/types.js';
import { valueNames } from './deferred.js';
import type { VarScope } from './jinja-bridge.js';

const RUN_STATE: RExpr = call(call(undefined, 'node', [], { noParens: true }), 'run_state', [], { noParens: true });

/** The run_state key of a variable an include_vars task stored: no set_fact's (a variable name holds no '.'). */
export function includedVarKey(name: string): string {
  return `include_vars.${name}`;
}

/**
 * Whether the value a vars file gives is stored by its include_vars task: it reads no variable
 * computed at each use (whose value at the task may not be the one at the read). The writer and
 * every reader decide with this one function, over the role owning the vars file, so a read never
 * falls back past a value not stored.
 */
export function storedAtTask(value: YNode, scope: VarScope, role: string | undefined): boolean {
  // Asked of the vars file's role, never the reader's: a name may be computed at each use in one
  // role and an attribute in another, and both sides must answer alike.
  return !valueNames(value).some((n) => scope.deferred?.plan(n, role) !== undefined);
}

/** `node.run_state.fetch('include_vars.x') { fallback }`, typed where every definition's type is known. */
export function includedVarRead(name: string, fallback: RExpr, type: VarType | undefined): RExpr {
  return call(RUN_STATE, 'fetch', [str(includedVarKey(name))], {
    block: { params: [], body: fallback },
    ...(type && type.t !== 'any' ? { vt: type } : {}),
  });
}

/** `node.run_state.update('include_vars.x' => value, ...)`: the body of the include_vars task's ruby_block. */
export function includedVarsStore(values: ReadonlyArray<[string, RExpr]>): RExpr {
  return call(RUN_STATE, 'update', [{ k: 'hash', pairs: values.map(([n, v]) => [str(includedVarKey(n)), v]) }]);
}

/** Does a Ruby tree read a value an include_vars task stores at converge time (so it must be read then)? */
export function isIncludedVarRead(x: RExpr): boolean {
  if (x.k !== 'call' || x.name !== 'fetch' || x.recv?.k !== 'call' || x.recv.name !== 'run_state') return false;
  const key = x.args[0];
  return key?.k === 'str' && key.v.startsWith('include_vars.');
}
