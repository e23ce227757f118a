// Python attribute names that Jinja's `a.b` would resolve to a method of a
// str, list or dict before looking for a key `b` (Jinja's getattr tries the
// Python attribute first). `a.keys` is a bound method, never the key 'keys',
// so such accesses are not translated as key lookups.
import { PY_DICT_METHOD_NAMES } from '../base/dict-methods.js';

export { PY_DICT_METHOD_NAMES };

// On a dict, Jinja's `a.b` for these names finds the key; on a list or str the method.
// A2C::Jinja.attr checks the receiver at run time and fails for a list or str.
export const PY_METHOD_NAMES: ReadonlySet<string> = new Set([
  ...PY_DICT_METHOD_NAMES,
  // list
  'append',
  'count',
  'extend',
  'index',
  'insert',
  'remove',
  'reverse',
  'sort',
  // str
  'capitalize',
  'casefold',
  'center',
  'encode',
  'endswith',
  'expandtabs',
  'find',
  'format',
  'format_map',
  'isalnum',
  'isalpha',
  'isascii',
  'isdecimal',
  'isdigit',
  'isidentifier',
  'islower',
  'isnumeric',
  'isprintable',
  'isspace',
  'istitle',
  'isupper',
  'join',
  'ljust',
  'lower',
  'lstrip',
  'maketrans',
  'partition',
  'removeprefix',
  'removesuffix',
  'replace',
  'rfind',
  'rindex',
  'rjust',
  'rpartition',
  'rsplit',
  'rstrip',
  'split',
  'splitlines',
  'startswith',
  'strip',
  'swapcase',
  'title',
  'translate',
  'upper',
  'zfill',
]);
