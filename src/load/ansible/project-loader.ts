// Entry point of the load stage: find roles, playbooks and inventories in the input tree.
import type { DiagnosticSink, Span } from '../../base/diagnostics.js';
import type { Project, Role } from './model.js';
import { basename, dirname, type EntryKind, InputIndex, type InputTree, insideRoot, join } from './input.js';
import { LoadContext, YAML_EXT } from './load-context.js';
import { loadRole, looksLikeRole } from './role-loader.js';
import { loadPlaybook, looksLikePlaybook } from './playbook-loader.js';
import { loadInventory, loadVarsDirs } from './inventory-loader.js';
import { readAnsibleCfg } from './ansible-cfg.js';
import { reportIncludeCycles, reportRoleCycles } from './cycles.js';
import { projectFoldersBelow } from './project-candidates.js';
import { inheritNoLog } from './no-log.js';

export interface LoadOptions {
  /** What the input root is; detected when absent. */
  kind?: EntryKind;
  /** For kind 'playbook': the playbook path relative to the root. */
  entry?: string;
  /** Name of the root directory (a single role's name). */
  rootName?: string;
  canonicalModule: (name: string) => string;
}

const INVENTORY_NAMES = ['inventory', 'inventory.ini', 'inventory.yml', 'inventory.yaml', 'hosts', 'hosts.ini', 'hosts.yml', 'hosts.yaml'];

export function detectKind(index: InputIndex, ctx: LoadContext): EntryKind {
  if (looksLikeRole(ctx, '')) return 'role';
  const top = index.list('');
  const hasPlaybook = top.some((p) => !index.isDir(p) && YAML_EXT.test(p) && looksLikePlaybook(ctx, p));
  if (!hasPlaybook && top.some((p) => index.isDir(p) && looksLikeRole(ctx, p)) && !index.isDir('roles')) return 'roles';
  return 'project';
}

export function loadProject(tree: InputTree, sink: DiagnosticSink, opts: LoadOptions): Project {
  const project = loadParts(tree, sink, opts);
  reportRoleCycles(project, sink);
  for (const role of project.roles.values()) reportIncludeCycles(role, sink);
  inheritNoLog(project);
  return project;
}

function loadParts(tree: InputTree, sink: DiagnosticSink, opts: LoadOptions): Project {
  const index = new InputIndex(tree);
  const ctx = new LoadContext(index, sink, opts.canonicalModule);
  const kind = opts.kind ?? detectKind(index, ctx);
  const project: Project = { roles: new Map(), playbooks: [], inventories: [], groupVars: new Map(), hostVars: new Map(), rolesPath: [] };
  const addRole = (dir: string, name: string): Role => {
    const existing = project.roles.get(name);
    if (existing) return existing;
    const role = loadRole(ctx, dir, name);
    project.roles.set(name, role);
    return role;
  };

  if (kind === 'role') {
    addRole('', opts.rootName ?? 'role');
    return project;
  }
  if (kind === 'roles') {
    for (const d of index.list('')) if (index.isDir(d) && looksLikeRole(ctx, d)) addRole(d, basename(d));
    return project;
  }

  const cfg = readAnsibleCfg(ctx);
  project.rolesPath = [...cfg.rolesPath, 'roles'];
  // Playbooks: the named entry, else every playbook at the top level or under playbooks/.
  const candidates =
    kind === 'playbook' && opts.entry
      ? [opts.entry]
      : [...index.list(''), ...index.list('playbooks')].filter((p) => !index.isDir(p) && YAML_EXT.test(p));
  const seen = new Set<string>();
  const queue = candidates.filter((p) => kind === 'playbook' || looksLikePlaybook(ctx, p));
  while (queue.length) {
    const p = queue.shift()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (!index.has(p)) {
      sink.error('A2C-MISSING-FILE', `playbook ${p} not found`);
      continue;
    }
    const book = loadPlaybook(ctx, p);
    project.playbooks.push(book);
    for (const imp of book.imports) {
      if (index.has(imp.file)) queue.push(imp.file);
      else sink.error('A2C-MISSING-FILE', `imported playbook ${imp.file} not found`, imp.span);
    }
  }
  // Roles: every role referenced by a play or a dependency, looked up along roles_path.
  const rolesDirs = (from: string) => [...new Set([join(dirname(from), 'roles'), ...project.rolesPath, dirname(from)])];
  const resolveRole = (name: string, from: string, span?: Span) => {
    if (project.roles.has(name)) return;
    if (name.includes('{{')) return;
    const dirs = rolesDirs(from).map((d) => join(d, name));
    for (const dir of dirs) {
      if (insideRoot(dir) && looksLikeRole(ctx, dir)) {
        const role = addRole(dir, basename(name));
        for (const dep of role.dependencies) resolveRole(dep.name, `${dir}/meta/main.yml`, dep.span);
        return;
      }
    }
    if (!dirs.some(insideRoot)) sink.warning('A2C-PATH-ESCAPE', `role ${name} is outside the input; not read`, span);
    // A play's missing roles are reported by the translator; a dependency's only here.
    else if (from.endsWith('/meta/main.yml'))
      sink.error('A2C-MISSING-ROLE', `role ${name} not found (looked in ${[...new Set(dirs)].join(', ')})`, span);
  };
  for (const book of project.playbooks) for (const play of book.plays) for (const r of play.roles) resolveRole(r.name, book.file, r.span);
  // Roles in roles_path that no play references still convert (incremental, per-role use).
  for (const d of project.rolesPath)
    for (const r of index.list(d)) if (index.isDir(r) && looksLikeRole(ctx, r)) resolveRole(basename(r), '');
  // Inventories and the variables beside them.
  const invPaths = cfg.inventory.length ? cfg.inventory : INVENTORY_NAMES.filter((n) => index.has(n) || index.isDir(n));
  for (const p of invPaths) {
    if (index.isDir(p)) {
      for (const f of index.list(p)) if (!index.isDir(f) && !basename(f).startsWith('.')) project.inventories.push(loadInventory(ctx, f));
    } else if (index.has(p)) project.inventories.push(loadInventory(ctx, p));
  }
  // group_vars/ and host_vars/ beside each inventory, then beside the playbooks, each folder once:
  // a group's files are listed in Ansible's order, in which the playbook's outrank the inventory's
  // (a later file's value wins where they are placed).
  const varDirs = new Set([...project.inventories.map((inv) => dirname(inv.file)).filter((d) => d !== ''), '']);
  for (const d of varDirs) loadVarsDirs(ctx, d, project.groupVars, project.hostVars);
  if (kind === 'project' && project.playbooks.length === 0 && project.roles.size === 0) reportNothingToConvert(index, project, sink, opts);
  return project;
}

/**
 * No playbook and no role at the root: say so, and name the project folders below it. An error
 * when nothing at all is converted; a warning when an inventory still gives node files.
 */
function reportNothingToConvert(index: InputIndex, project: Project, sink: DiagnosticSink, opts: LoadOptions): void {
  const below = projectFoldersBelow(index, opts.canonicalModule);
  const shown = below.slice(0, 10).map((d) => `${d}/`);
  const more = below.length > shown.length ? ` and ${below.length - shown.length} more` : '';
  const hint = below.length
    ? `; project folders below it: ${shown.join(', ')}${more}. Convert one of them (for example \`ansible2chef convert <input>/${below[0]}\`)`
    : '';
  const message = `no playbook, role or roles/ folder at the root of the input: no task to convert${hint}`;
  if (project.inventories.length === 0) sink.error('A2C-NOTHING-TO-CONVERT', message);
  else sink.warning('A2C-NOTHING-TO-CONVERT', message);
}
