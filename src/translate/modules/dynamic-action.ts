// The Chef action a templated action argument (`state: "{{ pkg_state }}"`) selects when the recipe
// compiles. A2C::Tasks.action(value, table) looks the value up as text, then as one of Ansible's
// boolean words (for 'true'/'false' rows), and fails the run on anything else. Plain Ruby gives the
// same choice where the table allows it:
// - a table with no boolean rows, whose values are all words (`present`, `latest`): only a String
//   equal to a row can select one (Python's str() of a number, None, a list or a dict is never a
//   word), so `{ 'present' => :install, ... }.fetch(value)` selects the same action and fails (a
//   KeyError) on the same values. Ansible's convert_data on the value can only turn text into a
//   boolean, list or dict, which no row matches either way, so it is dropped;
// - a table of exactly the rows 'true' and 'false', read from a value known to be a boolean:
//   `value ? :enable : :disable`.
// Anything else keeps the helper.
import { call, callsSupport, isConstCall, str, sym, typeOf, type RExpr } from '../../ir/ruby-ast.js';

const WORD = /^[A-Za-z][A-Za-z_]*$/;
const BOOLEAN_ROWS = new Set(['true', 'false']);

/** `:install`, or `%i(reload start)` for a row that selects several actions ('reload+start'). */
function actionOf(row: string): RExpr {
  const names = row.split('+');
  return names.length === 1 ? sym(names[0]!) : { k: 'array', items: names.map(sym) };
}

/** Plain Ruby for `A2C::Tasks.action(value, table)`, or the helper call where Ruby would differ. */
export function actionChoice(value: RExpr, table: Record<string, string>): RExpr {
  const rows = Object.keys(table);
  const booleanOnly = rows.length === 2 && rows.every((r) => BOOLEAN_ROWS.has(r));
  const t = typeOf(value);
  if (booleanOnly && t?.t === 'bool' && !t.rendered && !callsSupport(value))
    return { k: 'ternary', c: value, t: actionOf(table.true!), f: actionOf(table.false!) };
  const read = isConstCall(value, 'A2C::Jinja', 'convert_data') && value.k === 'call' ? value.args[0]! : value;
  const words = rows.every((r) => WORD.test(r) && !BOOLEAN_ROWS.has(r.toLowerCase()) && r !== 'None');
  if (words && !callsSupport(read)) {
    const hash: RExpr = { k: 'hash', pairs: rows.map((r): [RExpr, RExpr] => [str(r), actionOf(table[r]!)]) };
    return call(hash, 'fetch', [read]);
  }
  const pairs = rows.map((r): [RExpr, RExpr] => [str(r), str(table[r]!)]);
  return call({ k: 'const', path: ['A2C', 'Tasks'] }, 'action', [value, { k: 'hash', pairs }]);
}
