// Actions chosen from a templated value when some values of the table select several actions
// (service `reloaded` -> :reload then :start): `[...].flatten` gives the resource its action list,
// and a notification to such a handler notifies each action in turn.
import { call, type RExpr } from '../ir/ruby-ast.js';

/** `[items].flatten`: each item is a symbol or A2C::Tasks.action(...), which may return several actions. */
export function actionList(items: RExpr[]): RExpr {
  return call({ k: 'array', items }, 'flatten', [], { noParens: true });
}

export function isActionList(e: RExpr): boolean {
  return e.k === 'call' && e.name === 'flatten' && e.recv?.k === 'array' && e.args.length === 0;
}
