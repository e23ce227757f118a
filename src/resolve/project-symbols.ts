// The project's symbol table: every variable with its definitions, attribute path and static type.
// Built before the audit and translation, which both read it.
import { DiagnosticSink } from '../diagnostics.js';
import type { Project, TaskItem } from '../ansible/model.js';
import type { Tables } from '../mapping/tables.js';
import type { VarType } from './types.js';
import type { AttributeKeys } from '../translate/attribute-keys.js';
import { buildSymbolTable, type SymbolTable } from '../translate/symbols.js';
import { projectCookbookNames } from './cookbook-names.js';

export function allTaskItems(project: Project): TaskItem[] {
  const items: TaskItem[] = [];
  for (const role of project.roles.values()) {
    for (const list of role.taskFiles.values()) items.push(...list);
    for (const list of role.handlerFiles.values()) items.push(...list);
  }
  for (const book of project.playbooks) for (const p of book.plays) items.push(...p.preTasks, ...p.tasks, ...p.postTasks, ...p.handlers);
  return items;
}

/** The variables a set_fact task defines (its argument keys but `cacheable`). */
export function setFactNames(args: Array<{ key: string }>): string[] {
  return args.map((a) => a.key).filter((k) => k !== 'cacheable');
}

function factType(facts: Tables['facts'], name: string): VarType | undefined {
  const entry = name.startsWith('ansible_') ? facts[name.slice('ansible_'.length)] : undefined;
  switch (entry?.type) {
    case 'str': return { t: 'str', plain: true };
    case 'int': return { t: 'int' };
    case 'bool': return { t: 'bool' };
    default: return undefined;
  }
}

export function projectSymbols(project: Project, tasks: TaskItem[], namespace: string, cookbookOf: (role: string) => string, attributeKeys: AttributeKeys, facts: Tables['facts'] = {}): { symbols: SymbolTable; registerNames: Set<string> } {
  const symbols = buildSymbolTable(project, namespace);
  // set_fact names are variables from the task that sets them on.
  const registerNames = new Set<string>();
  const walk = (item: TaskItem) => {
    const reg = item.keywords.get('register');
    if (reg?.kind === 'scalar' && typeof reg.value === 'string') registerNames.add(reg.value);
    if (item.kind === 'block') return [...item.block, ...item.rescue, ...item.always].forEach(walk);
    if (item.module === 'ansible.builtin.set_fact') for (const n of setFactNames(item.args)) symbols.define(n, { kind: 'set_fact', owner: '', span: item.span });
  };
  tasks.forEach(walk);
  symbols.finish(cookbookOf, attributeKeys, (name) => factType(facts, name));
  return { symbols, registerNames };
}

export interface SymbolOptions {
  namespace: string;
  cookbookNames?: Record<string, string>;
  attributeKeys?: AttributeKeys;
}

/**
 * The attribute path each variable will have (as translateProject gives it), for a stage that runs
 * before translation (the audit); the cookbook-name diagnostics are the translator's to report.
 */
export function attributePaths(project: Project, opts: SymbolOptions): (variable: string) => string[] | undefined {
  const { symbols } = projectSymbols(project, allTaskItems(project), opts.namespace, projectCookbookNames(project, new DiagnosticSink(), opts.cookbookNames), opts.attributeKeys ?? 'short');
  return (v) => symbols.get(v)?.path;
}
