// with_fileglob over a role's own files. Ansible's fileglob lookup (2.14) runs on the controller,
// whose file tree is the converter's input, so a static pattern whose search ends inside the role
// has items known at conversion time. Per term:
//  - `dir/pattern`: the first existing folder among <p>/files/dir and <p>/dir for p in the task's
//    search path (its role, the task file's folder, the roles depending on it, the playbook's
//    folder; DataLoader.path_dwim_relative_stack) is globbed, and only that one;
//  - `pattern`: <p>/files then <p> for the same p, until one has a match.
// Items are the matching regular files' absolute controller paths, in the folder's listing order.
// The only use converted is copy/template `src: "{{ item }}"`: one task per file whose src names
// the file relative to the role, which the module's own search resolves to the same file. Any
// other read of the item (its text is a path on the controller) stays a TODO.
import type { Task } from '../../load/ansible/model.js';
import { copyNode, type YNode } from '../../load/ansible/yaml.js';
import { dirname, join, type InputIndex } from '../../load/ansible/input.js';
import type { Role } from '../../load/ansible/model.js';
import type { VarScope, VarBinding } from '../jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import { loopControlOf } from './loops.js';
import { parseString } from '../../load/jinja/index.js';
import type { Unrolled } from './unroll.js';
import { MAX_UNROLLED } from './unroll.js';

const COPY = 'ansible.builtin.copy';
const TEMPLATE = 'ansible.builtin.template';
/** The folder each module's src search starts in (copy: files/, template: templates/). */
const SRC_DIR: Record<string, string> = { [COPY]: 'files', [TEMPLATE]: 'templates' };

/** One task per globbed file, or why not; undefined when the task has no with_fileglob. */
export function unrollFileglobLoop(task: Task, role: Role | undefined, input: InputIndex, scope: VarScope): Result<Unrolled> | undefined {
  const withNode = task.keywords.get('with_fileglob');
  const loopNode = task.keywords.get('loop');
  const queried = loopNode ? queriedTerms(loopNode) : undefined;
  const node = withNode ?? (queried ? loopNode : undefined);
  if (!node) return undefined;
  const what = withNode ? 'with_fileglob' : "query('fileglob')";
  const todo = (reason: string, at: YNode) => new Untranslatable('A2C-TODO-LOOP', `${what}: ${reason}`, at.span);
  if (!role) return todo('lists files on the Ansible controller (converted only for the tasks of a role)', node);
  // The search starts from the role the task file belongs to: a task file from elsewhere searches elsewhere.
  if (role.dir && !task.span.file.startsWith(`${role.dir}/`))
    return todo('the task file is not in the role, so the search starts elsewhere', node);
  const terms: Array<{ text: string | undefined; at: YNode }> = queried
    ? queried.map((text) => ({ text, at: node }))
    : (node.kind === 'seq' ? node.items : [node]).map((t) => ({
        text: t.kind === 'scalar' && typeof t.value === 'string' && !t.unsafe ? t.value : undefined,
        at: t,
      }));
  const files: string[] = [];
  for (const t of terms) {
    if (t.text === undefined) return todo('each pattern must be a literal string', t.at);
    const found = globTerm(t.text, role, dirname(task.span.file), input);
    if (typeof found === 'string') return todo(found, t.at);
    files.push(...found);
  }
  // The search is answered first: when it is not known, that is what stops the task.
  const srcDir = SRC_DIR[task.module];
  if (!srcDir)
    return todo(
      'its items are absolute paths on the Ansible controller; only copy and template with src: "{{ item }}" over the role\'s own files are converted',
      node,
    );
  if (files.length > MAX_UNROLLED) return todo(`${files.length} matching files are more than ${MAX_UNROLLED} tasks`, node);
  const control = loopControlOf(task);
  if (failed(control)) return control;
  const pathText = new Untranslatable(
    'A2C-TODO-LOOP',
    `${what}: '${control.varName}' is the file's absolute path on the Ansible controller; only copy/template src: "{{ ${control.varName} }}" is converted`,
    node.span,
  );
  const srcNode = task.args.find((a) => a.key === 'src')?.value;
  if (!srcNode || !isItem(srcNode, control.varName))
    return todo(`only src: "{{ ${control.varName} }}" is converted (the items are paths on the Ansible controller)`, srcNode ?? node);
  if (
    task.module === TEMPLATE &&
    task.args.some((a) => a.key === 'dest' && a.value.kind === 'scalar' && String(a.value.value).endsWith('/'))
  )
    return todo('template to a folder (dest ending in /) is not converted', node);
  const tasks: Task[] = [];
  const scopes: VarScope[] = [];
  for (const file of files) {
    const src = srcFor(file, role.dir, srcDir, input);
    if (src === undefined)
      return todo(`${file} is found by the glob but the module's own search would not find it by a role-relative name`, node);
    const vars = new Map<string, VarBinding>(scope.vars ?? []);
    vars.set(control.varName, pathText);
    // The index follows the folder's listing order on the controller, which the input does not keep.
    if (control.indexName) vars.set(control.indexName, pathText);
    const locals = new Map([...scope.locals].filter(([n]) => n !== control.varName && n !== control.indexName));
    scopes.push({ ...scope, locals, vars });
    const keywords = new Map([...task.keywords].filter(([k]) => k !== 'with_fileglob' && k !== 'loop' && k !== 'loop_control'));
    const args = task.args.map((a) =>
      a.key === 'src'
        ? { key: a.key, value: copyNode(srcNode, { value: src, style: 'plain' }) }
        : { key: a.key, value: withBasename(a.value, control.varName, file) },
    );
    tasks.push({ ...task, keywords, args });
  }
  // Several files to one dest: on the node it is a folder they go into (copy writes dest/<name>
  // when dest is a directory), which the written dest does not say.
  const dests = tasks.map((t) => {
    const d = t.args.find((a) => a.key === 'dest' || a.key === 'path')?.value;
    return d?.kind === 'scalar' ? String(d.value) : undefined;
  });
  // A dest still reading the item fails on its own reason.
  const readsItem = new RegExp(`\\b${control.varName}\\b`);
  const repeated = dests.find((d, i) => d !== undefined && !readsItem.test(d) && !d.endsWith('/') && dests.indexOf(d) !== i);
  // A templated dest ending in / is a folder too, which only a static dest is converted as.
  if (dests.some((d) => d?.includes('{{') && d.endsWith('/')))
    return todo('a templated dest ending in / (a folder to copy into) is not converted', node);
  if (repeated !== undefined)
    return todo(
      `${files.length} files go to the same dest ${repeated}, a folder on the node that the module copies into; a dest ending in / says so`,
      node,
    );
  return { tasks, scopes };
}

/**
 * `{{ item | basename }}` (possibly filtered further) reads only the file's name, which the glob
 * knows: it becomes that name as a Jinja string literal. Only outside string literals of an
 * expression; any other read of the item is left to fail on its binding.
 */
function withBasename(node: YNode, varName: string, file: string): YNode {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.unsafe || !node.value.includes('{{')) return node;
  const name = file.slice(file.lastIndexOf('/') + 1);
  const literal = `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const use = new RegExp(`(?<![\\w.'"])${varName}\\s*\\|\\s*basename(?![\\w(])`, 'g');
  // Within each {{ }} block, only the parts outside its string literals; a block whose quotes do
  // not pair (a `}}` inside a string) is left alone.
  const value = node.value.replace(/\{\{[\s\S]*?\}\}/g, (block) => {
    const parts = block.split(/('(?:[^'\\]|\\[\s\S])*'|"(?:[^"\\]|\\[\s\S])*")/);
    if (parts.some((part, i) => i % 2 === 0 && /['"]/.test(part))) return block;
    return parts.map((part, i) => (i % 2 ? part : part.replace(use, literal))).join('');
  });
  return value === node.value ? node : copyNode(node, { value });
}

/**
 * `loop: "{{ query('fileglob', 'a/*', ...) }}"` (or q, or lookup with wantlist=True): its terms
 * when they are all literal strings (a templated term is returned as undefined, to be refused).
 * lookup without wantlist joins the paths with commas, which is not a list to loop over.
 */
function queriedTerms(node: YNode): Array<string | undefined> | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string' || node.unsafe) return undefined;
  const parsed = parseString(node.value);
  if (!parsed.ok || parsed.value.length !== 1 || parsed.value[0]!.kind !== 'output') return undefined;
  const e = parsed.value[0]!.expr;
  if (e.kind !== 'call' || e.node.kind !== 'name' || e.args[0]?.kind !== 'const' || e.args[0].value !== 'fileglob') return undefined;
  const fn = e.node.name;
  const wantlist =
    e.kwargs.length === 1 && e.kwargs[0]!.name === 'wantlist' && e.kwargs[0]!.value.kind === 'const' && e.kwargs[0]!.value.value === true;
  if (!((fn === 'query' || fn === 'q') && e.kwargs.length === 0) && !(fn === 'lookup' && wantlist)) return undefined;
  return e.args.slice(1).map((a) => (a.kind === 'const' && typeof a.value === 'string' ? a.value : undefined));
}

function isItem(node: YNode, varName: string): boolean {
  return (
    node.kind === 'scalar' &&
    typeof node.value === 'string' &&
    !node.unsafe &&
    new RegExp(`^\\{\\{\\s*${varName}\\s*\\}\\}$`).test(node.value)
  );
}

/** The role's files matching one term, in name order; a string says why the answer is not known. */
export function globTerm(term: string, role: Role, taskDir: string, input: InputIndex): string[] | string {
  if (term.includes('{{') || term.includes('{%')) return `pattern ${term} is templated`;
  if (term.startsWith('/') || term.startsWith('~')) return `pattern ${term} is an absolute path on the Ansible controller`;
  const slash = term.lastIndexOf('/');
  const dir = slash < 0 ? undefined : term.slice(0, slash);
  const name = term.slice(slash + 1);
  if (dir !== undefined && (dir.split('/').includes('..') || /[*?[]/.test(dir)))
    return `pattern ${term}: a folder part with .. or wildcards is not converted`;
  if (name.includes('[')) return `pattern ${term}: bracket expressions are not converted`;
  const outside =
    'nothing matches in the role, so the search continues in the folders of the roles depending on it and of the playbook that runs it, which depend on where the role is used';
  const roots = [role.dir, taskDir];
  if (dir !== undefined) {
    // path_dwim_relative_stack: the first folder that exists is the only one globbed.
    const candidates = roots.flatMap((p) => [...(dir.split('/')[0] !== 'files' ? [join(p, 'files', dir)] : []), join(p, dir)]);
    const at = candidates.findIndex((c) => input.isDir(c) || input.has(c));
    if (at < 0)
      return `folder ${dir} is not in the role (files/${dir}, ${dir}), so the search continues in the folders of the roles depending on it and of the playbook that runs it, which depend on where the role is used`;
    if (at >= 2) return `folder ${dir} is found under the task file's folder, which the module's search does not follow`;
    return matches(candidates[at]!, name, input);
  }
  for (const p of roots.flatMap((r) => [join(r, 'files'), r])) {
    const found = matches(p, name, input);
    if (found.length)
      return p === join(role.dir, 'files') || p === role.dir ? found : `pattern ${term} matches only under the task file's folder`;
  }
  return `pattern ${term}: ${outside}`;
}

/** Regular files directly in dir matching a Python glob name pattern (`*`, `?`; hidden names only by a pattern starting with `.`). */
function matches(dir: string, pattern: string, input: InputIndex): string[] {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  );
  const magic = /[*?]/.test(pattern);
  return input
    .list(dir)
    .filter((f) => input.has(f))
    .filter((f) => {
      const base = f.slice(f.lastIndexOf('/') + 1);
      if (magic && base.startsWith('.') && !pattern.startsWith('.')) return false;
      return re.test(base);
    });
}

/** The src that copy (files/) or template (templates/) resolves to `file` by its own search, if any. */
function srcFor(file: string, roleDir: string, srcDir: string, input: InputIndex): string | undefined {
  const under = `${join(roleDir, srcDir)}/`;
  const rel = file.startsWith(under) ? file.slice(under.length) : roleDir ? file.slice(roleDir.length + 1) : file;
  const found = [join(roleDir, srcDir, rel), join(roleDir, rel)].find((c) => input.has(c));
  return found === file ? rel : undefined;
}
