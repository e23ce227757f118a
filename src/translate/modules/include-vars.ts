// include_vars of a static file: its variables become override attributes of the cookbook
// (include_vars outranks role vars in Ansible, as override outranks default in Chef).
import type { Role, Task, TaskItem, VarFile } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { join, insideRoot, type InputIndex } from '../../load/ansible/input.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { firstFoundAttributes, firstFoundChoice, firstFoundMayLoad, firstFoundOver, type FirstFoundChoice } from '../first-found.js';
import { statGuardedFile } from '../controller-stat.js';
import { synthScalar } from '../../load/ansible/tasks.js';
import type { VarScope } from '../jinja-bridge.js';
import { staticString, translateValue } from '../values.js';
import type { ModuleOutput, ModuleTranslator } from './types.js';
import { factsOnlyCondition } from '../facts-condition.js';
import { attributesFrom } from '../attributes.js';
import { nil, str, type RExpr } from '../../ir/ruby-ast.js';
import { convergeConditionNames } from '../converge-condition.js';
import { includedVarsStore, storedAtTask } from '../included-vars.js';
import { rubyBlock } from '../task/register.js';

export const INCLUDE_VARS = 'ansible.builtin.include_vars';
export const UNDER_CONDITION = "include_vars under a block's or an include's when is not converted";

/** Where an include_vars task sits: its role (undefined in a playbook) and the folder it resolves names in. */
export interface VarsTaskPlace {
  role?: Role;
  baseDir: string;
  input: InputIndex;
}

/**
 * What an include_vars task loads: a case on the file first_found picks, or one file (input path);
 * with `cond`, only where that Ruby condition (facts only) holds.
 */
export type IncludeVarsPlan = (
  | {
      kind: 'first-found';
      choice: FirstFoundChoice /** Under `when: r.stat.exists` of a controller stat (controller-stat.ts). */;
      statGuarded?: true;
    }
  | {
      kind: 'file';
      path: string;
      /**
       * A `when` reading facts that converge-time set_facts store (converge-condition.ts): no
       * attribute; each read of the file's values evaluates it again (deferred.ts), reading `stored`
       * from the registered results.
       */
      atRead?: { when: YNode; stored: readonly string[] };
    }
) & { cond?: RExpr };

function fileArg(task: Task): YNode | undefined {
  for (let i = task.args.length - 1; i >= 0; i--) if (task.args[i]!.key === 'file') return task.args[i]!.value;
  return task.freeForm;
}

/**
 * What the task loads, or why it has no translation. Pure: the module translator below and the
 * pre-pass that finds the variables only a TODO include_vars sets (vars-file-loads.ts) decide
 * with this one function, so the two cannot disagree.
 */
export function planIncludeVars(task: Task, place: VarsTaskPlace, scope: VarScope): Result<IncludeVarsPlan> {
  // The variables become attributes, set on every run: a loop (whose item would name the file)
  // has no place there, nor a condition the node does not know before its attributes load (only
  // facts are). with_first_found is no loop: it picks one file.
  const when = task.keywords.get('when');
  // `when: r.stat.exists` of a controller-side stat of this very file: load it if it exists.
  const guarded = statGuardedFile(task, fileArg(task), place.role, place.input);
  if (guarded !== undefined) {
    if (failed(guarded)) return guarded;
    const loop = [...task.keywords.keys()].find((k) => k === 'loop' || k.startsWith('with_'));
    if (loop !== undefined)
      return new Untranslatable('A2C-TODO-INCLUDE-VARS', 'include_vars in a loop is not converted', task.keywords.get(loop)!.span);
    const choice = firstFoundOver({ files: [synthScalar(guarded, fileArg(task)!.span)], paths: [], skip: true }, place.role!, scope);
    return failed(choice) ? choice : { kind: 'first-found', choice, statGuarded: true };
  }
  // The files it may load: a variable only they (and sources Chef applies before the attribute
  // files) define may be tested with `is [not] defined` in the condition (facts-condition.ts).
  const role = place.role;
  const ownFiles = new Set(role ? loadedOnlyBy(task, { ...place, role }).flatMap((k) => role.varsFiles.get(k)?.file ?? []) : []);
  // The condition reads the names those files set as they are before the task loads them.
  const beforeLoad = new Set(
    role ? [...role.varsFiles.values()].filter((f) => ownFiles.has(f.file)).flatMap((f) => f.entries.map((e) => e.name)) : [],
  );
  const cond = when
    ? factsOnlyCondition(when, beforeLoad.size ? { ...scope, beforeLoad } : scope, 'conditional include_vars', ownFiles)
    : undefined;
  if (cond && failed(cond)) return atRead(task, when!, place, scope) ?? cond;
  const plan = planUnconditional(task, place, scope);
  if (failed(plan) || !cond) return plan;
  // Outside a role the file's variables go to the playbook cookbook's attributes unguarded.
  if (plan.kind === 'file' && roleVarsKey(plan.path, place) === undefined)
    return new Untranslatable(
      'A2C-TODO-INCLUDE-VARS',
      "conditional include_vars of a file outside a role's vars folder is not converted",
      when!.span,
    );
  return { ...plan, cond };
}

/** The plan of a role's own static vars file under a `when` evaluated again at each read, if it is one. */
function atRead(task: Task, when: YNode, place: VarsTaskPlace, scope: VarScope): IncludeVarsPlan | undefined {
  const role = place.role;
  if (!role) return undefined;
  const plan = planUnconditional(task, place, scope);
  if (failed(plan) || plan.kind !== 'file') return undefined;
  const key = roleVarsKey(plan.path, place);
  const file = key === undefined ? undefined : role.varsFiles.get(key);
  if (!file) return undefined;
  const items = [...role.taskFiles.values()].flat();
  const own = new Set(file.entries.map((e) => e.name));
  const stored = convergeConditionNames(task, when, items, own, scope);
  return stored ? { ...plan, atRead: { when, stored } } : undefined;
}

function planUnconditional(task: Task, place: VarsTaskPlace, scope: VarScope): Result<IncludeVarsPlan> {
  const loop = [...task.keywords.keys()].find((k) => k === 'loop' || (k.startsWith('with_') && k !== 'with_first_found'));
  if (loop !== undefined)
    return new Untranslatable('A2C-TODO-INCLUDE-VARS', 'include_vars in a loop is not converted', task.keywords.get(loop)!.span);
  const choice = firstFoundChoice(task, place.role, scope);
  if (failed(choice)) return choice;
  if (choice) return { kind: 'first-found', choice };
  const node = fileArg(task);
  const file = staticString(node);
  if (!node || file === undefined)
    return new Untranslatable(
      'A2C-TODO-INCLUDE-VARS',
      'include_vars with a templated or missing file name is not converted',
      (node ?? task.node).span,
    );
  const rel = join(file);
  if (!insideRoot(rel) || file.startsWith('/'))
    return new Untranslatable('A2C-PATH-ESCAPE', `vars file ${file} is outside the input; not read`, node.span);
  const path = [join(place.baseDir, 'vars', rel), join(place.baseDir, rel)].find((p) => place.input.has(p));
  if (!path) return new Untranslatable('A2C-MISSING-FILE', `vars file ${file} not found`, node.span);
  return { kind: 'file', path };
}

/** The role's vars files (names under vars/) the plan loads on some host. */
export function planLoads(plan: IncludeVarsPlan, place: VarsTaskPlace): string[] {
  if (plan.kind === 'first-found') return plan.choice.reachable;
  const key = roleVarsKey(plan.path, place);
  return key === undefined ? [] : [key];
}

/**
 * The role's vars files a task without a translation may load on some host: the file it names
 * when that is static, the ones its first_found candidates can name, else every one.
 */
export function todoMayLoad(task: Task, place: VarsTaskPlace & { role: Role }): string[] {
  const file = staticString(fileArg(task));
  if (file !== undefined && !file.includes('{{')) {
    const rel = join(file);
    const key = [join(place.baseDir, 'vars', rel), join(place.baseDir, rel)]
      .map((p) => roleVarsKey(p, place))
      .find((k) => k !== undefined && place.role.varsFiles.has(k));
    return key === undefined ? [] : [key];
  }
  return firstFoundMayLoad(task, place.role) ?? [...place.role.varsFiles.keys()].sort();
}

/**
 * The role's vars files only this include_vars task may load: no other include_vars task of the
 * role (tasks or handlers) may load them, so nothing sets their variables before it runs.
 */
function loadedOnlyBy(task: Task, place: VarsTaskPlace & { role: Role }): string[] {
  const others = new Set<string>();
  const same = (t: Task): boolean =>
    t === task || (t.span.file === task.span.file && t.span.line === task.span.line && t.span.col === task.span.col);
  const walk = (items: readonly TaskItem[]): void => {
    for (const item of items) {
      if (item.kind === 'block') walk([...item.block, ...item.rescue, ...item.always]);
      else if (item.module === INCLUDE_VARS && !same(item)) for (const k of todoMayLoad(item, place)) others.add(k);
    }
  };
  for (const items of [...place.role.taskFiles.values(), ...place.role.handlerFiles.values()]) walk(items);
  return todoMayLoad(task, place).filter((k) => !others.has(k));
}

function roleVarsKey(path: string, place: VarsTaskPlace): string | undefined {
  const dir = place.baseDir ? `${place.baseDir}/vars/` : 'vars/';
  return place.role && path.startsWith(dir) ? path.slice(dir.length) : undefined;
}

export const includeVarsModule: ModuleTranslator = (call) => {
  const place = { ...(call.env.role ? { role: call.env.role } : {}), baseDir: call.env.baseDir, input: call.env.project.input };
  const plan = planIncludeVars(call.task, place, call.scope);
  if (failed(plan)) return plan;
  if (plan.kind === 'file' && plan.atRead)
    return storeAtTask(call.task, place.role!, place.role!.varsFiles.get(roleVarsKey(plan.path, place)!)!, call.scope);
  if (plan.cond && plan.kind === 'file') {
    const vf = place.role!.varsFiles.get(roleVarsKey(plan.path, place)!)!;
    const cond = plan.cond;
    const attrs = attributesFrom([vf], 'override', call.scope, call.env.project.sink, call.env.project.text, call.env.project.vaults);
    call.env.platformAttributes.push(
      ...attrs.map((a) => ({ ...a, onlyIf: a.onlyIf ? ({ k: 'binop', op: '&&', l: cond, r: a.onlyIf } satisfies RExpr) : cond })),
    );
    return {
      stmts: [
        {
          kind: 'comment',
          lines: [
            `include_vars ${staticString(fileArg(call.task))} when the facts say so: its variables are override attributes in attributes/default.rb, set under the same condition`,
          ],
        },
      ],
    };
  }
  if (plan.cond && plan.kind === 'first-found') {
    // Only where the condition holds is the file named at all: elsewhere a name built from facts
    // may name no file, which must not fail the run.
    plan.choice = { ...plan.choice, on: { k: 'ternary', c: plan.cond, t: plan.choice.on, f: nil } };
  }
  if (plan.kind === 'first-found') {
    const platform = firstFoundAttributes(plan.choice, place.role!, call.env, call.scope);
    call.env.platformAttributes.push(...platform.attributes);
    const lines = [
      plan.cond
        ? 'include_vars when the facts say so, of the vars file named from facts: a case on the file, under the same condition, in attributes/default.rb'
        : plan.statGuarded
          ? "include_vars of the vars file named from facts when the controller's stat finds it: a case on the file (none where the role has no such file) in attributes/default.rb"
          : 'include_vars of the first vars file found: a case on the platform in attributes/default.rb',
    ];
    if (platform.dropped.length > 0)
      lines.push(
        "candidates that can name none of the role's vars files on any host are left out:",
        ...platform.dropped.map((d) => `  ${d}`),
      );
    // Every value is computed at each read (deferred.ts): no attribute file names the file, so the
    // recipe does, failing here where the facts name none, as Ansible fails at this task.
    // The condition is part of the choice (nil where it is false): the task's `when` is decided.
    if (!platform.attributes.length && !plan.statGuarded)
      return {
        stmts: [
          {
            kind: 'call',
            comment: [
              'include_vars of the vars file named from facts: its values are computed where they are read, from the file this names',
              ...lines.slice(1),
            ],
            expr: plan.choice.on,
          },
        ],
        whenDecided: true,
      };
    return { stmts: [{ kind: 'comment', lines }], ...(plan.statGuarded ? { whenDecided: true as const } : {}) };
  }
  call.env.includedVars.push(plan.path);
  return {
    stmts: [
      {
        kind: 'comment',
        lines: [`include_vars ${staticString(fileArg(call.task))}: its variables are override attributes in attributes/default.rb`],
      },
    ],
  };
};

/**
 * An include_vars under a `when` on values set while the run converges: a ruby_block at the task's
 * place, guarded by that `when` (the task's own guard), storing the values reads take from
 * node.run_state (included-vars.ts). A value read at each use instead (storedAtTask) is left out;
 * the reads of it compute it under the same condition (deferred-read.ts).
 */
function storeAtTask(task: Task, role: Role, file: VarFile, scope: VarScope): Result<ModuleOutput> {
  const values: Array<[string, RExpr]> = [];
  for (const entry of file.entries) {
    if (!storedAtTask(entry.value, scope, role.name)) continue;
    const value = translateValue(entry.value, scope);
    if (failed(value)) return value;
    values.push([entry.name, value]);
  }
  const name = staticString(fileArg(task));
  const note = `include_vars ${name} where its when holds here, at converge time: later reads take its values from node.run_state`;
  return { stmts: [rubyBlock(task, str(task.name ?? `include_vars ${name}`), includedVarsStore(values), note)] };
}
