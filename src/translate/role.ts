// A role -> a cookbook: attributes from defaults/vars, one recipe per task file, handlers,
// templates, files, and the metadata dependencies.
import type { Cookbook, Recipe, Stmt, Template } from '../ir/chef-ir.js';
import { diagnostic, type Span } from '../base/diagnostics.js';
import type { Role, TaskItem } from '../load/ansible/model.js';
import { join } from '../load/ansible/input.js';
import type { CookbookEnv, TaskJinjaSettings } from './env.js';
import { type TranslateContext, recipeName } from './context.js';
import { shareNotifyLists } from './shared-notify-lists.js';
import { HandlerIndex, makeHandlerResources, notificationsFor } from './task/handlers.js';
import { notifyServicesDirectly } from './task/service-handlers.js';
import { todoStmt, translateItems, unrolledHandler } from './task/task.js';
import { attributesFrom } from './attributes.js';
import { failed, Untranslatable } from '../base/failure.js';
import type { DiagnosticCode } from '../base/diagnostic-codes.js';
import { jinjaTemplate, type VarScope } from './jinja-bridge.js';
import { asList, scalarString } from '../load/ansible/yaccess.js';
import { str, type RExpr } from '../ir/ruby-ast.js';
import { roleFileAbsence, roleFileReader } from './role-file-lookup.js';
import { PLAY_HOST_NAMES, playHosts } from './play-hosts.js';
import { passwordSecret } from './password-lookup.js';
import type { VarType } from '../resolve/types.js';
import { passableNames, readPassed, RecordingLocals, type Passable, type TemplateUse } from './template-vars.js';
import { roleResources, type RoleResourceDeps } from './role-resource.js';
import { includeFirstOrder } from './include-order.js';
import { registeredNames } from './task/register-reads.js';
import { forgetStored } from './task/register.js';
import { providedResults } from './cross-role-register.js';
import { reportRunUserRead } from './run-user.js';
import { handlersRecipe } from './handlers-recipe.js';

export function newEnv(
  ctx: TranslateContext,
  cookbook: string,
  baseDir: string,
  recipeOf: (f: string) => string | undefined,
  role?: Role,
  items: readonly TaskItem[] = [],
): CookbookEnv {
  const env: CookbookEnv = {
    project: ctx,
    cookbook,
    baseDir,
    handlers: new HandlerIndex(),
    templates: new Map(),
    files: new Map(),
    recipeOf,
    depends: new Set(),
    notes: new Set(),
    includedVars: [],
    includeStack: [],
    registered: new Map(),
    roleItems: role ? [...role.taskFiles.values(), ...role.handlerFiles.values()].flat() : items,
    platformAttributes: [],
    translateTemplateFile: (path, e, span, caller, settings) => translateTemplateFile(ctx, path, e, span, caller, settings),
    plays: role ? ctx.playsOf(role.name) : [],
    ...(role ? { role } : {}),
  };
  return env;
}

export function rootScope(ctx: TranslateContext, env?: CookbookEnv): VarScope {
  return {
    tables: ctx.tables,
    symbols: ctx.symbols,
    locals: new Map(),
    registerNames: ctx.registerNames,
    magic: roleMagic(ctx.magic, env),
    deferred: ctx.deferred,
    ...(env ? { registered: env.registered, cookbook: env.cookbook, ownRegisterNames: registeredNames(env.roleItems) } : {}),
    ...(env?.role
      ? {
          role: env.role.name,
          roleFile: roleFileReader(env.project.input, env.role),
          roleFileAbsent: roleFileAbsence(env.project.input, env.role),
        }
      : {}),
    passwordSource: passwordSecret(ctx.vaults),
    controllerInputs: ctx.controllerInputs,
    controllerInputNames: ctx.controllerInputNames,
    ...(ctx.fixes ? { fixes: ctx.fixes } : {}),
    ...(ctx.rolePathSites?.size ? { rolePathSites: ctx.rolePathSites } : {}),
    ...(env ? { factRead: (fact: string, at: Span) => reportRunUserRead(env, fact, at) } : {}),
  };
}

/**
 * Inside a role, `role_name` and `ansible_role_name` are the role's name (a project role has no
 * collection prefix); magic variables outrank variables of the same name, as in Ansible. The
 * play's hosts are those of the plays that run these tasks (play-hosts.ts).
 */
function roleMagic(magic: TranslateContext['magic'], env: CookbookEnv | undefined): NonNullable<VarScope['magic']> {
  const role = env?.role?.name;
  const hosts = playHostsMagic(magic, env);
  return (name) => (role !== undefined && (name === 'role_name' || name === 'ansible_role_name') ? str(role) : hosts(name));
}

/** The play's hosts for the tasks of `env`; the other magic variables as `magic` has them. */
function playHostsMagic(magic: TranslateContext['magic'], env: CookbookEnv | undefined): NonNullable<VarScope['magic']> {
  return (name) => {
    if (!PLAY_HOST_NAMES.has(name)) return magic(name);
    return env
      ? playHosts(name, env, magic('groups'))
      : { why: "the play is not known where it is read (a playbook's template, shared by its plays, or a value outside any role or play)" };
  };
}

/**
 * Handlers -> handler resources (action :nothing) registered in the env's index. Two passes, so a
 * handler may notify a handler defined after it: first every handler without its own `notify`,
 * then those notifications, resolved against the complete index.
 */
export function translateHandlers(items: TaskItem[], env: CookbookEnv, scope: VarScope): Stmt[] {
  const out: Stmt[] = [];
  const chained: Array<{ handler: TaskItem; targets: ReturnType<typeof makeHandlerResources> }> = [];
  if (items.length > 1)
    env.notes.add(
      'handler order: Chef runs delayed notifications in the order they are first queued; Ansible runs handlers in the order they are defined',
    );
  for (const h of items) {
    const notify = h.keywords.get('notify');
    const first = notify ? ({ ...h, keywords: new Map([...h.keywords].filter(([k]) => k !== 'notify')) } as TaskItem) : h;
    let stmts = translateItems([first], env, scope, { when: [], handler: true });
    const name = h.name ?? scalarString(asList(h.keywords.get('listen'))[0]) ?? (h.kind === 'task' ? h.module : 'handler');
    let outcome = env.project.accounting.outcomeOf(h);
    let targets = makeHandlerResources(name, stmts);
    // A loop whose items pick the action (restart = stop, then start) names nothing to notify:
    // unrolled over its literal items, each item is a handler resource of its own.
    if (!targets.length && outcome?.outcome !== 'todo' && first.kind === 'task') {
      const unrolled = unrolledHandler(first, env, scope);
      const unrolledTargets = unrolled ? makeHandlerResources(name, unrolled) : [];
      if (unrolled && unrolledTargets.length) {
        stmts = unrolled;
        targets = unrolledTargets;
      }
    }
    // Code that is no resource (an include_recipe, a compile-time branch) would run on every Chef
    // run, where the handler runs only when notified: a TODO instead.
    if (!targets.length && outcome?.outcome !== 'todo' && stmts.some((s) => s.kind !== 'comment' && s.kind !== 'todo')) {
      const why =
        'a handler that is not made of resources (an include, a compile-time branch) would run on every Chef run instead of when notified';
      env.project.sink.warning('A2C-TODO-HANDLER', why, h.span);
      env.project.accounting.record(h, 'todo', 'A2C-TODO-HANDLER', why);
      stmts.splice(0, stmts.length, todoStmt('A2C-TODO-HANDLER', why, h));
      outcome = env.project.accounting.outcomeOf(h);
    }
    // The handler's own cause, so the notifying task's reader sees what to fix.
    const unreachable =
      outcome?.outcome === 'todo'
        ? `the handler is a TODO (${h.span.file}:${h.span.line}${outcome.code ? ` ${outcome.code}` : ''}${outcome.reason ? `: ${outcome.reason}` : ''})`
        : !targets.length
          ? 'the handler is conditional, has a templated action (several, in a loop) or no resource, or its resource does something with its name, so it has no static name to notify'
          : undefined;
    env.handlers.add({
      name,
      listen: asList(h.keywords.get('listen'))
        .map((n) => scalarString(n) ?? '')
        .filter(Boolean),
      targets,
      ...(unreachable ? { unreachable } : {}),
    });
    if (notify && outcome?.outcome !== 'todo') chained.push({ handler: h, targets });
    if (notify) env.handlers.chained = true;
    out.push(...stmts);
  }
  for (const { handler, targets } of chained) {
    const notify = handler.keywords.get('notify')!;
    for (const n of asList(notify)) {
      const hname = scalarString(n);
      const hits = hname === undefined ? [] : env.handlers.resolve(hname);
      if (!hits.length) env.project.sink.error('A2C-MISSING-HANDLER', `notify: no handler named or listening to '${hname ?? '?'}'`, n.span);
      for (const hit of hits) {
        if (hit.unreachable) {
          env.project.sink.warning('A2C-TODO-NOTIFY', `notify '${hit.name}' is not converted: ${hit.unreachable}`, n.span);
          continue;
        }
        for (const t of targets) t.resource.notifies.push(...notificationsFor(hit));
      }
    }
  }
  return out;
}

/**
 * Task files whose recipe name an earlier file already has (`a/b.yml` and `a_b.yml`, or
 * `default.yml` beside `main.yml`, which owns 'default'): an error each; their recipe is not
 * written, since either file would silently replace the other.
 */
function recipeClashes(taskFiles: string[], ctx: TranslateContext, sub: (p: string) => string): Set<string> {
  const owner = new Map<string, string>();
  const clashing = new Set<string>();
  for (const file of [...taskFiles].sort((a, b) => (a === 'main.yml' ? -1 : b === 'main.yml' ? 1 : a < b ? -1 : 1))) {
    const recipe = recipeName(file);
    const first = owner.get(recipe);
    if (first === undefined) {
      owner.set(recipe, file);
      continue;
    }
    clashing.add(file);
    ctx.sink.error(
      'A2C-RECIPE-CLASH',
      `task files ${first} and ${file} both become recipe '${recipe}'; only ${first} is written (rename ${file})`,
      { file: sub(`tasks/${file}`), line: 1, col: 1 },
    );
  }
  return clashing;
}

/** Every task of an item that is not written: a TODO in the ledger (its diagnostic says why). */
function markTodo(item: TaskItem, env: CookbookEnv): void {
  if (item.kind === 'block') for (const c of [...item.block, ...item.rescue, ...item.always]) markTodo(c, env);
  else env.project.accounting.record(item, 'todo', 'A2C-RECIPE-CLASH', 'its task file becomes the same recipe as another');
}

export function translateRole(role: Role, ctx: TranslateContext): Cookbook {
  const name = ctx.cookbookOf(role.name);
  const taskFiles = [...role.taskFiles.keys()].sort();
  const recipeOf = (file: string) => (role.taskFiles.has(file) ? recipeName(file) : undefined);
  const env = newEnv(ctx, name, role.dir, recipeOf, role);
  // Results of a role run before this one in each of its plays, where that is proven (cross-role-register.ts).
  for (const [reg, r] of providedResults(ctx.crossRoleReads?.get(role.name), ctx.roleRegistered ?? new Map())) {
    env.registered.set(reg, r);
    const provider = ctx.cookbookOf(ctx.crossRoleReads!.get(role.name)!.get(reg)!);
    // A dependency, so its input hash covers that role: a change to it alone re-renders this cookbook.
    env.depends.add(provider);
    env.notes.add(
      `'${reg}' is registered by cookbook ${provider}, which every play running this role runs first: read from node.run_state, so a run list must run recipe[${provider}] before this cookbook (else the read fails as undefined)`,
    );
  }
  const scope = rootScope(ctx, env);

  const handlerItems = [...role.handlerFiles.entries()]
    .sort(([a], [b]) => (a === 'main.yml' ? -1 : b === 'main.yml' ? 1 : a < b ? -1 : 1))
    .flatMap(([, items]) => items);
  const handlerStmts = translateHandlers(handlerItems, env, scope);

  const recipes: Recipe[] = [];
  const sub = (p: string) => (role.dir ? `${role.dir}/${p}` : p);
  const clashing = recipeClashes(taskFiles, ctx, sub);
  const prefix = role.dir ? `${role.dir}/` : '';
  const translated = new Map<string, Stmt[]>();
  for (const file of includeFirstOrder(taskFiles, role, (p) => ctx.input.has(prefix + p))) {
    translated.set(file, translateItems(role.taskFiles.get(file)!, env, scope));
    // Files are translated included-first, not in run order: what one stored, the next cannot count on.
    forgetStored(env.registered);
  }
  ctx.roleRegistered?.set(role.name, new Map(env.registered));
  for (const file of taskFiles) {
    const stmts = translated.get(file)!;
    if (clashing.has(file)) {
      for (const item of role.taskFiles.get(file)!) markTodo(item, env);
      continue;
    }
    recipes.push({ name: recipeName(file), source: sub(`tasks/${file}`), stmts });
  }
  let main = recipes.find((r) => r.name === 'default');
  if (!main) {
    main = { name: 'default', source: sub('tasks'), stmts: [] };
    recipes.unshift(main);
  }
  // Dependencies run before the role, as Ansible runs meta dependencies first.
  const prelude: Stmt[] = [];
  for (const dep of role.dependencies) {
    const cb = ctx.cookbookOf(dep.name);
    env.depends.add(cb);
    prelude.push({ kind: 'include_recipe', recipe: `${cb}::default`, origin: { span: dep.span } });
    if (dep.params.length || dep.entryVars.length)
      ctx.sink.warning('A2C-TODO-ROLE-PARAMS', `parameters of dependency ${dep.name} are not converted`, dep.span);
  }
  // A recipe an include enters without the default one cannot notify a service only default declares.
  if (!ctx.enteredByTaskFile?.has(role.name)) notifyServicesDirectly(env.handlers, recipes, handlerStmts);
  for (const r of recipes) shareNotifyLists(r, handlerStmts);
  // Named as an include_role's tasks_from names it (handlers-recipe.ts); none when every handler
  // became a direct notification of its service (such an include is dropped: pruneHandlerIncludes).
  const handlers = handlersRecipe(role);
  if (handlers !== undefined && handlerStmts.length) {
    recipes.push({ name: handlers, source: sub('handlers/main.yml'), stmts: handlerStmts });
    prelude.push({
      kind: 'include_recipe',
      recipe: `${name}::${handlers}`,
      origin: { span: { file: sub('handlers/main.yml'), line: 1, col: 1 } },
    });
  }
  main.stmts.unshift(...prelude);

  const resources = ctx.roleResources ? roleResources(role.name, ctx.roleResources, name, sub, bodyTranslator(ctx, env), ctx.sink) : [];
  // Each value printed as it is made: a role's vars files can be megabytes (Attribute.settled).
  const settled = ctx.printAssignment ? { printAssignment: ctx.printAssignment } : {};
  const attributes = [
    ...attributesFrom(role.defaults, 'default', scope, ctx.sink, ctx.text, ctx.vaults, settled),
    ...attributesFrom(role.vars, 'override', scope, ctx.sink, ctx.text, ctx.vaults, settled),
    ...env.platformAttributes,
    ...attributesFrom(
      env.includedVars.map((p) => role.varsFiles.get(p.slice(sub('vars').length + 1)) ?? { file: p, entries: [] }),
      'override',
      scope,
      ctx.sink,
      ctx.text,
      ctx.vaults,
      settled,
    ),
  ];
  const computedAtUse = ctx.deferred.ofRole(role.name);
  if (computedAtUse.length)
    env.notes.add(
      `computed at each use, not attributes (their values read what is known only while tasks run: set_fact variables, registered results, loop variables, or variables without a translation): ${computedAtUse.join(', ')}`,
    );
  return {
    name,
    version: '0.1.0',
    depends: [ctx.supportCookbook, ...[...env.depends].filter((d) => d !== name)],
    source: role.dir || '.',
    attributes,
    recipes,
    templates: [...env.templates.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    files: [...env.files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    ...(resources.length ? { resources } : {}),
    notes: [...env.notes].sort(),
  };
}

/**
 * How a custom resource's action is translated (role-resource.ts): with the cookbook's env when
 * given (its templates and files land in the cookbook), else with an env of its own; either way
 * with the diagnostics, ledger and handlers kept aside, since the role's recipes report its tasks.
 */
export function bodyTranslator(ctx: TranslateContext, cookbookEnv?: CookbookEnv): RoleResourceDeps {
  return {
    translate: (role, items, scoped, quiet) => {
      const quietCtx: TranslateContext = { ...ctx, sink: quiet.sink, accounting: quiet.accounting, roleResources: new Map() };
      const env: CookbookEnv = cookbookEnv
        ? {
            ...cookbookEnv,
            project: quietCtx,
            handlers: quiet.handlers,
            registered: new Map(),
            includeStack: [],
            platformAttributes: [],
            includedVars: [],
          }
        : newEnv(quietCtx, ctx.cookbookOf(role.name), role.dir, (f) => (role.taskFiles.has(f) ? recipeName(f) : undefined), role);
      const base = rootScope(ctx, env);
      return { stmts: translateItems(items, env, scoped(base)), base };
    },
  };
}

/** `factReads`: its reads of ansible_env / ansible_user_id, reported at each use with the plays of the cookbook using it (run-user.ts). */
type Translated = { t: Template | Untranslatable; used: Passable[]; factReads: Array<{ fact: string; at: Span }> };
const templateCache = new WeakMap<TranslateContext, Map<string, Translated>>();
/** Per cookbook: which passed variables each written template reads (one ERB serves one set). */
const templateVariants = new WeakMap<CookbookEnv['templates'], Map<string, string>>();

/**
 * Translate a `.j2` once per run and per set of names the task can pass (loop variables, task vars);
 * a failure is a diagnostic at the template's line:col. A template that reads registered results is
 * translated again where it is used: Chef renders it at converge time, after the ruby_blocks of the
 * tasks registered before it have stored their results.
 */
/** Codes of a template's forms Ansible 2.14 refuses, which its task reports too (translateTemplateFile). */
const REFUSED_FORMS: ReadonlySet<DiagnosticCode> = new Set(['A2C-JINJA-PYTHON2', 'A2C-JINJA-REMOVED']);

function translateTemplateFile(
  ctx: TranslateContext,
  path: string,
  env: CookbookEnv,
  span: Span,
  caller?: VarScope,
  settings: TaskJinjaSettings = {},
): TemplateUse | Untranslatable | undefined {
  let cache = templateCache.get(ctx);
  // Settings the task changes from Ansible's (trim_blocks on, lstrip_blocks off) render another ERB.
  const changed = settingsTags(settings);
  if (!cache) templateCache.set(ctx, (cache = new Map()));
  const base = `${env.baseDir ? env.baseDir + '/' : ''}templates/`;
  const rel = path.startsWith(base) ? path.slice(base.length) : path.slice(env.baseDir ? env.baseDir.length + 1 : 0);
  const outPath = join(rel.replace(/\.j2$/, '') + '.erb');
  const passable = caller ? passableNames(caller) : [];
  const types = passedTypes(passable, caller);
  const translate = (scope: VarScope): Translated => {
    const locals = new RecordingLocals(passable.map((p) => [p.jinja, p.local]));
    const factReads: Translated['factReads'] = [];
    const r = jinjaTemplate(
      ctx.templateText(path),
      { ...scope, locals, ...(types.size > 0 ? { localTypes: types } : {}), factRead: (fact, at) => factReads.push({ fact, at }) },
      path,
      { roleDir: env.baseDir, read: (p) => (ctx.input.has(p) ? ctx.templateText(p) : undefined) },
      ctx.parseTemplate,
      changed.length > 0 ? settings : undefined,
    );
    const used = passable.filter((p) => locals.used.has(p.jinja));
    return { t: failed(r) ? r : { path: outPath, source: path, body: [...readPassed(used), ...r] }, used, factReads };
  };
  const key = `${env.cookbook}:${env.role?.name ?? ''}:${path}|${passable.map((p) => `${p.jinja}=${p.local}${typeSignature(types.get(p.jinja))}`).join(',')}|${changed.join(',')}`;
  // A role's plays are the same for every task of its cookbook, a playbook's change from play to
  // play: only a role's template, translated once per cookbook, reads the play's hosts.
  if (!cache.has(key))
    cache.set(
      key,
      translate({
        ...rootScope(ctx),
        // role_name in a role's template is the role whose task renders it, as in its tasks.
        magic: roleMagic(ctx.magic, env.role ? env : undefined),
        cookbook: env.cookbook,
        ...(env.role ? { role: env.role.name } : {}),
      }),
    );
  let { t, used, factReads } = cache.get(key)!;
  // A read of a registered result, or a result test on one (`r is changed` first in the template),
  // needs the results registered so far: translated again with the cookbook's.
  if (failed(t) && (/\(register:[^)]*\)$/.test(t.reason) || /^'is [\w.]+' on a registered result: .*\(test:[\w.]+\)$/.test(t.reason)))
    // Without `stored`: one ERB may serve tasks of several recipes, not all after the registering one.
    ({ t, used, factReads } = translate({ ...rootScope(ctx, env), registered: forgetStored(new Map(env.registered)) }));
  if (failed(t)) {
    ctx.sink.add(
      diagnostic(t.code, `template ${path}: ${t.reason}`, t.span ?? { file: path, line: 1, col: 1 }, t.severity, [
        `used by the task at ${span.file}:${span.line}`,
      ]),
    );
    // A form Ansible 2.14 refuses that older Ansible took (a Python 2 method, a test as a filter):
    // the task's TODO is that input to fix, as the template's is, not a translation gap.
    if (t.code && REFUSED_FORMS.has(t.code))
      return new Untranslatable(t.code, `template ${rel} holds a form Ansible refuses (see the diagnostic at the template)`, span);
    return undefined;
  }
  // The cookbook's plays decide (a playbook's change from play to play; the translation is cached).
  for (const r of factReads) reportRunUserRead(env, r.fact, r.at);
  const variables: Array<[string, RExpr]> = [];
  for (const p of used) {
    const v = p.value();
    if (failed(v)) return v;
    variables.push([p.local, v]);
  }
  // One ERB reads one set of passed variables. A task that passes another set (the same task file
  // inlined in a loop and also a recipe of its own) gets its own copy, named after what it reads.
  let variants = templateVariants.get(env.templates);
  if (!variants) templateVariants.set(env.templates, (variants = new Map()));
  const claim = `${path}|${used.map((p) => `${p.jinja}=${p.local}${typeSignature(types.get(p.jinja))}`).join(',')}|${changed.join(',')}`;
  let chosen = t.path;
  if ((variants.get(chosen) ?? claim) !== claim) {
    chosen = `${t.path.replace(/\.erb$/, '')}+${[...used.map((p) => p.local), ...changed].join('+') || 'plain'}.erb`;
    if ((variants.get(chosen) ?? claim) !== claim) {
      return new Untranslatable(
        'A2C-TODO-TEMPLATE',
        `template ${path} is rendered by tasks that pass it different variables, and ${chosen} is taken`,
        span,
      );
    }
  }
  variants.set(chosen, claim);
  env.templates.set(chosen, chosen === t.path ? t : { ...t, path: chosen });
  return { path: chosen, variables };
}

/** The settings a task changes from Ansible's defaults, as names for cache keys and ERB copies. */
function settingsTags(settings: TaskJinjaSettings): string[] {
  const tags: string[] = [];
  if (settings.trimBlocks === false) tags.push('no_trim_blocks');
  if (settings.lstripBlocks === true) tags.push('lstrip_blocks');
  return tags;
}

/**
 * The types of the caller's locals the template can read (a task loop's `item` over a list whose
 * items' type is known, a task var written as a literal): the template reads the value the task
 * passes, so it has the same type.
 */
function passedTypes(passable: readonly Passable[], caller: VarScope | undefined): Map<string, VarType> {
  const out = new Map<string, VarType>();
  for (const p of passable) {
    const t = caller?.locals.get(p.jinja) === p.local ? caller.localTypes?.get(p.jinja) : p.type;
    if (t && t.t !== 'any') out.set(p.jinja, t);
  }
  return out;
}

/** A typed local translates to another ERB than an untyped one: the cache and the variant claim tell them apart. */
function typeSignature(t: VarType | undefined): string {
  return t ? `:${JSON.stringify(t)}` : '';
}
