// Table-driven argument mapping: every argument is a property, an action, ignored with a reason,
// or unsupported (the task becomes a TODO). An argument the table does not know is a TODO too.
import type { Property, ResourceStmt } from '../../ir/chef-ir.js';
import { call as rcall, fromData, someExpr, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { translateValue, staticBool, staticString } from '../values.js';
import { applyTransform } from './transforms.js';
import { coerceArg } from './coerce.js';
import type { ModuleCall } from './types.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { Arg } from '../../load/ansible/model.js';
import type { ParamSpec } from '../../mapping/modules.js';
import { actionList } from '../action-list.js';
import { actionChoice } from './dynamic-action.js';
import { scopeOmitTest } from '../omit-value.js';

export interface Mapped {
  name?: RExpr;
  identity?: Property;
  properties: Property[];
  actions: string[];
  /** Set instead of `actions` when a templated argument picks the action. */
  actionExpr?: RExpr;
  notes: string[];
}

export interface MapOptions {
  /** Arguments the typed translator handles itself. */
  skip?: ReadonlySet<string>;
}

/** The naming argument and its aliases: every argument the table maps to the naming argument's property. */
export function namingArgs(spec: ModuleCall['spec']): readonly string[] {
  return specFacts(spec).naming;
}

type PropertyDefault = Extract<ParamSpec, { kind: 'property' }> & { default: string | number | boolean };
type ActionDefault = Extract<ParamSpec, { kind: 'action' }> & { default: string };

/**
 * What every task of a module reads of its spec besides the arguments it gives: the naming
 * arguments and the arguments with a default, in the table's order. A module's table is not
 * changed once loaded, so they are found once per spec rather than by walking all its params
 * (three times) for every task.
 */
interface SpecFacts {
  naming: readonly string[];
  namingSet: ReadonlySet<string>;
  propertyDefaults: ReadonlyArray<[string, PropertyDefault]>;
  actionDefaults: ReadonlyArray<[string, ActionDefault]>;
}

const SPEC_FACTS = new WeakMap<ModuleCall['spec'], SpecFacts>();

function specFacts(spec: ModuleCall['spec']): SpecFacts {
  let facts = SPEC_FACTS.get(spec);
  if (facts) return facts;
  const nameSpec = spec.name !== undefined ? spec.params.get(spec.name) : undefined;
  const naming =
    nameSpec?.kind !== 'property'
      ? spec.name !== undefined
        ? [spec.name]
        : []
      : [...spec.params].filter(([, p]) => p.kind === 'property' && p.property === nameSpec.property).map(([k]) => k);
  const propertyDefaults: Array<[string, PropertyDefault]> = [];
  const actionDefaults: Array<[string, ActionDefault]> = [];
  for (const [key, p] of spec.params) {
    if (p.kind === 'property' && p.default !== undefined) propertyDefaults.push([key, { ...p, default: p.default }]);
    else if (p.kind === 'action' && p.default !== undefined) actionDefaults.push([key, { ...p, default: p.default }]);
  }
  facts = { naming, namingSet: new Set(naming), propertyDefaults, actionDefaults };
  SPEC_FACTS.set(spec, facts);
  return facts;
}

export function mapParams(call: ModuleCall, opts: MapOptions = {}): Result<Mapped> {
  const { task, spec } = call;
  const out: Mapped = { properties: [], actions: [], notes: [] };
  const slotted: Array<{ slot: number; actions: string[]; expr?: RExpr; several?: boolean }> = [];
  const seenProps = new Set<string>();
  const given = new Map(task.args.map((a) => [a.key, a.value]));
  // Aliases of the naming argument (file's path/dest/name) name the resource too.
  const facts = specFacts(spec);
  const naming = facts.namingSet;
  // Later duplicates (argument aliases such as dest/path) win, as in Ansible.
  for (const a of task.args) {
    if (opts.skip?.has(a.key)) continue;
    const p = spec.params.get(a.key);
    if (!p) return new Untranslatable('A2C-TODO-PARAM', `argument '${a.key}' of ${spec.fqcn} is not in the mapping table`, a.value.span);
    switch (p.kind) {
      case 'unsupported':
        // Set to the module's own default (recurse: false), the argument asks for nothing.
        if (p.default !== undefined && staticBool(a.value) === p.default) {
          out.notes.push(`${a.key}: ${String(p.default)} is the module's default`);
          break;
        }
        return new Untranslatable('A2C-TODO-PARAM', `argument '${a.key}' of ${spec.fqcn}: ${p.reason}`, a.value.span);
      case 'ignore':
        out.notes.push(`${a.key}: ${p.reason}`);
        break;
      case 'action': {
        const v = staticString(a.value);
        if (v === undefined) {
          // A templated value picks the action when the recipe compiles, from the same table.
          const dyn = dynamicAction(call, a.value, p.values, p.default);
          if (failed(dyn)) return dyn;
          slotted.push({ slot: p.slot, actions: [], expr: dyn, several: Object.values(p.values).some((v) => v.includes('+')) });
          break;
        }
        const action = p.values[v] ?? p.values[boolKey(v)];
        if (!action) return new Untranslatable('A2C-TODO-PARAM', `${a.key}: ${v} has no Chef equivalent in the table`, a.value.span);
        slotted.push({ slot: p.slot, actions: action.split('+') });
        break;
      }
      case 'property': {
        const value = propertyArg(
          a,
          p,
          call.scope,
          (chosen, choices) => `${a.key}: ${chosen} is not converted (${spec.fqcn} converts ${choices})`,
        );
        if (failed(value)) return value;
        const t = applyTransform(p.transform, value, a.value, a.key, scopeOmitTest(call.scope), spec.resource);
        if (failed(t)) return t;
        if (t === null) {
          out.notes.push(`${a.key}: dropped (${p.transform})`);
          break;
        }
        if ('blockBody' in t) {
          if (seenProps.has(p.property)) out.properties = out.properties.filter((x) => x.name !== p.property);
          seenProps.add(p.property);
          out.properties.push({ name: p.property, value: t.blockBody, block: true, blockParams: t.params });
          break;
        }
        if (naming.has(a.key)) {
          out.name = t;
          out.identity = { name: p.property, value: t };
          seenProps.add(p.property);
          break;
        }
        if (seenProps.has(p.property)) out.properties = out.properties.filter((x) => x.name !== p.property);
        seenProps.add(p.property);
        out.properties.push({ name: p.property, value: t });
        break;
      }
    }
  }
  // The module's own value for a property whose Chef default differs, when no argument set it.
  for (const [key, p] of facts.propertyDefaults) {
    if (given.has(key) || opts.skip?.has(key) || seenProps.has(p.property)) continue;
    out.properties.push({ name: p.property, value: fromData(p.default) });
    seenProps.add(p.property);
  }
  // Defaults for action arguments that were not given (state: present...).
  for (const [key, p] of facts.actionDefaults) {
    if (given.has(key)) continue;
    if (slotted.some((s) => s.slot === p.slot)) continue;
    const action = p.values[p.default];
    if (action) slotted.push({ slot: p.slot, actions: action.split('+') });
  }
  slotted.sort((a, b) => a.slot - b.slot);
  if (slotted.some((s) => s.expr)) {
    const items = slotted.flatMap((s) => (s.expr ? [s.expr] : s.actions.map((v): RExpr => ({ k: 'sym', v }))));
    // A value that selects several actions gives an array: the list is flattened.
    if (slotted.some((s) => s.several)) out.actionExpr = actionList(items);
    else out.actionExpr = items.length === 1 ? items[0]! : { k: 'array', items };
  } else out.actions = slotted.flatMap((s) => s.actions);
  return out;
}

/**
 * The action a templated value selects when the recipe compiles, from the same table: plain Ruby
 * where it chooses as A2C::Tasks.action does (dynamic-action.ts); a row may select several
 * actions ('reload+start').
 */
function dynamicAction(call: ModuleCall, node: YNode, values: Record<string, string>, dflt: string | undefined): Result<RExpr> {
  const v = translateValue(node, call.scope);
  if (failed(v)) return v;
  // `state: "{{ x | default(omit) }}"`: an omitted argument takes the module's default (a None
  // value too, which the modules read as their default state).
  if (dflt !== undefined && someExpr(v, scopeOmitTest(call.scope)))
    return actionChoice({ k: 'binop', op: '||', l: rcall(TASKS, 'omit', [v]), r: str(dflt) }, values);
  return actionChoice(v, values);
}

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

function boolKey(v: string): string {
  const s = v.toLowerCase();
  if (['yes', 'on', 'true', '1', 'y'].includes(s)) return 'true';
  if (['no', 'off', 'false', '0', 'n'].includes(s)) return 'false';
  return v;
}

/**
 * One property argument's Ruby value: a static value outside the table's choices refused (`refusal`
 * words it for the module), otherwise translated and coerced to the property's type; a transform's
 * argument is left as translated, since the transform owns its conversion (modes, dump/passno, checksums).
 */
export function propertyArg(
  a: Arg,
  p: Extract<ParamSpec, { kind: 'property' }>,
  scope: ModuleCall['scope'],
  refusal: (chosen: string, choices: string) => string,
): Result<RExpr> {
  const chosen = staticString(a.value);
  if (p.choices && chosen !== undefined && !p.choices.includes(chosen))
    return new Untranslatable('A2C-TODO-PARAM', refusal(chosen, p.choices.join(', ')), a.value.span);
  const raw = translateValue(a.value, scope);
  if (failed(raw)) return raw;
  return p.transform === undefined ? coerceArg(p.type, a.key, raw, a.value, scope) : raw;
}

export function resource(call: ModuleCall, type: string, m: Mapped, fallbackName: RExpr): ResourceStmt {
  return {
    kind: 'resource',
    type,
    name: m.name ?? fallbackName,
    properties: m.properties,
    actions: m.actions,
    ...(m.actionExpr ? { actionExpr: m.actionExpr } : {}),
    guards: [],
    notifies: [],
    subscribes: [],
    origin: { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) },
    ...(m.notes.length ? { notes: [...m.notes] } : {}),
    ...(m.identity ? { identity: m.identity } : {}),
  };
}
