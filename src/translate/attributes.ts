// Variables files -> attribute assignments at the path the symbol table gives each variable.
import { fixKey, type FixPlan } from '../audit/fixes.js';
import type { Attribute } from '../ir/chef-ir.js';
import { diagnostic, type DiagnosticSink } from '../base/diagnostics.js';
import type { VarFile } from '../load/ansible/model.js';
import { call, isConstCall, nil, someExpr, str, type RExpr } from '../ir/ruby-ast.js';
import type { Span } from '../base/diagnostics.js';
import type { YNode } from '../load/ansible/yaml.js';
import { sourceLines } from '../load/ansible/source-text.js';
import type { VarScope } from './jinja-bridge.js';
import { failed, Untranslatable } from '../base/failure.js';
import { translateValue } from './values.js';
import { rawRendersText } from './raw-text.js';
import { readSummary } from './references.js';
import { controllerInputFor, controllerInputValue } from './controller-input.js';
import { attributeText } from '../base/attribute-text.js';

/** A `!vault` value and the chef-vault item its attribute reads. */
export interface VaultRef {
  variable: string;
  bag: string;
  item: string;
  span: Span;
}

/** A variable's value written by an attribute file, not the Policyfile or node file its kind goes to, and at which level. */
export interface ComputedValue {
  span: Span;
  precedence: Attribute['precedence'];
}

export const VAULT_BAG = 'ansible2chef_vault';

/**
 * The chef-vault item of one `!vault` value: the variable's name, with the scope it belongs to
 * (`db_password--group-web`, `db_password--host-h3`) where one is given. Each vaulted value gets an
 * item of its own: a name another value already holds gets the source file added, so two values
 * never silently share one item. The same value met again (one file read for several plays) keeps
 * its item.
 */
export function claimVaultItem(vaults: VaultRef[], variable: string, base: string, span: Span, scopeTag?: string): string {
  const same = vaults.find((v) => v.span.file === span.file && v.span.line === span.line && v.span.col === span.col);
  if (same) return same.item;
  const taken = (item: string) => vaults.some((v) => v.item === item);
  let item = itemId(scopeTag ? `${base}--${scopeTag}` : base);
  if (taken(item)) item = itemId(`${item}--${span.file}`);
  for (let i = 2; taken(item); i++) item = itemId(`${item}-${i}`);
  vaults.push({ variable, bag: VAULT_BAG, item, span });
  return item;
}

/** Data bag item ids allow letters, digits, `_` and `-` only. */
export function itemId(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '-');
}

export interface AttributeOptions {
  /** Scope of the values (`group-web`, `host-h3`): part of their chef-vault item names. */
  vaultScope?: string;
  /** Prints each attribute as it is made, to hold its text and summary rather than its IR (Attribute.settled). */
  printAssignment?: (a: Attribute) => Attribute['settled'];
}

export function attributesFrom(
  files: VarFile[],
  precedence: Attribute['precedence'],
  scope: VarScope,
  sink: DiagnosticSink,
  text: (file: string) => string,
  vaults: VaultRef[],
  opts: AttributeOptions = {},
): Attribute[] {
  const out: Attribute[] = [];
  // One scope and one vault-item callback for the whole run of entries, told which entry they serve,
  // rather than a copy of the scope and closures per entry: a large defaults file has tens of
  // thousands of entries, and V8 moved those per-entry objects straight to its old generation,
  // where they piled up as garbage to the next full collection (issue 17).
  let entryName = '';
  let n = 0;
  const vaultItem = (node: YNode): RExpr => {
    const base = n++ === 0 ? entryName : `${entryName}_${n}`;
    const item = claimVaultItem(vaults, entryName, base, node.span, opts.vaultScope);
    return call({ k: 'const', path: ['A2C', 'Vault'] }, 'value', [str(VAULT_BAG), str(item)]);
  };
  const valueScope: VarScope = { ...scope, vaultItem };
  const rawScope: VarScope = { ...valueScope, rawText: true };
  for (const f of files) {
    f.entries.forEach((e, i) => {
      const sym = scope.symbols.get(e.name);
      if (!sym) return;
      const original = () => originalLines(f, i, text);
      // A value computed at each use is no attribute (deferred.ts).
      const placed = scope.deferred?.placement(e.name, e.span) ?? { kind: 'write' };
      if (placed.kind === 'omit') return;
      if (placed.kind === 'todo') {
        const reason = `variable ${e.name}: ${placed.why}`;
        sink.warning('A2C-TODO-DEFERRED', reason, e.span);
        out.push({
          precedence,
          path: sym.path,
          value: nil,
          origin: e.span,
          todo: { code: 'A2C-TODO-DEFERRED', reason, original: original() },
        });
        return;
      }
      // A value only the Ansible controller has (an `env` lookup): the operator's attribute (controller-input.ts).
      const input = controllerInputFor(e.name, e.value, scope.symbols, scope.tables);
      if (input) {
        const reason = `variable ${e.name}: its value {{ ${input.expression} }} reads the ${input.what} ${input.term} of the Ansible controller, which no Chef node is: set ${attributeText(sym.path)} in a Policyfile or node file (CONVERSION.md, "Values the operator sets"); until then every use of it fails`;
        sink.warning('A2C-TODO-CONTROLLER', reason, e.span);
        if (scope.controllerInputs && !scope.controllerInputs.some((c) => c.span.file === e.span.file && c.span.line === e.span.line))
          scope.controllerInputs.push({ ...input, variable: e.name, path: sym.path, span: e.span });
        out.push({
          precedence,
          path: sym.path,
          value: controllerInputValue(input, sym.path),
          origin: e.span,
          pending: { code: 'A2C-TODO-CONTROLLER', reason },
        });
        return;
      }
      entryName = e.name;
      n = 0;
      // A `{% raw %}` block renders its text, unless a set_fact stores this value (raw-text.ts).
      let v = translateValue(e.value, rawRendersText(e.name, scope.symbols) ? rawScope : valueScope);
      const converging = failed(v) ? undefined : convergeTimeFactRead(v);
      // ansible_facts.local (ansible_local itself makes the value computed at use, deferred.ts):
      // a setup task gathers it again while the run converges, after attribute files load.
      if (converging === 'local')
        v = new Untranslatable(
          'A2C-TODO-DEFERRED',
          'reads local facts through ansible_facts, which setup tasks gather again while the run converges: an attribute is computed before (spell it ansible_local)',
          e.span,
        );
      // ansible_facts.packages: set by package_facts tasks while the run converges.
      else if (converging === 'packages')
        v = new Untranslatable(
          'A2C-TODO-DEFERRED',
          'reads ansible_facts.packages, which package_facts tasks set while the run converges: an attribute is computed before',
          e.span,
        );
      if (failed(v)) {
        sink.add(diagnostic(v.code, `variable ${e.name}: ${v.reason}`, v.span ?? e.span, v.severity));
        out.push({
          precedence,
          path: sym.path,
          value: nil,
          origin: e.span,
          todo: { code: v.code, reason: v.reason, original: original() },
        });
        return;
      }
      // The audit's fix of the variable's value (analyze/fixes.ts), keyed by the definition.
      const attr: Attribute = {
        precedence,
        path: sym.path,
        value: scope.fixes?.touches(e.span.file) ? scope.fixes.expr(fixKey.definition(e.span), v) : v,
        origin: e.span,
      };
      out.push(opts.printAssignment ? settled(attr, opts.printAssignment, scope.fixes) : attr);
    });
  }
  return out;
}

/**
 * Which fact a task sets again while the run converges (jinja-to-ruby/facts.ts CONVERGE_TIME_FACTS)
 * a translated value reads through A2C::Facts: local first, as its refusal is said first. One walk
 * for both: a walk each was a pass over every attribute value of the project (issue 17).
 */
function convergeTimeFactRead(v: RExpr): 'local' | 'packages' | undefined {
  let packages = false;
  const local = someExpr(v, (x) => {
    if (isConstCall(x, 'A2C::Facts', 'local')) return true;
    if (!packages && isConstCall(x, 'A2C::Facts', 'packages')) packages = true;
    return false;
  });
  return local ? 'local' : packages ? 'packages' : undefined;
}

/** An entry's lines as written (a TODO's original), up to the next entry. */
function originalLines(f: VarFile, i: number, text: (file: string) => string): string {
  const e = f.entries[i]!;
  const next = f.entries[i + 1];
  return sourceLines(text(f.file), { ...e.span, col: e.span.col + 2 }, next ? next.span.line - 1 : null);
}

/**
 * The attribute printed now, its value replaced by its read summary (Attribute.settled). One holding
 * a fix's output stays whole: the fix is found in the translated project by that object.
 */
export function settled(a: Attribute, print: (a: Attribute) => Attribute['settled'], fixes: FixPlan | undefined): Attribute {
  if (fixes && someExpr(a.value, (x) => fixes.produces(x))) return a;
  const printed = print(a);
  return printed !== undefined
    ? { precedence: a.precedence, path: a.path, value: readSummary(a.value), origin: a.origin, settled: printed }
    : a;
}
