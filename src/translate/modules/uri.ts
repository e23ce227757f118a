// ansible.builtin.uri: http_request when nothing reads the response and http_request can make the
// request; otherwise a ruby_block making it as the module does (A2C::Uri), with register keeping
// its result for later tasks.
import { call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { staticBool, staticString } from '../values.js';
import { bare, optional, required } from './common.js';
import { propertyArg } from './params.js';
import type { ModuleCall, ModuleOutput, ModuleTranslator, RunResult } from './types.js';

const URI: RExpr = { k: 'const', path: ['A2C', 'Uri'] };

export const uriModule: ModuleTranslator = (call) => {
  for (const a of call.task.args) {
    const p = call.spec.params.get(a.key);
    if (!p) return new Untranslatable('A2C-TODO-PARAM', `uri argument '${a.key}' is not in the mapping table`, a.value.span);
    if (p.kind === 'unsupported') return new Untranslatable('A2C-TODO-PARAM', `uri argument '${a.key}': ${p.reason}`, a.value.span);
  }
  if (call.register !== undefined) {
    const result = uriResult(call);
    return failed(result) ? result : { stmts: [], result };
  }
  if (call.task.keywords.has('register'))
    return new Untranslatable(
      'A2C-TODO-REGISTER',
      'uri registering under a computed name is not converted',
      call.task.keywords.get('register')!.span,
    );
  // What http_request can say of a request is the table's native_params; any other argument needs
  // A2C::Uri. Certificates are checked by default, by the module and by Chef alike.
  const native = call.spec.native_params ?? new Set<string>();
  if (call.task.args.some((a) => !native.has(a.key) && !(a.key === 'validate_certs' && staticBool(a.value) === true)))
    return uriBlock(call);
  const url = required(call, 'url');
  if (failed(url)) return url;
  const method = (staticString(call.arg('method')) ?? 'GET').toUpperCase();
  const action = methodAction(call, method);
  if (!action) return new Untranslatable('A2C-TODO-PARAM', `HTTP method ${method} is not converted`, call.task.span);
  const props = [];
  const body = optional(call, 'body');
  if (failed(body)) return body;
  if (body) props.push({ name: 'message', value: body });
  const headers = optional(call, 'headers');
  if (failed(headers)) return headers;
  if (headers) props.push({ name: 'headers', value: headers });
  return { stmts: [bare(call, 'http_request', str(call.task.name ?? 'uri'), [{ name: 'url', value: url }, ...props], [action])] };
};

/** The table's method values (the actions of http_request), by the method's upper-case name. */
function methodAction(call: ModuleCall, method: string): string | undefined {
  const p = call.spec.params.get('method');
  return p?.kind === 'action' ? p.values[method] : undefined;
}

/**
 * A request http_request cannot make (credentials, body_format, status_code, ...): a ruby_block
 * making it as the module does, failing the run where the module fails. The module reports no
 * change but a ruby_block always does, so a notify on the task is not converted.
 */
function uriBlock(call: ModuleCall): Result<ModuleOutput> {
  const notify = call.task.keywords.get('notify');
  if (notify)
    return new Untranslatable('A2C-TODO-PARAM', 'notify on a uri made by a ruby_block would fire on every run; not converted', notify.span);
  const args = uriResult(call);
  if (failed(args)) return args;
  const run = rcall(URI, 'run', [], { kwargs: args.kwargs });
  return { stmts: [bare(call, 'ruby_block', str(call.task.name ?? 'uri'), [{ name: 'block', value: run, block: true }])] };
}

/**
 * The arguments of A2C::Uri (registered or not): the table names A2C::Uri's keyword for each argument and its type. The method
 * must be known (it decides whether redirects are followed); the module fails on a status outside
 * status_code, so ignore_errors is passed on.
 */
function uriResult(call: ModuleCall): Result<RunResult> {
  const { task, spec, scope } = call;
  if (task.freeForm) return new Untranslatable('A2C-TODO-PARAM', 'uri with free-form arguments is not converted', task.freeForm.span);
  for (const k of ['failed_when', 'changed_when'] as const) {
    const n = task.keywords.get(k);
    // uri without dest never reports a change: `changed_when: false` says what is already so.
    if (n && !(k === 'changed_when' && staticBool(n) === false))
      return new Untranslatable('A2C-TODO-REGISTER', `${k} on a registered uri is not converted`, n.span);
  }
  const kwargs: Array<[string, RExpr]> = [];
  for (const a of task.args) {
    const p = spec.params.get(a.key);
    if (p?.kind === 'action') {
      const method = staticString(a.value)?.toUpperCase();
      if (method === undefined || !methodAction(call, method))
        return new Untranslatable('A2C-TODO-PARAM', 'uri method must be a literal GET, POST, PUT, DELETE, HEAD or OPTIONS', a.value.span);
      kwargs.push(['method', str(method)]);
      continue;
    }
    if (p?.kind !== 'property') continue;
    const v = propertyArg(a, p, scope, (chosen, choices) => `uri ${a.key}: ${chosen} is not converted (one of ${choices})`);
    if (failed(v)) return v;
    // An omitted argument (a constant) is absent: the module's default applies.
    if (v.k === 'const') continue;
    kwargs.push([p.property, v]);
  }
  if (!kwargs.some(([k]) => k === 'url')) return new Untranslatable('A2C-TODO-PARAM', 'uri needs url', task.span);
  if (kwargs.some(([k]) => k === 'password'))
    call.env.notes.add(
      'uri credentials are sent as the role gives them (attributes): keep the password in a secret store (chef-vault item or encrypted data bag) and read it from there',
    );
  return { helper: 'uri', args: [], kwargs, fails: true };
}
