// The item types of a list carried through Jinja's list filters (issue 14): `a | selectattr('x') |
// list` keeps a's items, so a loop over it reads `item['name']` as plain Ruby where a's items have
// that field. Ansible 2.14 unrolls a filter's generator into a list (JinjaPluginIntercept's
// _unroll_iterator), so every filter here gives a list. Each rule holds only for an operand
// statically a list: a string or a dict iterates into characters or keys, which are not a's items.
import type { RExpr } from '../ir/ruby-ast.js';
import { joinTypes, type VarType } from '../resolve/types.js';
import type { Typed } from './rb.js';

/** The operand's list type (items, emptiness), or undefined where it is not surely a list. */
function listType(v: Typed): VarType | undefined {
  if (v.t !== 'list' || v.vt?.t !== 'list') return undefined;
  return { t: 'list', ...(v.vt.item ? { item: v.vt.item } : {}), ...(v.vt.empty ? { empty: true } : {}) };
}

/**
 * select/reject/selectattr/rejectattr/list/unique/sort: a list made of some of the operand's items
 * (in some order), so with their type. Empty stays empty, but a subset of a non-empty list may be
 * empty: nothing else is claimed.
 */
export function sameItems(v: Typed): VarType | undefined {
  const t = listType(v);
  return t && (t.item || t.empty) ? t : undefined;
}

/**
 * Ansible's flatten of a list of lists whose items are neither lists nor unknown: one level
 * flattens it whole, whatever `levels` asks; skip_nulls only drops items (None, 'None', 'null').
 */
export function flattenedItems(v: Typed): VarType | undefined {
  const inner = listType(v)?.item;
  if (inner?.t !== 'list') return undefined;
  const item = inner.item;
  if (inner.empty && !item) return { t: 'list', empty: true };
  return item && item.t !== 'list' && item.t !== 'any' ? { t: 'list', item } : undefined;
}

/**
 * map(attribute='k') on a list of dicts every one of which has key k (VarType.fields), a name
 * without dots: Jinja's getter subscripts a dict first, so every result is that field's value.
 * `default=` is used only where the key is missing, which the fields rule out.
 */
export function mappedAttr(v: Typed, path: string): VarType | undefined {
  const t = listType(v);
  if (!t || path.includes('.') || /^\d+$/.test(path)) return undefined;
  if (t.empty && !t.item) return { t: 'list', empty: true };
  const field = t.item?.t === 'dict' ? t.item.fields?.[path] : undefined;
  return field && field.t !== 'any' ? { t: 'list', item: field } : undefined;
}

/** `a + b` of two lists: Python's concatenation, whose items are the join of both lists' items. */
export function concatenated(a: Typed, b: Typed): VarType | undefined {
  const [x, y] = [listType(a), listType(b)];
  if (!x || !y) return undefined;
  if (x.empty && y.empty) return { t: 'list', empty: true };
  // An empty list adds no items: the other's type holds (joinTypes drops `empty` for that).
  const j = joinTypes(x, y);
  return j.item ? { t: 'list', item: j.item } : undefined;
}

/** The call with its list type noted, for loops over it (translate/task/loops.ts reads `vt`). */
export function listResult(e: RExpr, vt: VarType | undefined): Typed {
  if (!vt) return { e, t: 'list' };
  return { e: e.k === 'call' || e.k === 'index' || e.k === 'binop' ? { ...e, vt } : e, t: 'list', vt };
}
