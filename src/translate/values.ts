// YAML values -> Ruby expressions. Plain data becomes literals; strings with Jinja go through the
// one Jinja translator (src/translate/jinja-bridge.ts), never through string pasting.
import type { Span } from '../base/diagnostics.js';
import type { YNode } from '../load/ansible/yaml.js';
import { VaultValue } from '../load/ansible/yaml.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { str } from '../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../base/failure.js';
import { jinjaCondition, jinjaValue, hasJinja, placeDependent, type VarScope } from './jinja-bridge.js';
import { fixKey } from '../audit/fixes.js';
import { booleanWord } from './modules/coerce.js';
import { rolePathRest } from '../load/ansible/role-path.js';

export function translateValue(node: YNode, scope: VarScope): Result<RExpr> {
  switch (node.kind) {
    case 'scalar': {
      const v = node.value;
      if (v instanceof VaultValue) {
        // Never decrypted, never written in plain text: read from a chef-vault item at run time.
        if (!scope.vaultItem)
          return new Untranslatable('A2C-TODO-VAULT', 'a vault-encrypted value here needs a chef-vault item set by hand', node.span);
        return scope.vaultItem(node);
      }
      if (typeof v === 'string') {
        const r =
          !node.unsafe && hasJinja(v) ? jinjaValue(v, scope, node.span, node.style === 'single' || node.style === 'double') : str(v);
        // The audit's fix of a module argument as a whole (analyze/fixes.ts).
        return scope.fixes?.touches(node.span.file) && !failed(r) ? scope.fixes.expr(fixKey.scalar(node.span), r) : r;
      }
      if (v === null) return { k: 'nil' };
      if (typeof v === 'boolean') return { k: 'bool', v };
      if (node.type === 'float' || !Number.isInteger(v)) return { k: 'float', v };
      return { k: 'int', v };
    }
    // Made at their final length: the IR of a variable file's values is kept until printing, and an
    // array grown by push keeps room for up to 16 more elements.
    case 'seq': {
      const items: RExpr[] = new Array(node.items.length);
      for (let i = 0; i < node.items.length; i++) {
        const r = translateValue(node.items[i]!, scope);
        if (failed(r)) return r;
        items[i] = r;
      }
      return { k: 'array', items };
    }
    case 'map': {
      const pairs: Array<[RExpr, RExpr]> = new Array(node.entries.length);
      for (let i = 0; i < node.entries.length; i++) {
        const e = node.entries[i]!;
        const k = translateValue(e.key, scope);
        if (failed(k)) return k;
        const v = translateValue(e.value, scope);
        if (failed(v)) return v;
        pairs[i] = [k, v];
      }
      return { k: 'hash', pairs };
    }
  }
}

/**
 * Whether each Jinja text has a translation, for one scope and what it is told (raw text, parts
 * passed on), so that a text many definitions share (one default every role copies) is translated
 * once: whether a string translates does not depend on where it is, except where placeDependent says.
 */
export type TranslatesMemo = Map<string, boolean>;

/**
 * Whether translateValue(node, scope) succeeds, asking the same questions in the same order but
 * building no Ruby for plain data (most of a variables file): whether every variable has a
 * translation is asked of every definition before the translation proper (classifyDeferred).
 * With `memo` (kept by the caller for one scope), each text is translated once.
 */
export function translatesValue(node: YNode, scope: VarScope, memo?: TranslatesMemo): boolean {
  switch (node.kind) {
    case 'scalar': {
      const v = node.value;
      if (v instanceof VaultValue) return scope.vaultItem !== undefined && !failed(scope.vaultItem(node));
      // The audit's fixes (translateValue) only rewrite a translated value: they decide no failure.
      if (typeof v !== 'string' || node.unsafe || !hasJinja(v)) return true;
      const translates = () => !failed(jinjaValue(v, scope, node.span, node.style === 'single' || node.style === 'double'));
      if (memo === undefined || placeDependent(scope, node.span)) return translates();
      const key = `${scope.rawText ? 'r' : ''}${scope.passesParts ? 'p' : ''}\0${v}`;
      let known = memo.get(key);
      if (known === undefined) memo.set(key, (known = translates()));
      return known;
    }
    case 'seq':
      for (const i of node.items) if (!translatesValue(i, scope, memo)) return false;
      return true;
    case 'map':
      for (const e of node.entries) if (!translatesValue(e.key, scope, memo) || !translatesValue(e.value, scope, memo)) return false;
      return true;
  }
}

/** A `when`-like value: a bare expression, a boolean, or a list of them (all must hold). */
export function translateConditions(node: YNode, scope: VarScope): Result<RExpr[]> {
  const items = node.kind === 'seq' ? node.items : [node];
  const out: RExpr[] = [];
  for (const item of items) {
    if (item.kind !== 'scalar') return new Untranslatable('A2C-SHAPE', 'a condition must be an expression string', item.span, 'warning');
    const v = item.value;
    if (typeof v === 'boolean') {
      out.push({ k: 'bool', v });
      continue;
    }
    if (typeof v !== 'string') return new Untranslatable('A2C-SHAPE', 'a condition must be an expression string', item.span, 'warning');
    const r = jinjaCondition(v, scope, item.span);
    if (failed(r)) return r;
    out.push(r);
  }
  return out;
}

/** The static string of a node, if it has no Jinja. */
export function staticString(node: YNode | undefined): string | undefined {
  if (node?.kind !== 'scalar') return undefined;
  const v = node.value;
  if (typeof v === 'string') return hasJinja(v) && !node.unsafe ? undefined : v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return undefined;
}

/**
 * The file name an include task names statically: a literal, or `{{ role_path }}/<path>` kept as written
 * (a file of the role itself; load/ansible/include-path.ts resolves it to exactly that file).
 */
export function staticIncludeName(node: YNode | undefined): string | undefined {
  const s = staticString(node);
  if (s !== undefined) return s;
  if (node?.kind !== 'scalar' || typeof node.value !== 'string' || node.unsafe) return undefined;
  return rolePathRest(node.value) !== undefined ? node.value : undefined;
}

/** The static boolean of a node as Ansible's module argument parser reads it (yes/no/true/1...). */
export function staticBool(node: YNode | undefined): boolean | undefined {
  if (node?.kind !== 'scalar') return undefined;
  const v = node.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v === 'string') {
    return booleanWord(v);
  }
  return undefined;
}

export function spanOf(node: YNode | undefined, fallback: Span): Span {
  return node?.span ?? fallback;
}
