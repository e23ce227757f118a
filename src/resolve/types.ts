// The static types the resolve stage knows of a variable, from every source that can set it.
//
// A type is what Ansible gives when the variable is read (`{{ x }}`, `when: x`), after templating.
// It lets the translator emit plain Chef (`node['cb']['key']`, `.each`, `<%= v %>`) where Ruby
// already behaves as Python would, and keep the A2C::Jinja helpers where it does not. Unknown
// is always 'any': a guess here would be a silent difference at run time.
import type { YNode } from '../load/ansible/yaml.js';
import type { SType } from '../base/value-kinds.js';
import type { DeclaredType } from '../config/var-types.js';

export type { SType };

export interface VarType {
  t: SType;
  /**
   * A str that Ansible's convert_data leaves as text wherever it is rendered alone (`'{{ x }}'`):
   * it does not start with `[` or `{` and is not 'True' or 'False'.
   */
  plain?: true;
  /**
   * The variable's value is a template (in at least one definition, at its top level): Ansible
   * renders it to text, so `'{{ name }}'` gives that text re-read, never the int, float or None
   * the template computes (Templar.template returns a variable whole only where its value is
   * written as a number, a boolean or None).
   */
  rendered?: true;
  /** For a list: the type of every item. */
  item?: VarType;
  /**
   * For a list: it has no items (a literal `[]`), so any item type holds of it: joined with another
   * list, the other's item type is the join's. For a dict: it has no keys (a literal `{}`), so any
   * key is one it may lack: joined with another dict, that one's `optional` keys and values' type
   * hold of the join (issue 14, the empty-dict rule), its `fields` do not.
   */
  empty?: true;
  /** For a dict: keys every value of the variable has (string keys), with their types. */
  fields?: Readonly<Record<string, VarType>>;
  /**
   * For a dict: keys a value may lack, with the type each has where it is present (the item-field
   * contracts inferred from use for a list only set outside the input, resolve/item-contracts.ts,
   * checked when the cookbook runs). A read of such a key is `x.fetch('k')` (a missing key fails
   * where it is used, as Jinja's undefined does), its default `x.fetch('k', d)`, its test `x.key?('k')`.
   */
  optional?: Readonly<Record<string, VarType>>;
  /**
   * For a dict: the type of every value under any key (every value of a YAML mapping, or of a
   * mapping whose keys are not known statically, such as an inventory's `groups`): what a loop
   * over its values gives, or a read through a helper that fails on a missing key rather than
   * giving an undefined value back.
   */
  values?: VarType;
  /**
   * For a dict: it holds no key beyond `fields` and `optional` (an item of a literal list of dicts,
   * jinja-to-ruby/literal-type.ts), so a read of another key is undefined. Never kept by a join.
   */
  closed?: true;
  /** For a dict: every key is a str (a YAML mapping whose keys are all plain strings). */
  strKeys?: true;
  /**
   * For a dict the support library computes as a part of Ansible's (a registered result): why it
   * holds no key beyond `fields` and `optional`. A read of another key is refused where it is
   * translated: Ansible's value may have that key, and `is defined` or `default` would answer
   * wrongly without a word.
   */
  partOf?: string;
}

export const ANY: VarType = { t: 'any' };

// The leaf types valueType gives every scalar of a variable file, shared (types are never changed in
// place): one object per scalar was some 35 bytes for each value of a multi-megabyte defaults file.
const INT: VarType = { t: 'int' };
export const BOOL: VarType = { t: 'bool' };
const FLOAT: VarType = { t: 'float' };
const NONE: VarType = { t: 'none' };
const STR: VarType = { t: 'str' };
export const PLAIN_STR: VarType = { t: 'str', plain: true };
/** A Python int or a str Ansible keeps as text (SType 'strint'). */
export const STRINT: VarType = { t: 'strint' };

/** An int, a plain str or text-or-integer: what a 'strint' joins with and stays one. */
export function isStrInt(t: { t: SType; plain?: true }): boolean {
  return t.t === 'strint' || t.t === 'int' || (t.t === 'str' && t.plain === true);
}

/**
 * One object per distinct type, for the types a symbol table keeps to the end of a run: a large
 * defaults file's tens of thousands of small dicts have a few shapes between them, and a type
 * (with its fields record) per variable and per definition was a twentieth of the live heap
 * (issue 17). Types are never changed in place, so equal ones can be one object.
 */
export class TypeInterner {
  private readonly byKey = new Map<string, VarType>();
  /** Canonical types, with the number their parents' keys name them by. */
  private readonly ids = new Map<VarType, number>();

  constructor() {
    // The shared leaf types stay the canonical ones of their shapes.
    for (const t of [ANY, INT, BOOL, FLOAT, NONE, STR, PLAIN_STR]) this.intern(t);
  }

  /** The canonical type equal to `t` (same properties, in the same order, children canonical). */
  intern(t: VarType): VarType {
    if (this.ids.has(t)) return t;
    const parts: unknown[] = [];
    const children: Partial<Record<keyof VarType, unknown>> = {};
    // for-in, not Object.entries: the same order (a type is a plain object) without a [key, value]
    // pair per property of every type interned, most of what interning a large defaults file allocated.
    for (const key in t) {
      const k = key as keyof VarType;
      const v = t[k];
      parts.push(k);
      if (k === 'fields' || k === 'optional') {
        const record: Record<string, VarType> = {};
        const names: unknown[] = [];
        const fields = v as Record<string, VarType>;
        for (const name in fields) {
          const c = this.intern(fields[name]!);
          record[name] = c;
          names.push(name, this.ids.get(c));
        }
        children[k] = record;
        parts.push(names);
      } else if (k === 'item' || k === 'values') {
        const c = this.intern(v as VarType);
        children[k] = c;
        parts.push(this.ids.get(c));
      } else parts.push(v);
    }
    const key = JSON.stringify(parts);
    const known = this.byKey.get(key);
    if (known) return known;
    const canonical = Object.keys(children).length > 0 ? ({ ...t, ...children } as VarType) : t;
    this.byKey.set(key, canonical);
    this.ids.set(canonical, this.ids.size);
    return canonical;
  }
}

/** convert_data keeps this text as it is. */
export function isPlainText(s: string): boolean {
  return !/^[[{]/.test(s) && s !== 'True' && s !== 'False';
}

/**
 * Text that, followed by anything, still gives a text convert_data keeps: it is not empty, opens no
 * list or dict, and is not the start of 'True' or 'False'.
 */
export function isPlainLead(lead: string): boolean {
  return lead !== '' && !/^[[{]/.test(lead) && !'True'.startsWith(lead) && !'False'.startsWith(lead);
}

/** The least type covering both: equal kinds keep what both know, anything else is 'any'. */
export function joinTypes(a: VarType | undefined, b: VarType): VarType {
  if (a === undefined) return b;
  // A text-or-integer contract joined with an int or a plain str (`x | default('3306')`) is one still.
  if (a.t === 'strint' || b.t === 'strint') return isStrInt(a) && isStrInt(b) ? STRINT : ANY;
  if (a.t !== b.t) return ANY;
  // An empty list's items are all of any type: the other list's items decide.
  if (a.t === 'list' && (a.empty || b.empty)) {
    const { empty: _a, ...other } = a.empty ? b : a;
    return a.empty && b.empty ? { t: 'list', empty: true } : { ...other, ...(a.rendered || b.rendered ? { rendered: true } : {}) };
  }
  if (a.t === 'dict' && (a.empty || b.empty))
    return a.empty && b.empty ? { t: 'dict', strKeys: true, empty: true } : joinEmptyDict(a.empty ? b : a);
  const plain = a.plain && b.plain;
  const item = a.item && b.item ? joinTypes(a.item, b.item) : undefined;
  // A key is known only where every value has it; its type is the join of theirs.
  const fields = commonKeys(a.fields, b.fields);
  // Either value a part of Ansible's (a registered result the support library computes): so is the
  // join, whose reads beyond its keys, or whole, must still be refused.
  const partOf = a.partOf ?? b.partOf;
  // A key either may lack, of a type where present: it must be so in both. Registered results are
  // closed records (a ran one has no `skipped`, a skipped one no `rc`): a key of either that is not
  // one both always have is one the join may have, typed as where it is present.
  const optional = partOf === undefined ? commonKeys(a.optional, b.optional) : eitherKeys(a, b, fields);
  const rendered = a.rendered || b.rendered;
  const values = a.values && b.values ? joinTypes(a.values, b.values) : undefined;
  const strKeys = a.strKeys && b.strKeys;
  return {
    t: a.t,
    ...(plain ? { plain } : {}),
    ...(rendered ? { rendered } : {}),
    ...(item && item.t !== 'any' ? { item } : {}),
    ...(fields && Object.keys(fields).length > 0 ? { fields } : {}),
    ...(optional && Object.keys(optional).length > 0 ? { optional } : {}),
    ...(values && values.t !== 'any' ? { values } : {}),
    ...(strKeys ? { strKeys } : {}),
    ...(partOf !== undefined ? { partOf } : {}),
  };
}

/**
 * `{}` joined with dict `d`: a key d may lack (a contract inferred from use) stays one the join may
 * lack; a key every value of d has is no longer known (the helpers keep reading it, as before the
 * rule); d's values' type and text keys hold of `{}` too.
 */
function joinEmptyDict(d: VarType): VarType {
  const { empty: _e, fields: _f, ...rest } = d;
  return rest;
}

/** Every key of a or b (fields or optional) but those of `always`, typed as the join where both have it. */
function eitherKeys(a: VarType, b: VarType, always: Record<string, VarType> | undefined): Record<string, VarType> {
  const ka = { ...a.fields, ...a.optional };
  const kb = { ...b.fields, ...b.optional };
  const out: Record<string, VarType> = {};
  for (const k of new Set([...Object.keys(ka), ...Object.keys(kb)])) {
    if (always && Object.hasOwn(always, k)) continue;
    const [x, y] = [Object.hasOwn(ka, k) ? ka[k] : undefined, Object.hasOwn(kb, k) ? kb[k] : undefined];
    out[k] = x && y ? joinTypes(x, y) : (x ?? y)!;
  }
  return out;
}

/** The keys both records have, each typed as the join of its two types (none where either record is absent). */
function commonKeys(a: Record<string, VarType> | undefined, b: Record<string, VarType> | undefined): Record<string, VarType> | undefined {
  if (!a || !b) return undefined;
  return Object.fromEntries(
    Object.keys(a)
      .filter((k) => Object.hasOwn(b, k))
      .map((k) => [k, joinTypes(a[k], b[k]!)]),
  );
}

/**
 * The type of a variable file value. A string holding Jinja is templated when read: its type is
 * that of the template (`lone` gives the type of a lone `{{ name }}`), else unknown.
 */
export function valueType(v: YNode, lone: (text: string) => VarType = () => ANY): VarType {
  if (v.kind === 'seq') {
    if (v.items.length === 0) return { t: 'list', empty: true };
    const items = v.items.map((i) => valueType(i, lone));
    const item = items.reduce<VarType | undefined>((acc, t) => joinTypes(acc, t), undefined);
    return { t: 'list', ...(item && item.t !== 'any' ? { item } : {}) };
  }
  if (v.kind === 'map') {
    // Plain string keys only: a merge key, a non-string or duplicate-looking key leaves the shape unknown.
    const fields: Record<string, VarType> = {};
    let values: VarType | undefined;
    for (const e of v.entries) {
      if (e.key.kind !== 'scalar' || e.key.type !== 'str' || typeof e.key.value !== 'string') return { t: 'dict' };
      const t = valueType(e.value, lone);
      fields[e.key.value] = t;
      values = joinTypes(values, t);
    }
    return {
      t: 'dict',
      strKeys: true,
      ...(v.entries.length === 0 ? { empty: true as const } : {}),
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
      ...(values && values.t !== 'any' ? { values } : {}),
    };
  }
  switch (v.type) {
    case 'int':
      return INT;
    case 'bool':
      return BOOL;
    case 'float':
      return FLOAT;
    case 'null':
      return NONE;
    case 'str': {
      const s = typeof v.value === 'string' ? v.value : undefined;
      if (s === undefined) return ANY;
      if (!v.unsafe && /\{\{|\{%|\{#/.test(s)) return lone(s);
      return isPlainText(s) ? PLAIN_STR : STR;
    }
    // Timestamps (templated as str(date)), vault values, merge keys: the helpers stay.
    default:
      return ANY;
  }
}

/**
 * The type the config declares for a variable set outside the input (config/var-types.ts): `str`
 * is text Ansible keeps as text; a dict's keys are strings.
 */
export function declaredVarType(d: DeclaredType): VarType {
  switch (d.t) {
    case 'str':
      return { t: 'str', plain: true };
    case 'list':
      return d.item ? { t: 'list', item: declaredVarType(d.item) } : { t: 'list' };
    case 'dict': {
      const fields = d.fields ? Object.fromEntries(Object.entries(d.fields).map(([k, v]) => [k, declaredVarType(v)])) : undefined;
      const values = d.values && declaredVarType(d.values);
      return { t: 'dict', strKeys: true, ...(fields ? { fields } : {}), ...(values ? { values } : {}) };
    }
    default:
      return { t: d.t };
  }
}

/** A templated string made only of literal text and `{{ name }}` outputs. */
export type Interpolation = ReadonlyArray<string | { name: string }>;

/**
 * The type of an interpolation whose names have the given types. The rendered text is a str;
 * convert_data leaves it as text when it cannot start with `[` or `{` (scanning past values that
 * may render empty) and cannot be 'True' or 'False' (a literal part has another character).
 */
export function interpolationType(parts: Interpolation, typeOf: (name: string) => VarType): VarType {
  if (parts.length === 1 && typeof parts[0] !== 'string') return ANY;
  let start: 'safe' | 'unknown' = 'unknown';
  for (const p of parts) {
    if (start === 'safe') break;
    if (typeof p === 'string') {
      if (p === '') continue;
      if (/^[[{]/.test(p)) return { t: 'str' };
      start = 'safe';
      continue;
    }
    const t = typeOf(p.name);
    if (t.t === 'int') start = 'safe';
    // A plain str may be empty (so may a text-or-integer's str): the next part may still come first.
    else if (!(t.t === 'str' && t.plain) && t.t !== 'strint') return t.t === 'str' || t.t === 'bool' ? { t: 'str' } : ANY;
  }
  const neverBoolWord = parts.some((p) => typeof p === 'string' && /[^TrueFals]/.test(p));
  return start === 'safe' && neverBoolWord ? { t: 'str', plain: true } : { t: 'str' };
}

/** A type in the grammar of `[extra-var-types]` (a str Ansible may read back as a list, dict or boolean is `text`). */
export function formatVarType(t: VarType): string {
  if (t.t === 'str') return t.plain ? 'str' : 'text';
  if (t.t === 'strint') return 'str|int';
  if (t.t === 'list') return t.item ? `list[${formatVarType(t.item)}]` : 'list';
  if (t.t === 'dict') {
    // `k?: T`: a key a value may lack (VarType.optional).
    if (t.fields || t.optional)
      return `{${[
        ...Object.entries(t.fields ?? {}).map(([k, v]) => `${k}: ${formatVarType(v)}`),
        ...Object.entries(t.optional ?? {}).map(([k, v]) => `${k}?: ${formatVarType(v)}`),
      ].join(', ')}}`;
    return t.values ? `dict[${formatVarType(t.values)}]` : 'dict';
  }
  return t.t;
}
