// `template: src: "{{ item }}"` with `with_first_found` over templated names of the role's own
// templates (mongodb's `hugepages/disable-transparent-hugepages.{{ ansible_distribution | lower }}
// .service.j2`, then the `{{ ansible_os_family | lower }}` one). Ansible's first_found (2.14) runs
// on the controller, whose files are the converter's input: for a template task it looks for each
// name in turn in the search path's templates/ folders and the folders themselves (the role, the task
// file's folder, the roles depending on it, the playbook's folder: DataLoader.path_dwim_relative_stack),
// and the loop runs once with the first file found. Converted when the choice is among the role's
// templates only: each name is computed on the node from facts and variables, as Ansible computes
// it, and the first that names a template of the role is rendered (A2C::Tasks.first_found_file; no
// name found fails the run, as Ansible fails). A name that some file of the input outside the role's
// templates/ could also match (where Ansible would look too, or first) keeps the task a TODO.
import type { Role, Task } from '../../load/ansible/model.js';
import type { YNode } from '../../load/ansible/yaml.js';
import type { InputIndex } from '../../load/ansible/input.js';
import { join } from '../../load/ansible/input.js';
import { isMap, isSeq, keyName, mapGet } from '../../load/ansible/yaccess.js';
import { call, str, type RExpr } from '../../ir/ruby-ast.js';
import { failed, type Result, Untranslatable } from '../../base/failure.js';
import type { VarBinding, VarScope } from '../jinja-bridge.js';
import { staticBool, translateValue } from '../values.js';
import { templateShape } from '../candidate-shape.js';
import { loopControlOf } from './loops.js';
import type { Unrolled } from './unroll.js';

const TEMPLATE = 'ansible.builtin.template';

/** The one run of the task with its item bound to the file found, or why not; undefined without with_first_found on a template task. */
export function firstFoundSource(task: Task, role: Role | undefined, input: InputIndex, scope: VarScope): Result<Unrolled> | undefined {
  const node = task.keywords.get('with_first_found');
  if (!node || task.module !== TEMPLATE) return undefined;
  const todo = (reason: string, at: YNode = node) => new Untranslatable('A2C-TODO-LOOP', `with_first_found: ${reason}`, at.span);
  if (!role) return todo('searches files on the Ansible controller (converted only over the templates of a role)');
  if (role.dir && !task.span.file.startsWith(`${role.dir}/`))
    return todo('the task file is not in the role, so the search starts elsewhere');
  const terms = termsOf(node);
  if (typeof terms === 'string') return todo(terms);
  if (terms.skip) return todo('skip: true (the loop may run zero times) is not converted');
  const control = loopControlOf(task);
  if (failed(control)) return control;
  if (control.indexName) return todo('loop_control index_var is not converted');
  const srcNode = task.args.find((a) => a.key === 'src')?.value;
  const itemText = `{{ ${control.varName} }}`;
  if (srcNode?.kind !== 'scalar' || typeof srcNode.value !== 'string' || srcNode.value.replace(/\s+/g, ' ') !== itemText)
    return todo(`only src: "${itemText}" is converted (the item is a path on the Ansible controller)`, srcNode ?? node);
  const templatesDir = join(role.dir, 'templates');
  const templates = [...role.templates].sort();
  const outside = input.walk(role.dir).filter((f) => !f.startsWith(`${templatesDir}/`));
  // Files of other roles and of the playbooks: where the search goes on when the role has no match.
  const elsewhere = input.walk('').filter((f) => !f.startsWith(role.dir ? `${role.dir}/` : ''));
  const candidates: RExpr[] = [];
  for (const t of terms.files) {
    const text = t.kind === 'scalar' && typeof t.value === 'string' && !t.unsafe ? t.value : undefined;
    if (text === undefined) return todo('each name must be a string', t);
    if (/^\s*[/~]/.test(text) || text.split('/').includes('..')) return todo(`${text} may leave the role's templates`, t);
    const shape = templateShape(
      text,
      () => '(.+)',
      (p) => !/[,;]/.test(p),
    );
    if (shape === undefined) return todo(`${text}: only text and {{ }} without , or ; are converted`, t);
    // A leading templates/ names the same folder (the search does not add it twice).
    const re = new RegExp(`^(?:templates/)?(?:${shape})$`, 's');
    const suffixMatch = (f: string) => f.split('/').some((_, i, parts) => re.test(parts.slice(i).join('/')));
    const other = [...outside, ...elsewhere].find(suffixMatch);
    if (other !== undefined)
      return todo(`${text} could also name ${other}, which the search may find instead of a template of the role`, t);
    const v = translateValue(t, scope);
    if (failed(v)) return v;
    candidates.push(v);
  }
  const found = call({ k: 'const', path: ['A2C', 'Tasks'] }, 'first_found_file', [
    { k: 'array', items: candidates },
    { k: 'array', items: templates.map(str) },
  ]);
  const vars = new Map<string, VarBinding>(scope.vars ?? []);
  vars.set(control.varName, found);
  const locals = new Map([...scope.locals].filter(([n]) => n !== control.varName));
  const keywords = new Map([...task.keywords].filter(([k]) => k !== 'with_first_found' && k !== 'loop_control'));
  return { tasks: [{ ...task, keywords }], scopes: [{ ...scope, locals, vars }] };
}

/** The first_found terms: a list of names, or one mapping with `files` (and `skip`); a string says why not. */
function termsOf(node: YNode): { files: YNode[]; skip: boolean } | string {
  if (isSeq(node) && node.items.length === 1 && isMap(node.items[0])) return termsOf(node.items[0]!);
  if (isMap(node)) {
    for (const e of node.entries) if (!['files', 'skip'].includes(keyName(e.key))) return `option '${keyName(e.key)}' is not converted`;
    const files = mapGet(node, 'files');
    const skip = staticBool(mapGet(node, 'skip'));
    if (mapGet(node, 'skip') && skip === undefined) return 'skip must be a literal boolean';
    return { files: isSeq(files) ? files.items : files ? [files] : [], skip: skip ?? false };
  }
  if (isSeq(node)) return { files: node.items, skip: false };
  return { files: [node], skip: false };
}
