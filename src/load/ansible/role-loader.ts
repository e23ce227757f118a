// A role directory -> Role: task files, handlers, defaults, vars, templates, files, meta dependencies.
import type { RoleRef, Role, TaskItem } from './model.js';
import { basename } from './input.js';
import { findMain, type LoadContext, YAML_EXT } from './load-context.js';
import { loadTaskList, unreadableTaskFile } from './tasks.js';
import { loadRoleRef } from './role-ref.js';
import { isMap, mapGet, isSeq } from './yaccess.js';

const ROLE_PARTS = ['tasks', 'handlers', 'defaults', 'vars', 'meta'];

export function looksLikeRole(ctx: LoadContext, dir: string): boolean {
  return ROLE_PARTS.some((part) => ctx.index.isDir(dir === '' ? part : `${dir}/${part}`));
}

export function loadRole(ctx: LoadContext, dir: string, name: string): Role {
  const sub = (part: string) => (dir === '' ? part : `${dir}/${part}`);
  const role: Role = {
    name,
    dir,
    taskFiles: loadTaskDir(ctx, sub('tasks')),
    handlerFiles: loadTaskDir(ctx, sub('handlers')),
    defaults: [],
    vars: [],
    varsFiles: new Map(),
    templates: ctx.index.walk(sub('templates')).map((p) => p.slice(sub('templates').length + 1)),
    files: ctx.index.walk(sub('files')).map((p) => p.slice(sub('files').length + 1)),
    dependencies: [],
  };
  const defaults = findMain(ctx, sub('defaults'));
  if (defaults) role.defaults.push(ctx.varFile(defaults));
  const vars = findMain(ctx, sub('vars'));
  for (const p of ctx.index.walk(sub('vars'))) {
    if (!YAML_EXT.test(p) && p !== vars) continue;
    if (p === vars) role.vars.push(ctx.varFile(p));
    else role.varsFiles.set(p.slice(sub('vars').length + 1), ctx.varFile(p));
  }
  const meta = findMain(ctx, sub('meta'));
  if (meta) loadMeta(ctx, meta, role);
  return role;
}

function loadTaskDir(ctx: LoadContext, dir: string): Map<string, TaskItem[]> {
  const out = new Map<string, TaskItem[]>();
  for (const p of ctx.index.walk(dir)) {
    if (!YAML_EXT.test(p)) continue;
    const docs = ctx.yaml(p);
    const rel = p.slice(dir.length + 1);
    const text = ctx.text(p) ?? '';
    const failure = ctx.readError(p);
    if (failure) out.set(rel, [unreadableTaskFile(text, failure, p)]);
    else
      out.set(
        rel,
        loadTaskList(
          docs[0]?.root ?? null,
          { file: p, text, sink: ctx.sink, canonicalModule: ctx.canonicalModule },
          `${basename(dir)}/${rel}`,
        ),
      );
  }
  return out;
}

function loadMeta(ctx: LoadContext, path: string, role: Role): void {
  const root = ctx.yamlRoot(path);
  if (!isMap(root)) return;
  role.metaSpan = root.span;
  const deps = mapGet(root, 'dependencies');
  if (!deps) return;
  if (!isSeq(deps)) {
    if (!(deps.kind === 'scalar' && deps.value === null)) ctx.sink.error('A2C-SHAPE', 'meta dependencies must be a list', deps.span);
    return;
  }
  for (const d of deps.items) {
    const ref: RoleRef | null = loadRoleRef(ctx, d);
    if (ref) role.dependencies.push(ref);
  }
}
