// The resources a task's module became, made ready for Chef: `omit` and registered reads settled
// in their properties, a name of their own per loop item, and the loop around them.
import { printable } from '../../jinja-to-ruby/rb.js';
import type { ResourceStmt, Stmt } from '../../ir/chef-ir.js';
import { someExpr, type RExpr } from '../../ir/ruby-ast.js';
import { isOmit, omitAsNil, type OmitTest } from '../omit-value.js';
import type { Loop } from './loops.js';
import { readsRegistered } from './register.js';

/** Resources whose name is only a label (their behaviour comes from other properties). */
export const LABEL_NAMED: ReadonlySet<string> = new Set(['execute', 'ruby_block', 'log', 'http_request', 'apt_update']);

export function collectResources(stmts: Stmt[]): ResourceStmt[] {
  return stmts.flatMap((s) =>
    s.kind === 'resource'
      ? [s]
      : s.kind === 'each' || s.kind === 'if'
        ? collectResources([...s.body, ...(s.kind === 'if' ? (s.otherwise ?? []) : [])])
        : [],
  );
}

/**
 * `omit` drops the argument: statically when the value is omit, at run time (nil) when it may be,
 * holding `omit` or reading a variable that may hold it (`omits`, translate/omit-value.ts).
 * Values read from registered results exist only at converge time: they are read lazily.
 */
export function settleProperties(r: ResourceStmt, omits: OmitTest = isOmit): void {
  r.properties = r.properties.filter((p) => !isOmit(p.value));
  for (const p of r.properties) {
    if (!p.block) p.value = omitAsNil(p.value, omits);
    if (!p.block && readsRegistered(p.value)) p.value = { k: 'lazy', e: p.value };
  }
}

/**
 * In a loop every resource gets a name of its own: a name that does not mention the loop
 * variable is suffixed with the item (the name property keeps the original value).
 */
export function nameByItem(loop: Loop, resources: ResourceStmt[]): void {
  const mentions = (e: RExpr) => someExpr(e, (x) => x.k === 'var' && x.name === loop.local);
  for (const r of resources) {
    // Only where the name is a label, or its property is kept explicitly, is renaming harmless.
    if (mentions(r.name) || !(r.identity || LABEL_NAMED.has(r.type))) continue;
    if (r.identity && !r.properties.some((p) => p.name === r.identity!.name)) r.properties.unshift(r.identity);
    const item = labelField(loop) ?? printable({ e: { k: 'var', name: loop.local }, t: loop.itemType?.t ?? 'any' });
    const head = r.name.k === 'interp' ? r.name.parts : [r.name];
    r.name = { k: 'interp', parts: [...head, ' ', item] };
  }
}

/**
 * Fields that say which item a resource is for, in the order a reader looks for them: a dict item is named
 * by the first that every item has as text (`item['regexp']`), not by its whole Python repr.
 */
const LABEL_FIELDS = ['name', 'path', 'dest', 'regexp', 'line', 'key', 'option', 'section', 'src'];

function labelField(loop: Loop): RExpr | undefined {
  const fields = loop.itemType?.t === 'dict' ? loop.itemType.fields : undefined;
  const key = fields && LABEL_FIELDS.find((f) => fields[f]?.t === 'str' && distinctIn(loop.items, f));
  return key === undefined ? undefined : { k: 'index', recv: { k: 'var', name: loop.local }, key: { k: 'str', v: key } };
}

/**
 * Whether the items of a list written in the task give each a name of its own by this field: two equal values
 * would give two resources one name. A list read from a variable is as the operator sets it (two items of one
 * name then make two resources of one name: Chef 18 runs both, and a notification naming them reaches the last).
 */
function distinctIn(items: RExpr, field: string): boolean {
  if (items.k !== 'array') return true;
  const seen = new Set<string>();
  for (const item of items.items) {
    const value = item.k === 'hash' ? item.pairs.find(([k]) => k.k === 'str' && k.v === field)?.[1] : undefined;
    if (value?.k !== 'str' || seen.has(value.v)) return false;
    seen.add(value.v);
  }
  return true;
}

/** The loop around a task's body; `skipUnless` skips an item before the body is evaluated. */
export function wrapLoop(loop: Loop, body: Stmt[], skipUnless?: RExpr): Stmt {
  return {
    kind: 'each',
    items: loop.items,
    params: loop.indexLocal ? [loop.local, loop.indexLocal] : [loop.local],
    withIndex: !!loop.indexLocal,
    ...(loop.itemType ? { itemType: loop.itemType } : {}),
    ...(skipUnless ? { skipUnless } : {}),
    body,
  };
}
