// Playbook files -> plays (hosts, vars, vars_files, roles, task sections, handlers) and imports.
import type { Play, Playbook, TaskItem } from './model.js';
import type { YMap, YNode } from './yaml.js';
import { dirname, insideRoot, join } from './input.js';
import { type LoadContext, varEntries } from './load-context.js';
import { loadTaskList } from './tasks.js';
import { hidesValues } from './redact.js';
import { loadRoleRef } from './role-ref.js';
import { PLAY_KEYWORDS } from './keywords.js';
import { asList, isMap, isSeq, keyName, mapGet, scalarString } from './yaccess.js';

/** True when the file's first document is a list of plays or playbook imports. */
export function looksLikePlaybook(ctx: LoadContext, path: string): boolean {
  const root = ctx.peekRoot(path);
  if (!isSeq(root) || root.items.length === 0) return false;
  return root.items.every(
    (p) =>
      isMap(p) &&
      (mapGet(p, 'hosts') !== undefined ||
        mapGet(p, 'import_playbook') !== undefined ||
        mapGet(p, 'ansible.builtin.import_playbook') !== undefined),
  );
}

export function loadPlaybook(ctx: LoadContext, path: string): Playbook {
  const book: Playbook = { file: path, plays: [], imports: [] };
  const root = ctx.yamlRoot(path);
  if (root === null) return book;
  if (!isSeq(root)) {
    ctx.sink.error('A2C-SHAPE', 'a playbook must be a list of plays', root.span);
    return book;
  }
  for (const item of root.items) {
    if (!isMap(item)) {
      ctx.sink.error('A2C-SHAPE', 'a play must be a mapping', item.span);
      continue;
    }
    const imp = mapGet(item, 'import_playbook') ?? mapGet(item, 'ansible.builtin.import_playbook');
    if (imp) {
      const target = scalarString(imp);
      if (target === undefined) ctx.sink.error('A2C-SHAPE', 'import_playbook needs a file name', imp.span);
      else {
        const file = join(dirname(path), target);
        if (!insideRoot(file))
          ctx.sink.error('A2C-PATH-ESCAPE', `import_playbook target ${target} is outside the input; not read`, imp.span);
        else book.imports.push({ file, span: imp.span });
      }
      continue;
    }
    book.plays.push(loadPlay(ctx, path, item));
  }
  return book;
}

function loadPlay(ctx: LoadContext, path: string, node: YMap): Play {
  const text = ctx.text(path) ?? '';
  const tctx = { file: path, text, sink: ctx.sink, canonicalModule: ctx.canonicalModule, noLog: hidesValues(mapGet(node, 'no_log')) };
  const section = (key: string): TaskItem[] => loadTaskList(mapGet(node, key) ?? null, tctx, key);
  const keywords = new Map<string, YNode>();
  for (const e of node.entries) {
    const k = keyName(e.key);
    if (!PLAY_KEYWORDS.has(k)) ctx.sink.warning('A2C-UNKNOWN-KEYWORD', `unknown play keyword '${k}' ignored`, e.key.span);
    keywords.set(k, e.value);
  }
  const hostsNode = mapGet(node, 'hosts');
  const hosts = asList(hostsNode)
    .map((h) => scalarString(h) ?? '')
    .filter(Boolean)
    .join(',');
  const varsFiles = asList(mapGet(node, 'vars_files')).flatMap((f) => {
    const name = scalarString(f);
    if (name === undefined) {
      ctx.sink.warning('A2C-TODO-VARS-FILES', 'vars_files entry that is not a plain file name is not converted', f.span);
      return [];
    }
    const file = join(dirname(path), name);
    if (!insideRoot(file)) {
      ctx.sink.error('A2C-PATH-ESCAPE', `vars file ${name} is outside the input; not read`, f.span);
      return [];
    }
    if (name.includes('{{') || !ctx.index.has(file)) {
      ctx.sink.error('A2C-MISSING-FILE', `vars file ${name} not found`, f.span);
      return [];
    }
    return [ctx.varFile(file)];
  });
  const roles = asList(mapGet(node, 'roles')).flatMap((r) => {
    const ref = loadRoleRef(ctx, r);
    return ref ? [ref] : [];
  });
  const name = scalarString(mapGet(node, 'name'));
  return {
    ...(name !== undefined ? { name } : {}),
    hosts: hosts || 'all',
    span: node.span,
    file: path,
    vars: varEntries(mapGet(node, 'vars') ?? null, ctx.sink),
    varsFiles,
    roles,
    preTasks: section('pre_tasks'),
    tasks: section('tasks'),
    postTasks: section('post_tasks'),
    handlers: section('handlers'),
    keywords,
  };
}
