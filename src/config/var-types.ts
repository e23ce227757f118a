// `[extra-var-types]` of ansible2chef.toml: the types of variables set outside the converted input
// (extra vars, an inventory that is not converted). The converter cannot see those sources; what a
// team declares here is what it vouches for, so a read of such a variable can be plain Chef
// (issue 14). Undeclared, such a variable stays of unknown type: the A2C::Jinja helpers stay.
//
// Grammar (spaces allowed between tokens):
//   type   := 'str' | 'int' | 'bool' | 'float' | 'list' | 'dict'
//           | 'list[' type ']'            every item has the type
//           | 'dict[' type ']'            string keys, every value has the type
//           | '{' name ':' type (',' name ':' type)* '}'   string keys; at least these, each of its type
// `str` is text Ansible keeps as text: it does not begin with `[` or `{` and is not `True` or
// `False` (Ansible would read such text back as a list, dict or boolean).
import type { SType } from '../base/value-kinds.js';

export type DeclaredType =
  | { t: Exclude<SType, 'list' | 'dict' | 'any' | 'none' | 'strint'> }
  | { t: 'list'; item?: DeclaredType }
  | { t: 'dict'; values?: DeclaredType; fields?: Readonly<Record<string, DeclaredType>> };

const SCALARS = new Set(['str', 'int', 'bool', 'float']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The declared type, or why the text is not one. */
export function parseDeclaredType(text: string): DeclaredType | { error: string } {
  const tokens = text.match(/[A-Za-z_][A-Za-z0-9_]*|[[\]{}:,]|\S/g) ?? [];
  let i = 0;
  const fail = (why: string): never => {
    throw new SyntaxError(why);
  };
  const next = (): string => tokens[i++] ?? fail('the text ends before the type does');
  const expect = (tok: string) => {
    const got = next();
    if (got !== tok) fail(`expected '${tok}', found '${got}'`);
  };
  const type = (): DeclaredType => {
    const word = next();
    if (word === '{') {
      const fields: Record<string, DeclaredType> = {};
      for (;;) {
        const key = next();
        if (!NAME.test(key)) fail(`'${key}' is not a field name`);
        if (Object.hasOwn(fields, key)) fail(`field '${key}' is declared twice`);
        expect(':');
        fields[key] = type();
        if (tokens[i] !== ',') break;
        i++;
      }
      expect('}');
      return { t: 'dict', fields };
    }
    if (SCALARS.has(word)) return { t: word as 'str' | 'int' | 'bool' | 'float' };
    if (word !== 'list' && word !== 'dict') return fail(`'${word}' is not a type (str, int, bool, float, list, dict, {field: type})`);
    if (tokens[i] !== '[') return { t: word };
    i++;
    const inner = type();
    expect(']');
    return word === 'list' ? { t: 'list', item: inner } : { t: 'dict', values: inner };
  };
  try {
    const t = type();
    if (i < tokens.length) fail(`unexpected '${tokens[i]}' after the type`);
    return t;
  } catch (e) {
    if (e instanceof SyntaxError) return { error: e.message };
    throw e;
  }
}

/** The declaration as written in the canonical grammar (CONVERSION.md). */
export function formatDeclaredType(t: DeclaredType): string {
  if (t.t === 'list') return t.item ? `list[${formatDeclaredType(t.item)}]` : 'list';
  if (t.t === 'dict') {
    if (t.fields)
      return `{${Object.entries(t.fields)
        .map(([k, v]) => `${k}: ${formatDeclaredType(v)}`)
        .join(', ')}}`;
    return t.values ? `dict[${formatDeclaredType(t.values)}]` : 'dict';
  }
  return t.t;
}
