// include_vars of a vars file named from facts — `"{{ ansible_os_family }}.yml"`, or the first
// found among candidates with `lookup('first_found', params)` / `with_first_found` — becomes a
// `case` in the cookbook's attributes: Ohai facts pick the same file Ansible's facts would have.
import { argOf } from '../load/ansible/task-args.js';
import type { Attribute } from '../ir/chef-ir.js';
import type { Role, Task } from '../load/ansible/model.js';
import type { YNode } from '../load/ansible/yaml.js';
import { call, str, type RExpr } from '../ir/ruby-ast.js';
import { parseString } from '../load/jinja/index.js';
import { isMap, isSeq, keyName, mapGet } from '../load/ansible/yaccess.js';
import type { CookbookEnv } from './env.js';
import type { VarScope } from './jinja-bridge.js';
import { failed, type Result, Untranslatable } from '../base/failure.js';
import { staticBool, staticString, translateValue } from './values.js';
import { attributesFrom } from './attributes.js';
import { neverMatches, templateShape } from './candidate-shape.js';

export interface Candidates {
  files: YNode[];
  paths: YNode[];
  skip: boolean;
}

/** The candidate list when the include_vars task uses first_found; undefined otherwise. */
function candidatesOf(task: Task): Result<Candidates | undefined> {
  const withFF = task.keywords.get('with_first_found');
  if (withFF) return fromTerms(withFF);
  const node = argOf(task, 'file') ?? task.freeForm;
  const text = node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
  if (text === undefined || !text.includes('{{')) return undefined;
  // `include_vars: "{{ ansible_os_family }}.yml"`: one templated candidate, which must exist.
  if (!text.includes('first_found')) return { files: [node!], paths: [], skip: false };
  const parsed = parseString(text);
  const out = parsed.ok && parsed.value.length === 1 && parsed.value[0]!.kind === 'output' ? parsed.value[0]!.expr : undefined;
  const isLookup =
    out?.kind === 'call' &&
    out.node.kind === 'name' &&
    ['lookup', 'query', 'q'].includes(out.node.name) &&
    out.args[0]?.kind === 'const' &&
    out.args[0].value === 'first_found';
  if (out?.kind !== 'call' || !isLookup)
    return new Untranslatable('A2C-TODO-INCLUDE-VARS', 'include_vars with a computed first_found is not converted', node!.span);
  const arg = out.args[1];
  if (arg?.kind !== 'name')
    return new Untranslatable('A2C-TODO-INCLUDE-VARS', 'first_found terms must come from a task variable', node!.span);
  const vars = task.keywords.get('vars');
  const terms = isMap(vars) ? mapGet(vars, arg.name) : undefined;
  if (!terms) return new Untranslatable('A2C-TODO-INCLUDE-VARS', `first_found terms '${arg.name}' are not task vars`, node!.span);
  return fromTerms(terms);
}

function fromTerms(terms: YNode): Result<Candidates> {
  if (isMap(terms)) {
    const files = mapGet(terms, 'files');
    const paths = mapGet(terms, 'paths');
    for (const e of terms.entries)
      if (!['files', 'paths', 'skip'].includes(keyName(e.key)))
        return new Untranslatable('A2C-TODO-INCLUDE-VARS', `first_found option '${keyName(e.key)}' is not converted`, e.key.span);
    return {
      files: isSeq(files) ? files.items : files ? [files] : [],
      paths: isSeq(paths) ? paths.items : paths ? [paths] : [],
      skip: staticBool(mapGet(terms, 'skip')) ?? false,
    };
  }
  if (isSeq(terms)) {
    if (terms.items.length === 1 && isMap(terms.items[0])) return fromTerms(terms.items[0]!);
    return { files: terms.items, paths: [], skip: false };
  }
  return { files: [terms], paths: [], skip: false };
}

export interface FirstFound {
  attributes: Attribute[];
  /** Candidates left out because they can name none of the role's vars files on any host. */
  dropped: string[];
}

/** What a first_found include_vars picks from, decided without writing anything. */
export interface FirstFoundChoice {
  /** The Ruby call that names the file found on the node. */
  on: RExpr;
  /** Every vars file of the role (the `case` lists each). */
  available: string[];
  /** The vars files some kept candidate can name on some host. */
  reachable: string[];
  dropped: string[];
}

/**
 * The candidates of a first_found include_vars translated, and which of the role's vars files
 * they can name; undefined when the task does not use first_found. Pure: the translator and the
 * pre-pass over include_vars tasks (vars-file-loads.ts) both decide with it.
 */
export function firstFoundChoice(task: Task, role: Role | undefined, scope: VarScope): Result<FirstFoundChoice | undefined> {
  const c = candidatesOf(task);
  if (failed(c) || !c) return c;
  if (!role) return new Untranslatable('A2C-TODO-INCLUDE-VARS', 'first_found outside a role is not converted', task.span);
  return firstFoundOver(c, role, scope);
}

/** What first_found over these candidates picks from the role's vars files (see firstFoundChoice). */
export function firstFoundOver(c: Candidates, role: Role, scope: VarScope): Result<FirstFoundChoice> {
  for (const p of c.paths) {
    const t = staticString(p) ?? (p.kind === 'scalar' ? String(p.value) : '');
    if (!/^(\{\{\s*role_path\s*\}\}\/)?vars\/?$/.test(t))
      return new Untranslatable('A2C-TODO-INCLUDE-VARS', `first_found path ${t} is not the role's vars folder`, p.span);
  }
  const available = [...role.varsFiles.keys()].sort();
  const candidates: RExpr[] = [];
  const kept: Array<string | undefined> = [];
  const dropped: string[] = [];
  for (const f of c.files) {
    const text = f.kind === 'scalar' && typeof f.value === 'string' ? f.value : undefined;
    if (text !== undefined && neverMatches(text, available)) {
      dropped.push(text);
      continue;
    }
    const v = translateValue(f, scope);
    if (failed(v)) return v;
    candidates.push(v);
    kept.push(text);
  }
  const on = call({ k: 'const', path: ['A2C', 'Tasks'] }, 'first_found', [
    { k: 'array', items: candidates },
    { k: 'array', items: available.map(str) },
    { k: 'bool', v: c.skip },
  ]);
  return { on, available, reachable: available.filter((f) => kept.some((t) => t === undefined || !neverMatches(t, [f]))), dropped };
}

/**
 * The vars files a first_found include_vars that has no translation may still load on some host
 * (for the TODO that names it); undefined when its candidates are not understood (any of them).
 */
export function firstFoundMayLoad(task: Task, role: Role): string[] | undefined {
  const c = candidatesOf(task);
  if (failed(c) || !c) return undefined;
  const texts = c.files.map((f) => (f.kind === 'scalar' && typeof f.value === 'string' ? f.value : undefined));
  // A plain `include_vars: "redhat_mongo_v{{ v }}.yml"` names one file, never split on , or ;: whatever
  // v renders, the literal text around it must match (mongodb-install's hold list never loads debian.yml).
  const plain = !task.keywords.has('with_first_found') && texts.length === 1 && texts[0] !== undefined && !texts[0].includes('first_found');
  const shape = plain ? templateShape(texts[0]!, () => '[\\s\\S]*') : undefined;
  if (shape !== undefined) {
    const re = new RegExp(`^(?:${shape})$`);
    // As neverMatches: the name may reach the vars file through vars/ (or ./vars/, ../vars/ from tasks/).
    return [...role.varsFiles.keys()].sort().filter((f) => ['', 'vars/', './vars/', '../vars/'].some((d) => re.test(`${d}${f}`)));
  }
  return [...role.varsFiles.keys()].sort().filter((f) => texts.some((t) => t === undefined || !neverMatches(t, [f])));
}

/** The attributes for each vars file of the role, guarded by a `case` on the first candidate found. */
export function firstFoundAttributes(choice: FirstFoundChoice, role: Role, env: CookbookEnv, scope: VarScope): FirstFound {
  const out: Attribute[] = [];
  for (const file of choice.available) {
    const vf = role.varsFiles.get(file)!;
    for (const a of attributesFrom([vf], 'override', scope, env.project.sink, env.project.text, env.project.vaults))
      out.push({ ...a, when: { on: choice.on, value: file } });
  }
  return { attributes: out, dropped: choice.dropped };
}
