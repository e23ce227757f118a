// The methods of a Python dict: Jinja's `d.name` finds the method before a key of that name, and
// `d['name']` finds it where the key is missing. Shared by the translator (jinja-to-ruby/names.ts)
// and the resolve stage's item-field scan (resolve/item-uses.ts), which gives such a field no contract.
export const PY_DICT_METHOD_NAMES: ReadonlySet<string> = new Set([
  'clear',
  'copy',
  'fromkeys',
  'get',
  'items',
  'keys',
  'pop',
  'popitem',
  'setdefault',
  'update',
  'values',
]);
