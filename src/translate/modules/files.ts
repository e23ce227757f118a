// template, copy, file and unarchive: the choice of Chef resource depends on the arguments.
import { argOf } from '../../load/ansible/task-args.js';
import type { Property, ResourceStmt } from '../../ir/chef-ir.js';
import { bool, call as rcall, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { staticBool, staticString, translateValue } from '../values.js';
import { bare, required } from './common.js';
import { mapParams, resource, type Mapped } from './params.js';
import { mayBeOmit, scopeOmitTest } from '../omit-value.js';
import type { ModuleTranslator } from './types.js';
import type { TaskJinjaSettings } from '../env.js';
import { join, insideRoot, basename, dirname } from '../../load/ansible/input.js';
import { shippable, unshippableName } from './shipped-name.js';
import { canName, srcPattern } from './template-candidates.js';
import { contentUnlessSrc } from './copy-content-or-src.js';
import { variablesHash } from '../template-vars.js';
import { copyNode, type YNode } from '../../load/ansible/yaml.js';
import { rolePathUnder } from '../../load/ansible/role-path.js';
import { BadSymbolicMode, directorySymbolicMode, usesUmask } from './symbolic-mode.js';

/** The `variables` property passing what the template reads of the task (loop variables, task vars). */
function passed(vars: ReadonlyArray<[string, RExpr]>): Property[] {
  return vars.length ? [{ name: 'variables', value: variablesHash(vars) }] : [];
}

/** The path below the role's `folder` a literal `{{ role_path }}/<folder>/...` argument names. */
function roleFileUnder(node: YNode | undefined, folder: string): string | undefined {
  if (node?.kind !== 'scalar' || typeof node.value !== 'string' || node.unsafe) return undefined;
  return rolePathUnder(node.value, folder);
}

/** A controller-side path (template src, copy src) as a path under the cookbook folder. */
function cookbookPath(src: string, ext?: { from: RegExp; to: string }): string {
  const p = join(src);
  return ext ? p.replace(ext.from, ext.to) : p;
}

/**
 * The template module's trim_blocks and lstrip_blocks: the environment the template is parsed in
 * (a `#jinja2:` header in it still changes them). A templated value is a TODO.
 */
function taskJinjaSettings(call: Parameters<ModuleTranslator>[0]): Result<TaskJinjaSettings> {
  const out: TaskJinjaSettings = {};
  for (const [arg, key] of [
    ['trim_blocks', 'trimBlocks'],
    ['lstrip_blocks', 'lstripBlocks'],
  ] as const) {
    const node = call.arg(arg);
    if (!node) continue;
    const v = staticBool(node);
    if (v === undefined) return new Untranslatable('A2C-TODO-PARAM', `${arg} of the template module must be a literal boolean`, node.span);
    out[key] = v;
  }
  return out;
}

export const templateModule: ModuleTranslator = (call) => {
  const srcNode = call.arg('src');
  if (!srcNode) return new Untranslatable('A2C-TODO-PARAM', 'template needs src', call.task.span);
  const settings = taskJinjaSettings(call);
  if (failed(settings)) return settings;
  // `{{ role_path }}/templates/x.j2`: exactly the role's templates/x.j2 (load/ansible/role-path.ts).
  const absolute = call.env.role ? roleFileUnder(srcNode, 'templates') : undefined;
  const src = staticString(srcNode) ?? absolute;
  if (src === undefined) return templatedSource(call, settings);
  const m = mapParams(call, { skip: new Set(['src']) });
  if (failed(m)) return m;
  const rel = join(src);
  if (!insideRoot(rel) || src.startsWith('/'))
    return new Untranslatable('A2C-PATH-ESCAPE', `template ${src} is outside the input; not read`, call.arg('src')!.span);
  const unsafe = unshippableName('template', rel, call.arg('src')!.span);
  if (unsafe) return unsafe;
  const base = `${call.env.baseDir ? call.env.baseDir + '/' : ''}templates`;
  const candidates = absolute !== undefined ? [join(base, rel)] : [join(base, rel), join(call.env.baseDir, rel)];
  const found = candidates.find((c) => call.env.project.input.has(c));
  if (!found) {
    return new Untranslatable('A2C-MISSING-FILE', `template ${src} not found (looked in ${candidates.join(', ')})`, call.arg('src')!.span);
  }
  const tpl = call.env.translateTemplateFile(found, call.env, call.arg('src')!.span, call.scope, settings);
  if (!tpl)
    return new Untranslatable(
      'A2C-TODO-TEMPLATE',
      `template ${src} could not be translated to ERB (see the diagnostic at the template)`,
      call.arg('src')!.span,
    );
  if (failed(tpl)) return tpl;
  const props: Property[] = [{ name: 'source', value: str(tpl.path) }, ...passed(tpl.variables), ...m.properties];
  return { stmts: [resource(call, 'template', { ...m, properties: props }, str('template'))] };
};

/**
 * `src: "{{ some_template }}"`: the choice is made when the recipe compiles, among the role's own
 * templates a value of the src's shape can name — each is translated, and the source name is
 * computed the same way (`x.conf.j2` -> `x.conf.erb`; a copy made for this task's variables where
 * another task took that name, through template_source's table). A value naming no template of the
 * cookbook fails the Chef run.
 */
function templatedSource(call: Parameters<ModuleTranslator>[0], settings: TaskJinjaSettings): ReturnType<ModuleTranslator> {
  const srcNode = call.arg('src')!;
  const role = call.env.role;
  if (!role?.templates.length)
    return new Untranslatable('A2C-TODO-PARAM', 'a templated template src outside a role with templates is not converted', srcNode.span);
  const value = translateValue(srcNode, call.scope);
  if (failed(value)) return value;
  const base = `${call.env.baseDir ? call.env.baseDir + '/' : ''}templates/`;
  // Only the templates a value of the src's shape can name (template-candidates.ts).
  const pattern = srcPattern(srcNode);
  const candidates = role.templates.filter((t) => canName(pattern, t));
  if (candidates.length === 0)
    return new Untranslatable('A2C-TODO-TEMPLATE', 'no template of the role has a name the templated src can render', srcNode.span);
  const names = shippable(candidates);
  const variables = new Map<string, RExpr>();
  const missing = names.refused.map((t) => JSON.stringify(t));
  // A template another task rendered first with other variables: this task's copy, by the name the value gives.
  const copies: Array<[RExpr, RExpr]> = [];
  for (const t of names.ok) {
    const tpl = call.env.translateTemplateFile(base + t, call.env, srcNode.span, call.scope, settings);
    if (failed(tpl)) return tpl;
    if (!tpl) missing.push(t);
    else {
      const plain = join(t.replace(/\.j2$/, '') + '.erb');
      if (tpl.path !== plain) copies.push([str(plain), str(tpl.path)]);
      for (const [n, v] of tpl.variables) variables.set(n, v);
    }
  }
  if (missing.length === candidates.length)
    return new Untranslatable('A2C-TODO-TEMPLATE', "none of the role's templates could be translated to ERB", srcNode.span);
  const m = mapParams(call, { skip: new Set(['src']) });
  if (failed(m)) return m;
  if (missing.length)
    m.notes.push(`templates not translated or not shippable under their name (a value naming one fails the run): ${missing.join(', ')}`);
  const source = rcall({ k: 'const', path: ['A2C', 'Tasks'] }, 'template_source', [
    value,
    ...(copies.length ? [{ k: 'hash' as const, pairs: copies }] : []),
  ]);
  return {
    stmts: [
      resource(
        call,
        'template',
        {
          ...m,
          properties: [{ name: 'source', value: source }, ...passed([...variables].sort(([a], [b]) => (a < b ? -1 : 1))), ...m.properties],
        },
        str('template'),
      ),
    ],
  };
}

/**
 * `copy: src: "{{ some_file }}"`: chosen when the recipe compiles among the role's own files/,
 * all of which the cookbook ships; a value naming no file of the cookbook fails the Chef run.
 */
function templatedFileSource(call: Parameters<ModuleTranslator>[0]): ReturnType<ModuleTranslator> {
  const srcNode = call.arg('src')!;
  const role = call.env.role;
  const absent = absentSourceFolder(srcNode, call.env.project.input.tree.files.keys());
  if (absent) return new Untranslatable('A2C-MISSING-FILE', absent, srcNode.span);
  if (!role?.files.length) {
    // Where no play folder of the input holds a file either, what Ansible reads lies on the
    // controller outside the input (an operator's file, or one a controller task wrote): kept as
    // controller work, as a fetched file is. A play folder with files could be the source: work left.
    const outside =
      role !== undefined &&
      !playFolderFiles(
        call.env.project.input.tree.files.keys(),
        call.env.project.playsOf(role.name).map((p) => p.span.file),
      );
    return new Untranslatable(
      outside ? 'A2C-TODO-CONTROLLER' : 'A2C-TODO-PARAM',
      `copy src ${JSON.stringify(srcNode.kind === 'scalar' ? String(srcNode.value) : '')} is chosen at run time and ${role ? 'the role has no files/' : 'no role holds the task'} to choose among: Ansible reads it on the controller (an absolute path, or a file of the play's folders), of which the cookbook has no copy to ship${outside ? "; no play folder of the input holds a file, so it lies on the controller outside the input (ship it in the role's files/ and name it there)" : ''}`,
      srcNode.span,
    );
  }
  if (staticString(call.arg('dest'))?.endsWith('/'))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'copy to a directory (dest ending in /) is not converted; name the file',
      call.arg('dest')!.span,
    );
  const value = translateValue(srcNode, call.scope);
  if (failed(value)) return value;
  const m = mapParams(call, { skip: new Set(['src', 'remote_src']) });
  if (failed(m)) return m;
  const base = join(call.env.baseDir, 'files');
  const names = shippable(role.files);
  if (!names.ok.length)
    return new Untranslatable(
      'A2C-TODO-PARAM',
      "none of the role's files can be shipped under its name (a control character or backslash)",
      srcNode.span,
    );
  if (names.refused.length)
    m.notes.push(
      `files not shippable under their name (a value naming one fails the run): ${names.refused.map((f) => JSON.stringify(f)).join(', ')}`,
    );
  for (const f of names.ok)
    call.env.files.set(f, { path: f, source: join(base, f), content: call.env.project.input.bytes(join(base, f))! });
  const source = rcall({ k: 'const', path: ['A2C', 'Tasks'] }, 'file_source', [value]);
  return {
    stmts: [resource(call, 'cookbook_file', { ...m, properties: [{ name: 'source', value: source }, ...m.properties] }, str('file'))],
  };
}

/**
 * Whether the input holds a file in the folder of a playbook running the role or in its files/
 * (where Ansible also looks for a role task's src); those playbooks themselves are left out.
 */
function playFolderFiles(paths: Iterable<string>, playbookFiles: readonly string[]): boolean {
  const own = new Set(playbookFiles);
  const dirs = new Set(playbookFiles.map(dirname));
  const filesDirs = [...dirs].map((d) => (d ? `${d}/files/` : 'files/'));
  for (const p of paths) if ((dirs.has(dirname(p)) && !own.has(p)) || filesDirs.some((f) => p.startsWith(f))) return true;
  return false;
}

/**
 * Why a templated relative src (`gpg/{{ key | basename }}`) names no file Ansible could find: no
 * file of the input lies under its literal folder, where Ansible looks only in folders of the input
 * (the role's files/ and folder, its tasks/, the play's folders), so the task fails there too.
 */
function absentSourceFolder(src: YNode, paths: Iterable<string>): string | undefined {
  const text = src.kind === 'scalar' && typeof src.value === 'string' ? src.value : undefined;
  const cut = text?.indexOf('{{') ?? -1;
  const prefix = text === undefined || cut < 0 ? '' : text.slice(0, cut);
  const dir = prefix.slice(0, prefix.lastIndexOf('/'));
  if (dir === '' || dir.startsWith('/') || dir.startsWith('~') || dir.split('/').includes('..') || /[{}%#]/.test(dir)) return undefined;
  const folder = join(dir);
  for (const p of paths) if (p.startsWith(`${folder}/`) || p.includes(`/${folder}/`)) return undefined;
  return `copy src ${JSON.stringify(text)}: no file of the input lies under ${folder}/ (Ansible looks in the role's files/ and folder, its tasks/ and the play's folders): add the files to the role's files/${folder}/`;
}

/**
 * `copy: src=f dest=/etc/nagios/`: the module writes dest + basename(src), making missing parent
 * folders (owned like the file). Converted for a static controller-side src without owner, group
 * or mode, where a recursive directory resource creates the same folders; otherwise a TODO.
 */
function copyIntoDirectory(call: Parameters<ModuleTranslator>[0], dest: string, templated: boolean): ReturnType<ModuleTranslator> {
  const destNode = call.arg('dest')!;
  const todo = () =>
    new Untranslatable(
      'A2C-TODO-PARAM',
      'copy to a directory (dest ending in /) is converted only for a static src without content, remote_src, owner, group or mode; name the file',
      destNode.span,
    );
  const src = staticString(call.arg('src'));
  if (src === undefined || src.endsWith('/') || call.arg('content') || staticBool(call.arg('remote_src')) === true) return todo();
  if (['owner', 'group', 'mode', 'directory_mode'].some((k) => call.arg(k))) return todo();
  const file = dest + basename(src);
  const args = call.task.args.map((a) => (a.key === 'dest' ? { key: a.key, value: copyNode(destNode, { value: file }) } : a));
  const inner = { ...call, task: { ...call.task, args }, arg: (...names: string[]) => argOf({ args }, ...names) };
  const out = copyModule(inner);
  if (failed(out) || !('stmts' in out)) return out;
  const folder = dest.replace(/\/+$/, '') || '/';
  // A templated folder is dest as written, slash included: always text (the template alone could be
  // re-read as a list or a number), and a directory resource takes the path with its slash.
  const folderValue = templated ? translateValue(destNode, call.scope) : str(folder);
  if (failed(folderValue)) return folderValue;
  return { stmts: [bare(call, 'directory', folderValue, [{ name: 'recursive', value: bool(true) }], [], 'path'), ...out.stmts] };
}

export const copyModule: ModuleTranslator = (call) => {
  const remote = staticBool(call.arg('remote_src'));
  if (call.arg('remote_src') && remote === undefined)
    return new Untranslatable('A2C-TODO-PARAM', 'remote_src must be static', call.arg('remote_src')!.span);
  const content = call.arg('content');
  const srcNode = call.arg('src');
  // A dest written ending in "/" is a folder whether or not it is templated: the module copies into it.
  const destNode = call.arg('dest');
  const destText = destNode?.kind === 'scalar' && typeof destNode.value === 'string' ? destNode.value : undefined;
  if (destText?.endsWith('/')) return copyIntoDirectory(call, destText, staticString(destNode) === undefined);
  if (content && srcNode) return contentUnlessSrc(call);
  if (content) {
    const m = mapParams(call);
    if (failed(m)) return m;
    // A content that templates to `omit` leaves the module neither content nor src, which it refuses.
    const given = m.properties.find((p) => p.name === 'content');
    if (given && !given.block && mayBeOmit(given.value, scopeOmitTest(call.scope)))
      given.value = rcall({ k: 'const', path: ['A2C', 'Modules'] }, 'copy_content', [given.value, { k: 'nil' }]);
    return { stmts: [resource(call, 'file', m, str('file'))] };
  }
  if (!srcNode) return new Untranslatable('A2C-TODO-PARAM', 'copy needs src or content', call.task.span);
  if (remote) {
    // A file already on the node: `file` with the content read at converge time.
    const m = mapParams(call, { skip: new Set(['src']) });
    if (failed(m)) return m;
    const src = required(call, 'src');
    if (failed(src)) return src;
    const read: RExpr = { k: 'lazy', e: rcall({ k: 'const', path: ['File'] }, 'read', [src]) };
    return { stmts: [resource(call, 'file', { ...m, properties: [{ name: 'content', value: read }, ...m.properties] }, str('file'))] };
  }
  const src = staticString(srcNode);
  if (src === undefined) return templatedFileSource(call);
  if (src.endsWith('/'))
    return new Untranslatable('A2C-TODO-PARAM', 'copying a directory is not converted; use remote_directory by hand', srcNode.span);
  const rel = cookbookPath(src);
  if (!insideRoot(rel) || src.startsWith('/'))
    return new Untranslatable('A2C-PATH-ESCAPE', `file ${src} is outside the input; not read`, srcNode.span);
  const unsafe = unshippableName('file', rel, srcNode.span);
  if (unsafe) return unsafe;
  const candidates = [join(call.env.baseDir, 'files', rel), join(call.env.baseDir, rel)];
  const found = candidates.find((c) => call.env.project.input.has(c));
  if (!found) {
    return new Untranslatable('A2C-MISSING-FILE', `file ${src} not found (looked in ${candidates.join(', ')})`, srcNode.span);
  }
  const m = mapParams(call, { skip: new Set(['src']) });
  if (failed(m)) return m;
  call.env.files.set(rel, { path: rel, source: found, content: call.env.project.input.bytes(found)! });
  const props: Property[] = [{ name: 'source', value: str(rel) }, ...m.properties];
  return { stmts: [resource(call, 'cookbook_file', { ...m, properties: props }, str('file'))] };
};

const TIMESTAMPS = ['modification_time', 'access_time'];

/**
 * modification_time / access_time: 'now' is touch's default, 'preserve' every other state's.
 * Returns 'preserve' when touch has both preserved, 'default' when both are the state's default.
 */
function timestamps(call: Parameters<ModuleTranslator>[0], state: string): Result<'default' | 'preserve'> {
  const values: Array<string | undefined> = [];
  for (const k of TIMESTAMPS) {
    const node = call.arg(k);
    const v = node ? staticString(node) : undefined;
    if (node && v === undefined)
      return new Untranslatable('A2C-TODO-PARAM', `argument '${k}' of ansible.builtin.file must be static`, node.span);
    values.push(v);
  }
  const fallback = state === 'touch' ? 'now' : 'preserve';
  if (values.every((v) => v === undefined || v === fallback)) return 'default';
  if (state === 'touch' && values.every((v) => v === 'preserve')) return 'preserve';
  const at = call.arg('modification_time') ?? call.arg('access_time');
  return new Untranslatable(
    'A2C-TODO-PARAM',
    `argument '${call.arg('modification_time') ? 'modification_time' : 'access_time'}' of ansible.builtin.file: timestamps other than the state's default (and touch with both preserved) are not converted`,
    at!.span,
  );
}

const ATTRIBUTES = ['owner', 'group', 'mode'];

/**
 * No state and no src: the module's default state is the path's current type (file, hard link,
 * directory or link), and a missing path fails ("file (...) is absent, cannot continue"). The type
 * is read at converge time (A2C::FileState.path_state): a file resource for a file, a directory
 * resource for a directory, and a failure for a missing path. A link is left alone without
 * attributes; with them the run fails, as Ansible would set them on the link's target.
 */
function currentType(call: Parameters<ModuleTranslator>[0], m: Mapped, props: Property[]): ReturnType<ModuleTranslator> {
  const path = m.name;
  if (!path) return new Untranslatable('A2C-TODO-PARAM', 'file without state needs a path', call.task.span);
  const state = pathState(path);
  const isOne = (...types: string[]): RExpr =>
    types.length === 1
      ? { k: 'binop', op: '==', l: state, r: str(types[0]!) }
      : rcall({ k: 'array', items: types.map(str) }, 'include?', [state]);
  const file = resource(call, 'file', { ...m, properties: props }, str('file'));
  file.guards.push({ kind: 'only_if', ruby: isOne('file', 'hard') });
  const dir = resource(call, 'directory', { ...m, properties: props, actions: [], notes: [] }, str('directory'));
  dir.guards.push({ kind: 'only_if', ruby: isOne('directory') });
  const link = props.some((p) => ATTRIBUTES.includes(p.name));
  const absent: RExpr = { k: 'interp', parts: ['file (', path, ') is absent, cannot continue'] };
  const message: RExpr = link
    ? {
        k: 'ternary',
        c: isOne('absent'),
        t: absent,
        f: {
          k: 'interp',
          parts: ['ansible2chef: ', path, " is a link; owner, group and mode of a link's target (file without state) are not converted"],
        },
      }
    : absent;
  const fail = bare(call, 'ruby_block', str(call.task.name ?? 'file'), [
    { name: 'block', value: rcall(undefined, 'raise', [message]), block: true },
  ]);
  fail.guards.push({ kind: 'only_if', ruby: link ? isOne('absent', 'link') : isOne('absent') });
  return { stmts: [file, dir, fail] };
}

function linkResource(call: Parameters<ModuleTranslator>[0], m: Mapped, kind: 'link' | 'hard'): ResourceStmt {
  const props = kind === 'hard' ? [...m.properties, { name: 'link_type', value: { k: 'sym', v: 'hard' } as RExpr }] : m.properties;
  const ident = m.identity ? { ...m.identity, name: 'target_file' } : undefined;
  return resource(
    call,
    'link',
    { ...m, properties: props.filter((p) => !['mode'].includes(p.name)), ...(ident ? { identity: ident } : {}) },
    str('link'),
  );
}

/**
 * src without state: the default state is again the path's current type, and src is accepted only
 * for a link or a hard link (the module fails otherwise: "src option requires state to be 'link' or
 * 'hard'"). A link is re-pointed, a hard link made again; a file or a missing path fails as in
 * Ansible; a directory (where the module would look at <path>/<basename of src>) fails the run as
 * not converted.
 */
function linkWithoutState(call: Parameters<ModuleTranslator>[0], m: Mapped): ReturnType<ModuleTranslator> {
  const path = m.name;
  if (!path) return new Untranslatable('A2C-TODO-PARAM', 'file without state needs a path', call.task.span);
  const state = pathState(path);
  const link = linkResource(call, m, 'link');
  link.guards.push({ kind: 'only_if', ruby: { k: 'binop', op: '==', l: state, r: str('link') } });
  const hard = linkResource(call, { ...m, notes: [] }, 'hard');
  hard.guards.push({ kind: 'only_if', ruby: { k: 'binop', op: '==', l: state, r: str('hard') } });
  const message: RExpr = {
    k: 'ternary',
    c: { k: 'binop', op: '==', l: state, r: str('directory') },
    t: { k: 'interp', parts: ['ansible2chef: ', path, ' is a directory; src without state (a link inside it) is not converted'] },
    f: str("src option requires state to be 'link' or 'hard'"),
  };
  const fail = bare(call, 'ruby_block', str(call.task.name ?? 'file'), [
    { name: 'block', value: rcall(undefined, 'raise', [message]), block: true },
  ]);
  fail.guards.push({ kind: 'only_if', ruby: rcall({ k: 'array', items: ['absent', 'file', 'directory'].map(str) }, 'include?', [state]) });
  return { stmts: [link, hard, fail] };
}

const pathState = (path: RExpr): RExpr => rcall({ k: 'const', path: ['A2C', 'FileState'] }, 'path_state', [path]);

/** A literal mode that is neither octal digits nor templated: a symbolic mode (or one the module rejects). */
function symbolicMode(node: YNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' && !/^(0o)?[0-7]+$/.test(node.value) && !node.value.includes('{')
    ? node.value
    : undefined;
}

/**
 * `state: directory` with a symbolic mode, and `recurse: true`: the module works on a directory (state directory, or no state on a directory or
 * a missing path) and gives owner, group and mode to every entry below it too. a2c_directory does
 * the same at converge time; a symbolic mode is applied to each entry as the module applies it
 * (`X` sets x on directories and on files that have an x bit); on the directory itself it is one
 * octal mode when it always gives one, else applied to the directory's mode at converge time. A
 * mode without user letters (the umask decides) stays a TODO.
 */
function attributedDirectory(
  call: Parameters<ModuleTranslator>[0],
  state: string | undefined,
  stateNode: YNode | undefined,
  recurse: boolean,
): ReturnType<ModuleTranslator> {
  if (state !== undefined && state !== 'directory')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      `recurse option requires state to be 'directory' (state is ${state})`,
      stateNode?.span ?? call.task.span,
    );
  const modeNode = call.arg('mode');
  const symbolic = symbolicMode(modeNode);
  const m = mapParams(call, { skip: new Set(['state', 'recurse', ...(symbolic !== undefined ? ['mode'] : []), ...TIMESTAMPS]) });
  if (failed(m)) return m;
  const times = timestamps(call, 'directory');
  if (failed(times)) return times;
  const props = m.properties.filter((p) => p.name !== 'to');
  let below = props.find((p) => p.name === 'mode')?.value;
  if (symbolic !== undefined) {
    let top: number | undefined;
    try {
      top = directorySymbolicMode(symbolic);
    } catch (e) {
      if (!(e instanceof BadSymbolicMode)) throw e;
      // The module's own message (file module: set_mode_if_different), as transforms.ts words it.
      return new Untranslatable(
        'A2C-TODO-MODE',
        `the module rejects mode ${JSON.stringify(symbolic)}: mode must be in octal or symbolic form (${e.message})`,
        modeNode!.span,
      );
    }
    if (usesUmask(symbolic))
      return new Untranslatable(
        'A2C-TODO-MODE',
        `symbolic mode ${JSON.stringify(symbolic)} has a clause without user letters: the node's umask decides its bits`,
        modeNode!.span,
      );
    // One octal mode for any directory, or the symbolic mode itself: a2c_directory applies it to
    // each directory's mode when it acts (the mode it creates one with, or an existing one's).
    props.push({ name: 'mode', value: str(top === undefined ? symbolic : '0' + top.toString(8)) });
    if (top === undefined)
      m.notes.push(
        `mode ${symbolic}: applied at converge time to each directory's mode (a new one's: 0777 less chef-client's umask, as the module's mkdir less its umask)`,
      );
    below = str(symbolic);
  }
  if (recurse) {
    props.push({ name: 'recurse', value: bool(true) });
    if (below) props.push({ name: 'recurse_mode', value: below });
    m.notes.push('recurse: owner, group and mode also go to every entry below the directory (a2c_directory, at converge time)');
  }
  return { stmts: [resource(call, 'a2c_directory', { ...m, properties: props }, str('directory'))] };
}

/** Ansible's file module: `state` picks the Chef resource. */
/**
 * file with setype: the module sets the path's SELinux type (lsetfilecon, not following a link)
 * where SELinux is enabled and the type differs, keeping the user, role and level; an execute of
 * chcon -h -t after the resource does so, guarded by A2C::Modules.selinux_type_differs?.
 */
export const fileModule: ModuleTranslator = (call) => {
  const setype = call.arg('setype');
  const out = fileResources(call);
  if (!setype || failed(out) || !('stmts' in out)) return out;
  const state = staticString(call.arg('state'));
  const type = staticString(setype);
  if (state === 'absent' || state === 'link' || state === 'hard' || staticBool(call.arg('recurse')) === true || type === '_default')
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'file setype is converted for one file or directory with an explicit type (not recursively, on a link, or _default from the policy)',
      setype.span,
    );
  const path = required(call, 'path', 'dest', 'name');
  if (failed(path)) return path;
  const typeExpr = translateValue(setype, call.scope);
  if (failed(typeExpr)) return typeExpr;
  const chcon = bare(call, 'execute', { k: 'interp', parts: ['chcon -t ', typeExpr, ' ', path] }, [
    { name: 'command', value: { k: 'array', items: [str('chcon'), str('-h'), str('-t'), typeExpr, path] } },
  ]);
  chcon.guards.push({ kind: 'only_if', ruby: rcall({ k: 'const', path: ['A2C', 'Modules'] }, 'selinux_type_differs?', [path, typeExpr]) });
  return { ...out, stmts: [...out.stmts, chcon] };
};

const fileResources: ModuleTranslator = (call) => {
  const stateNode = call.arg('state');
  const state = stateNode ? staticString(stateNode) : undefined;
  if (stateNode && state === undefined) return new Untranslatable('A2C-TODO-DYNAMIC-ACTION', 'file state must be static', stateNode.span);
  const recurseNode = call.arg('recurse');
  const recurse = recurseNode ? staticBool(recurseNode) : false;
  if (recurseNode && recurse === undefined)
    return new Untranslatable('A2C-TODO-PARAM', 'recurse must be a literal boolean', recurseNode.span);
  // A symbolic mode can be one octal mode for a directory (`u=rwX,g=rX,o=`) and not for a file.
  if (recurse || (state === 'directory' && symbolicMode(call.arg('mode')) !== undefined))
    return attributedDirectory(call, state, stateNode, recurse === true);
  const m = mapParams(call, { skip: new Set(['state', 'recurse', ...TIMESTAMPS]) });
  if (failed(m)) return m;
  const chosen = state ?? (call.arg('src') ? 'link' : 'file');
  const times = timestamps(call, chosen);
  if (failed(times)) return times;
  const withoutTo = m.properties.filter((p) => p.name !== 'to');
  if (state === undefined && chosen === 'file') return currentType(call, m, withoutTo);
  if (state === undefined) return linkWithoutState(call, m);
  switch (chosen) {
    case 'file':
      m.notes.push('state: file — Ansible fails when the file is missing; Chef creates it empty');
      return { stmts: [resource(call, 'file', { ...m, properties: withoutTo }, str('file'))] };
    case 'touch':
      // Both times preserved: create when missing, leave an existing file's times alone.
      if (times === 'preserve') {
        m.notes.push('state: touch with both times preserved -> :create (an existing file keeps its times)');
        return { stmts: [resource(call, 'file', { ...m, properties: withoutTo, actions: ['create'] }, str('file'))] };
      }
      return { stmts: [resource(call, 'file', { ...m, properties: withoutTo, actions: ['touch'] }, str('file'))] };
    case 'directory': {
      // Ansible creates missing parents and gives each directory it creates the owner, group and
      // mode; Chef's recursive directory gives them to the last one only: a2c_directory does as Ansible.
      if (withoutTo.some((p) => ATTRIBUTES.includes(p.name)))
        return { stmts: [resource(call, 'a2c_directory', { ...m, properties: withoutTo }, str('directory'))] };
      const props = [...withoutTo, { name: 'recursive', value: bool(true) }];
      return { stmts: [resource(call, 'directory', { ...m, properties: props }, str('directory'))] };
    }
    case 'link':
    case 'hard': {
      if (!m.properties.some((p) => p.name === 'to')) return new Untranslatable('A2C-TODO-PARAM', 'a link needs src', call.task.span);
      return { stmts: [linkResource(call, m, chosen)] };
    }
    case 'absent': {
      // A path can be a file or a directory; Ansible removes either, recursively.
      const path = m.name;
      if (!path) return new Untranslatable('A2C-TODO-PARAM', 'file state absent needs a path', call.task.span);
      const isDir: RExpr = rcall({ k: 'const', path: ['File'] }, 'directory?', [path]);
      const dir = resource(
        call,
        'directory',
        { ...m, properties: [{ name: 'recursive', value: bool(true) }], actions: ['delete'] },
        str('directory'),
      );
      dir.guards.push({ kind: 'only_if', ruby: isDir });
      const file = resource(call, 'file', { ...m, properties: [], actions: ['delete'] }, str('file'));
      file.guards.push({ kind: 'not_if', ruby: isDir });
      return { stmts: [dir, file] };
    }
    default:
      return new Untranslatable('A2C-TODO-PARAM', `file state ${chosen} is not converted`, stateNode?.span ?? call.task.span);
  }
};

/**
 * unarchive's extra_opts go to tar's command line. Only a lone --strip-components=N (or the option
 * and its number as two items), which archive_file's strip_components does, converts.
 */
function stripComponents(node: YNode | undefined): Result<number | undefined> {
  if (!node) return undefined;
  // A string is the list AnsibleModule makes of it (check_type_list splits it at commas).
  const scalar = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  const items = node.kind === 'seq' ? node.items.map((x) => staticString(x)) : scalar !== undefined ? scalar.split(',') : [];
  const text =
    items.length === 2 && items[0] === '--strip-components' ? `--strip-components=${items[1]}` : items.length === 1 ? items[0] : undefined;
  const m = text === undefined ? null : /^--strip-components=(\d+)$/.exec(text);
  if (!m)
    return new Untranslatable(
      'A2C-TODO-PARAM',
      'argument extra_opts of unarchive: tar options other than a lone --strip-components=N are not converted',
      node.span,
    );
  return Number(m[1]);
}

/**
 * Whether the archive is on the node: remote_src, or its deprecated inverse copy (the action plugin
 * sets remote_src to not copy, and fails when both are given).
 */
function archiveOnNode(call: Parameters<ModuleTranslator>[0]): Result<boolean | undefined> {
  const copy = call.arg('copy');
  if (!copy) return staticBool(call.arg('remote_src'));
  if (call.arg('remote_src'))
    return new Untranslatable(
      'A2C-TODO-PARAM',
      "unarchive fails on both copy and remote_src: parameters are mutually exclusive: ('copy', 'remote_src')",
      copy.span,
    );
  const v = staticBool(copy);
  if (v === undefined) return new Untranslatable('A2C-TODO-PARAM', 'unarchive copy must be a literal boolean', copy.span);
  return !v;
}

export const unarchiveModule: ModuleTranslator = (call) => {
  const remote = archiveOnNode(call);
  if (failed(remote)) return remote;
  const srcNode = call.arg('src');
  const src = staticString(srcNode);
  if (!srcNode) return new Untranslatable('A2C-TODO-PARAM', 'unarchive needs src', call.task.span);
  if (src !== undefined && /^[a-z]+:\/\//.test(src))
    return new Untranslatable('A2C-TODO-PARAM', 'unarchive from a URL: download with remote_file first', srcNode.span);
  const m = mapParams(call, { skip: new Set(['src', 'creates', 'extra_opts']) });
  if (failed(m)) return m;
  const strip = stripComponents(call.arg('extra_opts'));
  if (failed(strip)) return strip;
  if (strip !== undefined) {
    m.properties.push({ name: 'strip_components', value: { k: 'int', v: strip } });
    m.notes.push(
      'extra_opts --strip-components becomes strip_components; Chef extracts a zip archive so too, where Ansible passes the option to unzip, which refuses it',
    );
  }
  const stmts = [];
  let archivePath: RExpr;
  if (remote) {
    const p = required(call, 'src');
    if (failed(p)) return p;
    archivePath = p;
  } else {
    if (src === undefined) return new Untranslatable('A2C-TODO-PARAM', 'unarchive src must be a static path', srcNode.span);
    const rel = join(src);
    const found = [join(call.env.baseDir, 'files', rel), join(call.env.baseDir, rel)].find((c) => call.env.project.input.has(c));
    if (!found || !insideRoot(rel)) return new Untranslatable('A2C-MISSING-FILE', `archive ${src} not found in the input`, srcNode.span);
    const unsafe = unshippableName('archive', rel, srcNode.span);
    if (unsafe) return unsafe;
    call.env.files.set(rel, { path: rel, source: found, content: call.env.project.input.bytes(found)! });
    archivePath = str(`/var/cache/ansible2chef/${basename(rel)}`);
    stmts.push(bare(call, 'cookbook_file', archivePath, [{ name: 'source', value: str(rel) }], [], 'path'));
  }
  const r = resource(call, 'archive_file', { ...m, name: archivePath }, archivePath);
  const creates = call.arg('creates');
  if (creates) {
    const c = required(call, 'creates');
    if (failed(c)) return c;
    r.guards.push({ kind: 'not_if', ruby: rcall({ k: 'const', path: ['File'] }, 'exist?', [c]) });
  }
  stmts.push(r);
  return { stmts };
};
