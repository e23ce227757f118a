// The Ansible model: what the loader understands of a project, with provenance on everything.
import type { DiagnosticCode, Span } from '../../base/diagnostics.js';
import type { YMap, YNode } from './yaml.js';

/** One argument of a module call, with its YAML node (positions, Jinja text). */
export interface Arg {
  key: string;
  value: YNode;
}

export interface SourceText {
  /** The task's original lines, exactly as written (for TODO blocks). */
  text: string;
}

interface ItemBase {
  span: Span;
  /** Task keywords other than the module (when, loop, notify, register, ...), by name. */
  keywords: Map<string, YNode>;
  source: SourceText;
  /** The raw YAML mapping of the item. */
  node: YMap;
  /** The no_log in effect when it can hide values: the item's own, else inherited (no-log.ts). */
  noLog?: YNode;
}

export interface Task extends ItemBase {
  kind: 'task';
  name?: string;
  /** Canonical module name (FQCN), e.g. `ansible.builtin.copy`. */
  module: string;
  /** The module key as written (`copy`, `ansible.builtin.copy`, `action: copy ...`). */
  moduleAsWritten: string;
  args: Arg[];
  /** Free-form text (`command: ls -l`, `shell: ...`) after k=v extraction, if any. */
  freeForm?: YNode;
  /** A task Ansible would reject (two modules, none, not a mapping): kept so it becomes a TODO. */
  invalid?: { code: DiagnosticCode; reason: string; span: Span };
}

export interface Block extends ItemBase {
  kind: 'block';
  name?: string;
  block: TaskItem[];
  rescue: TaskItem[];
  always: TaskItem[];
}

export type TaskItem = Task | Block;

export interface VarEntry {
  name: string;
  value: YNode;
  span: Span;
}

export interface VarFile {
  file: string;
  entries: VarEntry[];
}

export interface RoleRef {
  name: string;
  /** Role parameters: the entry's keys that are not keywords (`- role: x` with extra keys). */
  params: VarEntry[];
  /** The entry's `vars:`: Ansible ranks them just below the role's vars/main.yml, not as params. */
  entryVars: VarEntry[];
  span: Span;
  keywords: Map<string, YNode>;
}

export interface Role {
  name: string;
  /** Directory relative to the input root. */
  dir: string;
  /** Task files by path under tasks/ (e.g. `main.yml`, `install/debian.yml`). */
  taskFiles: Map<string, TaskItem[]>;
  handlerFiles: Map<string, TaskItem[]>;
  defaults: VarFile[];
  vars: VarFile[];
  /** Extra vars files under vars/ not loaded automatically (include_vars targets), by path under vars/. */
  varsFiles: Map<string, VarFile>;
  /** Paths under templates/ and files/. */
  templates: string[];
  files: string[];
  dependencies: RoleRef[];
  metaSpan?: Span;
}

export interface Play {
  name?: string;
  hosts: string;
  span: Span;
  file: string;
  vars: VarEntry[];
  varsFiles: VarFile[];
  roles: RoleRef[];
  preTasks: TaskItem[];
  tasks: TaskItem[];
  postTasks: TaskItem[];
  handlers: TaskItem[];
  keywords: Map<string, YNode>;
}

export interface Playbook {
  file: string;
  plays: Play[];
  /** `import_playbook` targets in order, resolved to input-relative paths. */
  imports: Array<{ file: string; span: Span }>;
}

export interface InventoryHost {
  name: string;
  vars: VarEntry[];
  span: Span;
}

export interface InventoryGroup {
  name: string;
  hosts: string[];
  children: string[];
  vars: VarEntry[];
  span?: Span;
}

export interface Inventory {
  file: string;
  groups: Map<string, InventoryGroup>;
  hosts: Map<string, InventoryHost>;
  /** group_vars/ and host_vars/ beside the inventory (or the playbooks). */
  groupVars: Map<string, VarFile[]>;
  hostVars: Map<string, VarFile[]>;
}

export interface Project {
  roles: Map<string, Role>;
  playbooks: Playbook[];
  inventories: Inventory[];
  /** group_vars/host_vars beside the inventories and the playbooks: a group's files in Ansible's order, the playbooks' last (they win). */
  groupVars: Map<string, VarFile[]>;
  hostVars: Map<string, VarFile[]>;
  rolesPath: string[];
}
