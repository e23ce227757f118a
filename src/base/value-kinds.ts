// The Python kinds a value can have: the vocabulary shared by the mapping tables (what a filter
// returns) and the resolve stage (a variable's static type), so neither imports the other.

/** What is statically known about a value's Python type. */
export type SType = 'str' | 'int' | 'float' | 'bool' | 'none' | 'list' | 'dict' | 'any';
