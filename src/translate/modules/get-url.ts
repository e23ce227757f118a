// get_url -> remote_file. Without force, Ansible 2.14 asks the server for the file with
// If-Modified-Since set to the existing file's modification time and replaces the file only on a
// 200 whose content differs (its documentation says "only if the destination does not exist", but
// the module sends the conditional request; measured against a real server). Chef's own
// conditional GET uses the times it cached from earlier runs instead, so it is switched off and the
// header is computed from the file when the resource converges. With force, or with a checksum
// (a matching file is kept, another is downloaded again and verified), remote_file's :create does
// what the module does.
import { call as rcall, bool, type RExpr } from '../../ir/ruby-ast.js';
import { failed, Untranslatable } from '../../base/failure.js';
import { strictBool } from '../task/strict-bool.js';
import { staticString, translateValue } from '../values.js';
import { scalarString } from '../../load/ansible/yaccess.js';
import type { YNode } from '../../load/ansible/yaml.js';
import { mapParams, resource } from './params.js';
import type { ModuleTranslator } from './types.js';

const TASKS: RExpr = { k: 'const', path: ['A2C', 'Tasks'] };

export const getUrlModule: ModuleTranslator = (call) => {
  const toDir = directoryDest(call.arg('dest'), call.arg('url'));
  if (toDir) return intoDirectory(call) ?? toDir;
  const checksumVar = sha256Variable(call);
  const m = mapParams(call, { skip: new Set(checksumVar ? ['force', 'checksum'] : ['force']) });
  if (failed(m)) return m;
  if (checksumVar) {
    const v = translateValue(checksumVar, call.scope);
    if (failed(v)) return v;
    m.properties.push({ name: 'checksum', value: rcall(TASKS, 'sha256_checksum', [v]) });
  }
  const forceNode = call.arg('force');
  const force = forceNode ? strictBool(forceNode, 'force', call.scope) : bool(false);
  if (failed(force)) return force;
  if (force.k !== 'bool')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'get_url force must be static: it decides whether the file is fetched again',
      forceNode!.span,
    );
  const hasChecksum = m.properties.some((p) => p.name === 'checksum');
  if (!force.v && !hasChecksum) {
    const path = m.identity?.value;
    if (!path) return new Untranslatable('A2C-TODO-PARAM', 'get_url needs dest', call.task.span);
    const given = m.properties.find((p) => p.name === 'headers');
    m.properties = m.properties.filter((p) => p !== given);
    m.properties.push(
      { name: 'headers', value: { k: 'lazy', e: rcall(TASKS, 'if_modified_since', given ? [path, given.value] : [path]) } },
      { name: 'use_etag', value: bool(false) },
      { name: 'use_last_modified', value: bool(false) },
    );
    m.notes.push(
      'force: no -> fetched only when the server says the file changed after the existing one was written (If-Modified-Since, as Ansible asks)',
    );
  }
  return { stmts: [resource(call, 'remote_file', m, { k: 'str', v: call.task.name ?? call.spec.fqcn })] };
};

/**
 * A checksum that is one variable every definition of which in the input is a literal
 * `sha256:<64 hex digits>`: read as the module reads it when the task runs (A2C::Tasks.sha256_checksum),
 * so a value of another algorithm given from outside the input (a Policyfile or node attribute) fails the
 * run rather than being checked otherwise. Any other templated checksum is left to the table's transform.
 */
function sha256Variable(call: Parameters<ModuleTranslator>[0]): YNode | undefined {
  const node = call.arg('checksum');
  const text = node && scalarString(node);
  const name = text === undefined ? undefined : /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(text)?.[1];
  if (name === undefined || call.scope.locals.has(name) || call.scope.vars?.has(name)) return undefined;
  const defs = call.scope.symbols.get(name)?.definitions ?? [];
  const literal = (d: (typeof defs)[number]) =>
    d.value?.kind === 'scalar' && typeof d.value.value === 'string' && /^sha256:[0-9a-fA-F]{64}$/.test(d.value.value);
  return defs.length > 0 && defs.every(literal) ? node : undefined;
}

/**
 * A dest that names a directory (ends with '/'): get_url picks the file name from the server's
 * response when the task runs, the Content-Disposition file name or else the basename of the URL
 * it finally fetched (after redirects), and downloads on every run. Neither is known before the
 * request, so the task is a TODO that names the file Ansible would write when the server sends
 * no Content-Disposition and no redirect. (A dest without '/' that is a directory on the node
 * cannot be told from a file here and converts as a file path.)
 */
function directoryDest(dest: YNode | undefined, url: YNode | undefined): Untranslatable | undefined {
  const d = scalarString(dest);
  if (d === undefined || !d.endsWith('/')) return undefined;
  const u = staticString(url);
  const guess = u === undefined ? '' : ` (without them: ${JSON.stringify(d + urlFilename(u))})`;
  return new Untranslatable(
    'A2C-TODO-PARAM',
    `get_url dest ${JSON.stringify(d)} is a directory: the file name comes from the server's response (Content-Disposition, or the URL after redirects)${guess}; set dest to the file's path`,
    dest!.span,
  );
}

/** The only arguments a download into a directory converts with: the module's defaults for the rest. */
const DIRECTORY_ARGS: ReadonlySet<string> = new Set(['url', 'dest']);

/**
 * `get_url: url=... dest=<dir>/` with no other argument and no register: a2c_get_url_directory,
 * which asks the server when it converges and names the file as the module does (support cookbook
 * libraries/a2c_get_url.rb). Other arguments (mode, owner, checksum, headers, ...) or a registered
 * result (its dest is the name found) leave the TODO.
 */
function intoDirectory(call: Parameters<ModuleTranslator>[0]): ReturnType<ModuleTranslator> | undefined {
  if (call.register !== undefined || call.task.args.some((a) => !DIRECTORY_ARGS.has(a.key))) return undefined;
  const url = translateValue(call.arg('url')!, call.scope);
  if (failed(url)) return url;
  const dest = translateValue(call.arg('dest')!, call.scope);
  if (failed(dest)) return dest;
  const m = {
    name: url,
    properties: [{ name: 'path', value: dest }],
    actions: ['create'],
    notes: [
      'dest is a directory: a2c_get_url_directory fetches the URL on every run and names the file from the response (Content-Disposition, else the URL after redirects), replacing it only where its content differs, as get_url does',
    ],
  };
  return { stmts: [resource(call, 'a2c_get_url_directory', m, url)] };
}

/** get_url's url_filename: the last segment of the URL's path, 'index.html' when empty. */
export function urlFilename(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0]!;
  }
  return path.slice(path.lastIndexOf('/') + 1) || 'index.html';
}
