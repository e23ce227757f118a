// A ModulePlugin (the published API) seen from inside the tool: a ModuleTranslator for the task
// translator (its module table entry is made in register.ts). The opaque API values are the tool's own IR
// (RExpr, Stmt, Untranslatable) under their public names.
import type { Stmt } from '../../ir/chef-ir.js';
import type { Task } from '../../load/ansible/model.js';
import { VaultValue, type YNode } from '../../load/ansible/yaml.js';
import { join, insideRoot } from '../../load/ansible/input.js';
import { containsJinja, parseString } from '../../load/jinja/index.js';
import { parsePythonJson } from '../../load/python-json.js';
import { call as rcall, fromData, nodePath, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { hasJinja } from '../jinja-bridge.js';
import { translateValue } from '../values.js';
import { resource as chefResource } from './params.js';
import { unshippableName } from './shipped-name.js';
import type { ModuleCall, ModuleOutput, ModuleTranslator } from './types.js';
import type { Result } from '../../base/failure.js';
import { allows, isDiagnosticCode, type CodeWith } from '../../base/diagnostic-codes.js';
import type { Severity, Span } from '../../base/diagnostics.js';
import type { ArgValue, ChefStmt, Gap, ModulePlugin, PluginApi, PluginTask, RubyExpr } from '../../mapping/plugins/api.js';

const toR = (e: RubyExpr): RExpr => e as unknown as RExpr;
const fromR = (e: RExpr): RubyExpr => e as unknown as RubyExpr;
const toS = (s: ChefStmt): Stmt => s as unknown as Stmt;
const fromS = (s: Stmt): ChefStmt => s as unknown as ChefStmt;
const fromGap = (u: Untranslatable): Gap => u as unknown as Gap;

const translators = new WeakMap<ModulePlugin, ModuleTranslator>();

/** The translator of a module table's plugin entry (one per plugin, made on first use). */
export function pluginTranslatorOf(entry: { plugin: ModulePlugin; origin: string }): ModuleTranslator {
  let t = translators.get(entry.plugin);
  if (!t) translators.set(entry.plugin, (t = pluginTranslator(entry.plugin, entry.origin)));
  return t;
}

function pluginTranslator(plugin: ModulePlugin, origin: string): ModuleTranslator {
  return (call) => {
    for (const a of call.task.args) {
      const p = plugin.params[a.key];
      if (!p)
        return new Untranslatable(
          'A2C-TODO-PARAM',
          `argument '${a.key}' of ${plugin.module} is not handled by plugin ${origin}`,
          a.value.span,
        );
      if (p.status === 'unsupported')
        return new Untranslatable('A2C-TODO-PARAM', `argument '${a.key}' of ${plugin.module}: ${p.reason ?? 'unsupported'}`, a.value.span);
    }
    if (call.task.freeForm)
      return new Untranslatable('A2C-TODO-PARAM', `free-form arguments of ${plugin.module} are not understood`, call.task.freeForm.span);
    let out: unknown;
    try {
      out = plugin.translate(pluginTask(call.task), pluginApi(call, origin));
    } catch (e) {
      // A plugin bug is the plugin author's error, reported at the task it failed on; the run goes on.
      return new Untranslatable('A2C-PLUGIN-ERROR', `plugin ${origin} failed: ${(e as Error).message ?? String(e)}`, call.task.span);
    }
    return checkResult(out, origin, call.task);
  };
}

function checkResult(out: unknown, origin: string, task: Task): Result<ModuleOutput> {
  if (out instanceof Untranslatable) return out;
  if (typeof out === 'object' && out !== null) {
    const o = out as Record<string, unknown>;
    if (Array.isArray(o.stmts)) return { stmts: o.stmts.map((s) => toS(s as ChefStmt)) };
    if (typeof o.ignored === 'string' && typeof o.code === 'string') {
      if (tableCode(o.code, 'info')) return { ignored: o.ignored, code: o.code };
      return new Untranslatable(
        'A2C-PLUGIN-ERROR',
        `plugin ${origin} returned { ignored } with code '${o.code}', which is not an info code of ansible2chef's table`,
        task.span,
      );
    }
  }
  return new Untranslatable('A2C-PLUGIN-ERROR', `plugin ${origin} returned neither { stmts }, { ignored, code } nor a gap`, task.span);
}

function argValue(node: YNode): ArgValue {
  const v = argValueOf(node);
  nodes.set(v, node);
  return v;
}

function argValueOf(node: YNode): ArgValue {
  switch (node.kind) {
    case 'scalar': {
      if (node.value instanceof VaultValue) return { kind: 'scalar', value: null, span: node.span, vault: true };
      const v = node.value;
      if (typeof v === 'string' && !node.unsafe && hasJinja(v)) {
        // A copy: parsed strings are shared (parser.ts) and a plugin may change what it is given.
        const parsed = parseString(v);
        return { kind: 'scalar', value: v, span: node.span, ...(parsed.ok ? { jinja: structuredClone(parsed.value) } : {}) };
      }
      return { kind: 'scalar', value: v, span: node.span };
    }
    case 'seq':
      return { kind: 'list', items: node.items.map(argValue), span: node.span };
    case 'map':
      return {
        kind: 'map',
        entries: node.entries.map((e) => ({ key: e.key.kind === 'scalar' ? String(e.key.value) : '', value: argValue(e.value) })),
        span: node.span,
      };
  }
}

// The API keeps the YAML node of every ArgValue it handed out, so value() translates the original.
const nodes = new WeakMap<ArgValue, YNode>();

function pluginTask(task: Task): PluginTask {
  const args = task.args.map((a) => ({ key: a.key, value: argValue(a.value) }));
  return {
    module: task.module,
    moduleAsWritten: task.moduleAsWritten,
    ...(task.name !== undefined ? { name: task.name } : {}),
    span: task.span,
    args,
    arg: (...names) => {
      for (let i = args.length - 1; i >= 0; i--) if (names.includes(args[i]!.key)) return args[i]!.value;
      return undefined;
    },
  };
}

/** Plugins are JavaScript at run time: a code outside the table (or at a severity it does not allow) is the plugin's error. */
function tableCode<S extends Severity>(code: string, severity: S): code is CodeWith<S> {
  return isDiagnosticCode(code) && allows(code, severity);
}

function pluginApi(call: ModuleCall, plugin: string): PluginApi {
  const refused = (code: string, severity: Severity, span: Span) =>
    new Untranslatable(
      'A2C-PLUGIN-ERROR',
      `plugin ${plugin} reported code '${code}', which is not a ${severity} code of ansible2chef's table`,
      span,
    );
  // Block parameter names: numbered per task, so output does not depend on what ran before.
  let pairs = 0;
  const origin = { span: call.task.span, ...(call.task.name !== undefined ? { taskName: call.task.name } : {}) };
  const value = (v: ArgValue): RubyExpr | Gap => {
    const node = nodes.get(v);
    if (!node) return fromR(fromData(staticDataOf(v)));
    const r = translateValue(node, call.scope);
    return failed(r) ? fromGap(r) : fromR(r);
  };
  return {
    apiVersion: 1,
    str: (v) => fromR(str(v)),
    int: (v) => fromR({ k: 'int', v }),
    bool: (v) => fromR({ k: 'bool', v }),
    nil: () => fromR({ k: 'nil' }),
    array: (items) => fromR({ k: 'array', items: items.map(toR) }),
    hash: (pairs) => fromR({ k: 'hash', pairs: pairs.map(([k, v]) => [toR(k), toR(v)]) }),
    nodeAttribute: (path) => fromR(nodePath(path)),
    data: (v) => fromR(fromData(v)),
    call: (recv, method, args = []) => fromR(rcall(toR(recv), method, args.map(toR))),
    jinjaHelper: (helper, args) => fromR(rcall({ k: 'const', path: ['A2C', 'Jinja'] }, helper, args.map(toR))),
    supportHelper: (module, helper, args) => {
      // The printer writes constant paths as given: only a plain constant name may come from a plugin.
      if (!/^[A-Z][A-Za-z0-9]*$/.test(module)) throw new Error(`supportHelper: '${module}' is not a module name of the support cookbook`);
      return fromR(rcall({ k: 'const', path: ['A2C', module] }, helper, args.map(toR)));
    },
    isA: (recv, type) => fromR(rcall(toR(recv), 'is_a?', [{ k: 'const', path: [type] }])),
    interpolate: (parts) => fromR({ k: 'interp', parts: parts.map((p) => (typeof p === 'string' ? p : toR(p))) }),
    ternary: (c, t, f) => fromR({ k: 'ternary', c: toR(c), t: toR(t), f: toR(f) }),
    value,
    staticData: (v) => staticDataOf(v),
    resource: (type, name, properties, options = {}) => {
      const stmt = chefResource(
        call,
        type,
        {
          name: toR(name),
          properties: [
            ...properties.map(([n, v]) => ({ name: n, value: toR(v) })),
            ...(options.blocks ?? []).map(([n, v]) => ({ name: n, value: toR(v), block: true })),
          ],
          actions: options.actions ?? [],
          notes: options.notes ?? [],
        },
        toR(name),
      );
      return fromS(stmt);
    },
    eachPair: (hash, body) => {
      const n = ++pairs;
      const k = `a2c_key${n}`;
      const v = `a2c_value${n}`;
      return fromS({
        kind: 'each',
        items: toR(hash),
        params: [k, v],
        body: body(fromR({ k: 'var', name: k }), fromR({ k: 'var', name: v })).map(toS),
      });
    },
    ifElse: (cond, then, otherwise) =>
      fromS({ kind: 'if', cond: toR(cond), body: then.map(toS), ...(otherwise ? { otherwise: otherwise.map(toS) } : {}) }),
    template: (src) => templateSource(call, src),
    templateText: (src) => templateText(call, src),
    hasJinja: (text) => containsJinja(text),
    pythonJson: (text) => parsePythonJson(text),
    gap: (code, reason, span) =>
      fromGap(
        tableCode(code, 'warning')
          ? new Untranslatable(code, reason, span ?? call.task.span)
          : refused(code, 'warning', span ?? call.task.span),
      ),
    isGap: (x): x is Gap => x instanceof Untranslatable,
    note: (text) => void call.env.notes.add(text),
    info: (code, message, span) => {
      if (tableCode(code, 'info')) call.env.project.sink.info(code, message, span ?? origin.span);
      else call.env.project.sink.error('A2C-PLUGIN-ERROR', refused(code, 'info', span ?? origin.span).reason, span ?? origin.span);
    },
    warning: (code, message, span) => {
      if (tableCode(code, 'warning')) call.env.project.sink.warning(code, message, span ?? origin.span);
      else call.env.project.sink.error('A2C-PLUGIN-ERROR', refused(code, 'warning', span ?? origin.span).reason, span ?? origin.span);
    },
  };
}

function staticDataOf(v: ArgValue): unknown {
  switch (v.kind) {
    case 'scalar':
      return v.vault || v.jinja || (typeof v.value === 'string' && hasJinja(v.value)) ? undefined : v.value;
    case 'list': {
      const items = v.items.map(staticDataOf);
      return items.some((i, n) => i === undefined && !isNull(v.items[n]!)) ? undefined : items;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) {
        const d = staticDataOf(e.value);
        if (d === undefined && !isNull(e.value)) return undefined;
        out[e.key] = d ?? null;
      }
      return out;
    }
  }
}

const isNull = (v: ArgValue): boolean => v.kind === 'scalar' && v.value === null && !v.vault;

/** The input path of template `src` as the template module finds it: under the role's templates/, then the role dir. */
function templateFile(call: ModuleCall, src: ArgValue): { found: string; path: string } | Untranslatable {
  const path = staticDataOf(src);
  if (typeof path !== 'string') return new Untranslatable('A2C-TODO-PARAM', 'template src must be a static path', src.span);
  const rel = join(path);
  if (!insideRoot(rel) || path.startsWith('/'))
    return new Untranslatable('A2C-PATH-ESCAPE', `template ${path} is outside the input; not read`, src.span);
  const base = `${call.env.baseDir ? call.env.baseDir + '/' : ''}templates`;
  const candidates = [join(base, rel), join(call.env.baseDir, rel)];
  const found = candidates.find((c) => call.env.project.input.has(c));
  if (!found) return new Untranslatable('A2C-MISSING-FILE', `template ${path} not found (looked in ${candidates.join(', ')})`, src.span);
  return { found, path };
}

/** The template's text as written; a file that is not UTF-8 (which Ansible's to_text would not read alike) is refused. */
function templateText(call: ModuleCall, src: ArgValue): string | Gap {
  const file = templateFile(call, src);
  if (file instanceof Untranslatable) return fromGap(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(call.env.project.input.bytes(file.found));
  } catch {
    return fromGap(new Untranslatable('A2C-TODO-PARAM', `template ${file.path} is not UTF-8 text`, src.span));
  }
}

/** As the template module finds `src`: under the role's templates/, then the role dir. */
function templateSource(call: ModuleCall, src: ArgValue): RubyExpr | Gap {
  const path = staticDataOf(src);
  if (typeof path === 'string') {
    const unsafe = unshippableName('template', join(path), src.span);
    if (unsafe && insideRoot(join(path)) && !path.startsWith('/')) return fromGap(unsafe);
  }
  const file = templateFile(call, src);
  if (file instanceof Untranslatable) return fromGap(file);
  const { found, path: name } = file;
  const tpl = call.env.translateTemplateFile(found, call.env, src.span, call.scope);
  if (!tpl)
    return fromGap(
      new Untranslatable(
        'A2C-TODO-TEMPLATE',
        `template ${name} could not be translated to ERB (see the diagnostic at the template)`,
        src.span,
      ),
    );
  if (failed(tpl)) return fromGap(tpl);
  // A plugin names only the source: the loop variables or task vars the template reads cannot reach it.
  if (tpl.variables.length)
    return fromGap(
      new Untranslatable(
        'A2C-TODO-TEMPLATE',
        `template ${name} reads variables of the task (${tpl.variables.map(([n]) => n).join(', ')}), which a plugin's template cannot be passed`,
        src.span,
      ),
    );
  return fromR(str(tpl.path));
}
