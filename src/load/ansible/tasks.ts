// Task lists: each YAML mapping becomes a Task or a Block with its module, arguments and keywords.
import type { DiagnosticCode, DiagnosticSink, Span } from '../../base/diagnostics.js';
import type { Arg, Block, TaskItem, Task } from './model.js';
import { copyNode, type YMap, type YNode, type YScalar } from './yaml.js';
import { isMap, isSeq, keyName, scalarString } from './yaccess.js';
import {
  isTaskKeyword,
  BLOCK_KEYWORDS,
  CHECKED_INCLUDES,
  HANDLER_INCLUDE_KEYWORDS,
  INCLUDE_KEYWORDS,
  KV_SPLIT_RAW_MODULES,
  RAW_EXTRACTED_KEYS,
  RAW_PARAM_MODULES,
} from './keywords.js';
import { parseFreeForm, splitModuleString } from './free-form.js';
import { sourceLines } from './source-text.js';
import { hidesValues, redactedSource } from './redact.js';

export interface TaskContext {
  file: string;
  text: string;
  sink: DiagnosticSink;
  /** Canonical module name for a name as written (FQCN normalisation). */
  canonicalModule: (name: string) => string;
  /** Set inside a no_log block or play: task text shown in TODO blocks is redacted. */
  noLog?: boolean;
  /** Set for a handlers section or file: an include there also takes listen. */
  handlers?: boolean;
}

export function loadTaskList(node: YNode | null, outer: TaskContext, what: string): TaskItem[] {
  const ctx = /^handlers($|\/)/.test(what) ? { ...outer, handlers: true } : outer;
  if (node === null) return [];
  if (node.kind === 'scalar' && node.value === null) return [];
  if (!isSeq(node)) {
    // Ansible refuses the whole list; one TODO holding it keeps the gap visible in the recipe.
    const reason = `${what} must be a list of tasks, found a ${node.kind === 'map' ? 'mapping' : 'scalar'}`;
    ctx.sink.error('A2C-SHAPE', reason, node.span);
    const text = ctx.noLog || mentionsNoLog(ctx.text) ? redactedSource(node) : nodeLines(ctx.text, node.span);
    return [invalidTask(node, { text }, 'A2C-SHAPE', reason, node.span)];
  }
  const out: TaskItem[] = [];
  node.items.forEach((item, i) => {
    const next = node.items[i + 1];
    const loaded = loadItem(item, ctx, next ? next.span.line - 1 : null);
    if (loaded) out.push(loaded);
  });
  return out;
}

/**
 * A task file Ansible cannot read (a YAML error, several documents): one TODO standing for all of
 * it, with the same code, message and place as the load error, so the two count as one finding.
 */
export function unreadableTaskFile(text: string, failure: { code: DiagnosticCode; message: string; span?: Span }, file: string): Task {
  const span = failure.span ?? { file, line: 1, col: 1 };
  const shown = mentionsNoLog(text) ? '# (the file text is not shown: it sets no_log)' : text;
  return invalidTask(
    { kind: 'scalar', value: null, type: 'null', style: 'plain', span },
    { text: shown },
    failure.code,
    failure.message,
    span,
  );
}

/** The lines of a node that is not a list item: a whole file's root, or a section's value. */
function nodeLines(text: string, span: Span): string {
  if (span.col === 1)
    return text
      .split('\n')
      .slice(span.line - 1)
      .join('\n')
      .trimEnd();
  // sourceLines stops at the indentation of a `- ` two columns left of `col`: one left of the keys.
  return sourceLines(text, { ...span, col: span.col + 1 }, null);
}

/** A file that hides values somewhere: its raw text is never copied into a TODO. */
function mentionsNoLog(text: string): boolean {
  return /\bno_log\b/.test(text);
}

/** A task Ansible would reject, kept with its text so the translation makes it a visible TODO. */
function invalidTask(item: YNode, source: { text: string }, code: DiagnosticCode, reason: string, span: Span): Task {
  const node: YMap = isMap(item) ? item : { kind: 'map', entries: [], span: item.span };
  const name = isMap(item) ? scalarString(item.entries.find((e) => keyName(e.key) === 'name')?.value) : undefined;
  return {
    kind: 'task',
    module: 'ansible2chef.invalid',
    moduleAsWritten: '?',
    args: [],
    span: item.span,
    keywords: new Map(),
    source,
    node,
    invalid: { code, reason, span },
    ...(name !== undefined ? { name } : {}),
  };
}

function loadItem(item: YNode, outer: TaskContext, lastLine: number | null): TaskItem | null {
  const noLog = outer.noLog === true || (isMap(item) && hidesValues(item.entries.findLast((e) => keyName(e.key) === 'no_log')?.value));
  const ctx = noLog ? { ...outer, noLog } : outer;
  const source = { text: noLog ? redactedSource(item) : sourceLines(ctx.text, item.span, lastLine) };
  if (!isMap(item)) return invalidTask(item, source, 'A2C-SHAPE', `a task must be a mapping, found ${describe(item)}`, item.span);
  const keywords = new Map<string, YNode>();
  if (item.entries.some((e) => keyName(e.key) === 'block')) return loadBlock(item, ctx, source, keywords);

  const moduleKeys: Array<{ key: string; value: YNode; span: Span }> = [];
  for (const e of item.entries) {
    const k = keyName(e.key);
    if (isTaskKeyword(k) && k !== 'action' && k !== 'local_action') keywords.set(k, e.value);
    else if (k === 'rescue' || k === 'always') {
      ctx.sink.error('A2C-SHAPE', `'${k}' is only valid next to 'block'`, e.key.span);
    } else moduleKeys.push({ key: k, value: e.value, span: e.key.span });
  }
  if (moduleKeys.length === 0)
    return invalidTask(item, source, 'A2C-TASK-NO-MODULE', 'task has no module (no key that is not a task keyword)', item.span);
  if (moduleKeys.length > 1) {
    const names = moduleKeys.map((m) => m.key).join(', ');
    return invalidTask(
      item,
      source,
      'A2C-TASK-MULTI-MODULE',
      `task names more than one module or unknown keyword: ${names}`,
      moduleKeys[1]!.span,
    );
  }
  const m = moduleKeys[0]!;
  let written = m.key;
  let argNode: YNode = m.value;
  // `action: copy src=a dest=b` and `local_action: ...` carry the module in the value.
  if (m.key === 'action' || m.key === 'local_action') {
    if (m.key === 'local_action') keywords.set('delegate_to', synthScalar('localhost', m.span));
    const parsed = actionForm(m.value, ctx);
    if (!parsed) return null;
    written = parsed.module;
    argNode = parsed.args;
  }
  const module = ctx.canonicalModule(written);
  const includeClass = CHECKED_INCLUDES.get(module);
  if (includeClass) {
    const valid = ctx.handlers ? HANDLER_INCLUDE_KEYWORDS : INCLUDE_KEYWORDS;
    const bad = item.entries.find((e) => keywords.has(keyName(e.key)) && !valid.has(keyName(e.key)) && !keyName(e.key).startsWith('with_'));
    // Ansible refuses the task file: the include is a TODO, never converted without the keyword.
    if (bad)
      return invalidTask(item, source, 'A2C-SHAPE', `'${keyName(bad.key)}' is not a valid attribute for a ${includeClass}`, bad.key.span);
  }
  const { args, freeForm, error } = moduleArgs(module, argNode, keywords.get('args'), ctx);
  if (error) return invalidTask(item, source, 'A2C-SHAPE', `free-form arguments: ${error}`, argNode.span);
  const name = scalarString(keywords.get('name'));
  const task: Task = {
    kind: 'task',
    module,
    moduleAsWritten: written,
    args,
    span: item.span,
    keywords,
    source,
    node: item,
    ...(name !== undefined ? { name } : {}),
    ...(freeForm ? { freeForm } : {}),
  };
  return task;
}

function loadBlock(item: YMap, ctx: TaskContext, source: { text: string }, keywords: Map<string, YNode>): Block | Task {
  const parts: Record<'block' | 'rescue' | 'always', YNode | null> = { block: null, rescue: null, always: null };
  for (const e of item.entries) {
    const k = keyName(e.key);
    if (k === 'block' || k === 'rescue' || k === 'always') parts[k] = e.value;
    else if (BLOCK_KEYWORDS.has(k)) keywords.set(k, e.value);
    // Ansible refuses the playbook (a task keyword such as loop or register included): the whole
    // block is a TODO, never its tasks converted without the key.
    else return invalidTask(item, source, 'A2C-SHAPE', `'${k}' is not a valid attribute for a block`, e.key.span);
  }
  const name = scalarString(keywords.get('name'));
  return {
    kind: 'block',
    span: item.span,
    keywords,
    source,
    node: item,
    block: loadTaskList(parts.block, ctx, 'block'),
    rescue: loadTaskList(parts.rescue, ctx, 'rescue'),
    always: loadTaskList(parts.always, ctx, 'always'),
    ...(name !== undefined ? { name } : {}),
  };
}

function actionForm(value: YNode, ctx: TaskContext): { module: string; args: YNode } | null {
  if (isMap(value)) {
    const mod = value.entries.find((e) => keyName(e.key) === 'module');
    if (!mod || !scalarString(mod.value)) {
      ctx.sink.error('A2C-SHAPE', "action mapping needs a 'module' key", value.span);
      return null;
    }
    const rest: YMap = copyNode(value, { entries: value.entries.filter((e) => e !== mod) });
    return { module: scalarString(mod.value)!, args: rest };
  }
  const text = scalarString(value);
  if (text === undefined) {
    ctx.sink.error('A2C-SHAPE', 'action must be a string or a mapping', value.span);
    return null;
  }
  const split = splitModuleString(text);
  if ('error' in split) {
    ctx.sink.error('A2C-SHAPE', `action: ${split.error}`, value.span);
    return null;
  }
  if (!split.module) {
    ctx.sink.error('A2C-SHAPE', 'empty action', value.span);
    return null;
  }
  return { module: split.module, args: synthScalar(split.args, value.span) };
}

function moduleArgs(
  module: string,
  node: YNode,
  argsKeyword: YNode | undefined,
  ctx: TaskContext,
): { args: Arg[]; freeForm?: YNode; error?: string } {
  const args: Arg[] = [];
  let freeForm: YNode | undefined;
  if (isMap(node)) {
    for (const e of node.entries) args.push({ key: keyName(e.key), value: e.value });
  } else if (node.kind === 'scalar' && node.value !== null) {
    const text = typeof node.value === 'string' ? node.value : String(node.value);
    const rawKeys = RAW_PARAM_MODULES.has(module) && !KV_SPLIT_RAW_MODULES.has(module) ? RAW_EXTRACTED_KEYS : null;
    const parsed = parseFreeForm(text, rawKeys);
    if (parsed.error !== undefined) return { args, error: parsed.error };
    for (const p of parsed.params) args.push({ key: p.key, value: synthScalar(p.value, node.span) });
    if (parsed.raw) freeForm = synthScalar(parsed.raw, node.span);
  } else if (isSeq(node)) {
    ctx.sink.error('A2C-SHAPE', 'module arguments must be a mapping or a string, found a list', node.span);
  }
  // `args:` merges under the inline arguments (inline wins, as in Ansible).
  if (isMap(argsKeyword)) {
    const have = new Set(args.map((a) => a.key));
    for (const e of argsKeyword.entries) {
      const k = keyName(e.key);
      if (!have.has(k)) args.push({ key: k, value: e.value });
    }
  }
  return freeForm ? { args, freeForm } : { args };
}

function describe(n: YNode): string {
  if (n.kind === 'seq') return 'a list';
  if (n.kind === 'map') return 'a mapping';
  return `the ${typeof n.value === 'string' ? 'string' : 'value'} ${JSON.stringify(String(n.value)).slice(0, 40)}`;
}

export function synthScalar(value: string, span: Span): YScalar {
  return { kind: 'scalar', value, type: 'str', style: 'plain', span };
}
