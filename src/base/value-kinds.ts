// The Python kinds a value can have: the vocabulary shared by the mapping tables (what a filter
// returns) and the resolve stage (a variable's static type), so neither imports the other.

/** What is statically known about a value's Python type. */
// 'strint': a Python int or a str Ansible keeps as text (resolve/types.ts isPlainText), never
// anything else: the contract inferred for a variable set outside the input whose every use means
// the same for both (resolve/use-contracts.ts), checked when the cookbook runs. A rule applies to it
// only where Ruby's Integer and String both behave as Python's int and str do there.
export type SType = 'str' | 'int' | 'float' | 'bool' | 'none' | 'list' | 'dict' | 'strint' | 'any';
