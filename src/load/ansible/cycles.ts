// Cycles in what a project includes: role dependencies (meta/main.yml) and task files that include
// each other. Ansible recurses on both until Python's recursion limit; Chef runs each recipe once and
// cannot resolve cookbooks that depend on each other. Both are reported where the cycle closes.
import { argOf } from './task-args.js';
import type { DiagnosticSink, Span } from '../../base/diagnostics.js';
import { basename } from './input.js';
import { resolveInclude } from './include-path.js';
import type { Project, Role, TaskItem } from './model.js';
import { rolePathRest } from './role-path.js';
import { scalarString } from './yaccess.js';
import { TASK_FILE_INCLUDES } from '../../base/include-modules.js';

interface Edge {
  to: string;
  span: Span;
}

/** Role A depends on B depends on A: an error at the dependency that closes the cycle. */
export function reportRoleCycles(project: Project, sink: DiagnosticSink): void {
  const edges = (name: string): Edge[] => {
    const role = project.roles.get(name);
    if (!role) return [];
    return role.dependencies
      .map((d) => ({ to: project.roles.has(d.name) ? d.name : basename(d.name), span: d.span }))
      .filter((e) => project.roles.has(e.to));
  };
  for (const cycle of findCycles([...project.roles.keys()].sort(), edges)) {
    sink.error(
      'A2C-ROLE-CYCLE',
      `role dependency cycle: ${cycle.path.join(' -> ')}; Ansible recurses without end and Chef cannot resolve cookbooks that depend on each other`,
      cycle.span,
    );
  }
}

/**
 * Task files of a role that include each other by a static name. Includes with a loop, vars or
 * `apply` are inlined by the translator, which reports their cycles itself; they are left out here.
 */
export function reportIncludeCycles(role: Role, sink: DiagnosticSink): void {
  const inRole = (p: string) =>
    (p.startsWith('tasks/') && role.taskFiles.has(p.slice(6))) || (p.startsWith('handlers/') && role.handlerFiles.has(p.slice(9)));
  const edges = (file: string): Edge[] => {
    const out: Edge[] = [];
    const visit = (items: TaskItem[]) => {
      for (const item of items) {
        if (item.kind === 'block') {
          visit([...item.block, ...item.rescue, ...item.always]);
          continue;
        }
        if (!TASK_FILE_INCLUDES.has(item.module) || isInlined(item.keywords)) continue;
        const target = scalarString(argOf(item, 'file') ?? item.freeForm);
        if (target === undefined || (target.includes('{{') && rolePathRest(target) === undefined)) continue;
        const kind = item.module === 'ansible.builtin.import_tasks' ? 'import' : 'include';
        const found = resolveInclude(kind, `tasks/${file}`, target, inRole);
        if (found && 'taskFile' in found) out.push({ to: found.taskFile, span: item.span });
      }
    };
    visit(role.taskFiles.get(file) ?? []);
    return out;
  };
  for (const cycle of findCycles([...role.taskFiles.keys()].sort(), edges)) {
    sink.error(
      'A2C-INCLUDE-CYCLE',
      `include cycle: ${cycle.path.join(' -> ')}; Ansible includes these files without end, Chef runs each recipe once`,
      cycle.span,
    );
  }
}

function isInlined(keywords: Map<string, unknown>): boolean {
  return keywords.has('vars') || keywords.has('loop') || [...keywords.keys()].some((k) => k.startsWith('with_'));
}

/**
 * Every distinct cycle once (depth-first, nodes in the given order, iterative so a long chain cannot
 * overflow the stack): the path from the first node of the cycle back to it, and the closing edge.
 */
function findCycles(nodes: string[], edgesOf: (n: string) => Edge[]): Array<{ path: string[]; span: Span }> {
  const state = new Map<string, 'open' | 'done'>();
  const found: Array<{ path: string[]; span: Span }> = [];
  for (const start of nodes) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; edges: Edge[]; next: number }> = [{ node: start, edges: edgesOf(start), next: 0 }];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const edge = top.edges[top.next++];
      if (!edge) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const s = state.get(edge.to);
      if (s === 'open') {
        const from = stack.findIndex((f) => f.node === edge.to);
        found.push({ path: [...stack.slice(from).map((f) => f.node), edge.to], span: edge.span });
      } else if (s === undefined) {
        state.set(edge.to, 'open');
        stack.push({ node: edge.to, edges: edgesOf(edge.to), next: 0 });
      }
    }
  }
  return found;
}
