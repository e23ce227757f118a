// A template sees the variables of the task that renders it: its loop variable (`item`, or
// loop_control's loop_var and index_var) and its task, block and include vars, as Ansible templates
// the file in the task's context. Chef renders a template with only `node` and the `variables` its
// resource passes (as instance variables): the task passes each such name the template reads, and
// the ERB reads it back into a local of the same name (`<% item = @item %>`).
import type { ErbNode } from '../ir/chef-ir.js';
import type { RExpr } from '../ir/ruby-ast.js';
import { outrankedTaskVar, resolveBinding, type VarScope } from './jinja-bridge.js';
import { type Result, Untranslatable } from '../base/failure.js';
import { sanitizeLocal } from './locals.js';
import type { VarType } from '../resolve/types.js';

/** A name the task can pass: its Jinja name, the Ruby local the ERB reads, its value in the recipe. */
export interface Passable {
  jinja: string;
  local: string;
  value: () => Result<RExpr>;
  /** What a task var's value is, where its binding knows it (a literal value). */
  type?: VarType;
}

/** Every name bound by the task (Ruby locals first, as Jinja reads them first), in a stable order. */
export function passableNames(scope: VarScope): Passable[] {
  const out = new Map<string, Passable>();
  for (const [jinja, local] of scope.locals) out.set(jinja, { jinja, local, value: () => ({ k: 'var', name: local }) });
  // `_buf` is Erubis' output buffer: a name that would overwrite it is not passed.
  out.delete([...out.values()].find((p) => p.local === '_buf')?.jinja ?? '');
  const taken = new Set(['_buf', ...[...out.values()].map((p) => p.local)]);
  for (const [jinja, binding] of scope.vars ?? []) {
    const local = sanitizeLocal(jinja);
    if (out.has(jinja) || taken.has(local)) continue;
    taken.add(local);
    const outranked = outrankedTaskVar(jinja, binding, scope);
    const type = !outranked && 'lazy' in binding ? binding.type : undefined;
    out.set(jinja, {
      jinja,
      local,
      ...(type ? { type } : {}),
      value: () =>
        outranked
          ? new Untranslatable('A2C-TODO-JINJA', `template variable ${outranked}`, 'lazy' in binding ? binding.span : undefined)
          : resolveBinding(binding, scope),
    });
  }
  return [...out.values()].sort((a, b) => (a.jinja < b.jinja ? -1 : a.jinja > b.jinja ? 1 : 0));
}

/** The locals a template translation offers, remembering which ones it read. */
export class RecordingLocals extends Map<string, string> {
  readonly used = new Set<string>();
  override get(key: string): string | undefined {
    const v = super.get(key);
    if (v !== undefined) this.used.add(key);
    return v;
  }
  override has(key: string): boolean {
    const v = super.has(key);
    if (v) this.used.add(key);
    return v;
  }
}

/** The ERB lines that read the passed variables into locals. */
export function readPassed(used: readonly Passable[]): ErbNode[] {
  return used.map((p) => ({ k: 'assign', name: p.local, value: { k: 'ivar', name: p.local } }));
}

/** One template use: the output path, and the variables the resource passes (Ruby local -> value). */
export interface TemplateUse {
  path: string;
  variables: Array<[string, RExpr]>;
}

/** The `variables` property value: `{ item: item }`. */
export function variablesHash(vars: ReadonlyArray<[string, RExpr]>): RExpr {
  return { k: 'hash', pairs: vars.map(([local, v]) => [{ k: 'sym', v: local }, v]) };
}
