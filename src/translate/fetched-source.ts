// A task whose src is the file a fetch task copied to the Ansible controller. OpenStack-Ansible's
// service roles fetch a node's configuration file to the controller (`fetch: dest: "{{ item.tmp_f }}"`,
// run once) and then render it onto every node with overrides (`config_template: src: "{{ item.tmp_f }}"`):
// the src is a path on the controller, which no Chef node is. The fetch itself is a TODO by design
// (A2C-TODO-CONTROLLER); so is the task reading what it wrote, for the same reason, and its message
// says which fetch wrote the file. The match is the same src text as the fetch's dest, under the same
// loop, later in the same task file: the one file Ansible's src then names.
import type { Span } from '../base/diagnostics.js';
import type { Task, TaskItem } from '../load/ansible/model.js';
import { argOf } from '../load/ansible/task-args.js';
import type { YNode } from '../load/ansible/yaml.js';
import { builtinShortName } from '../mapping/module-routing.js';

/** Fetch tasks by `file \0 dest text \0 loop text`. */
export type FetchedFiles = ReadonlyMap<string, Span[]>;

const text = (n: YNode | undefined): string | undefined => (n?.kind === 'scalar' && typeof n.value === 'string' ? n.value : undefined);

/** The loop keyword and its text ('' without a loop), or undefined for a loop not written as one string. */
function loopText(task: Task): string | undefined {
  const keys = [...task.keywords.keys()].filter((k) => k === 'loop' || k.startsWith('with_'));
  if (keys.length === 0) return '';
  const value = keys.length === 1 ? text(task.keywords.get(keys[0]!)) : undefined;
  return value === undefined ? undefined : `${keys[0]}=${value}`;
}

const keyOf = (file: string, path: string, loop: string): string => `${file}\0${path}\0${loop}`;

/** Every fetch task of the input whose dest is templated text, indexed for fetchedSource. */
export function fetchedFiles(items: readonly TaskItem[]): FetchedFiles {
  const out = new Map<string, Span[]>();
  const visit = (list: readonly TaskItem[]): void => {
    for (const item of list) {
      if (item.kind === 'block') {
        visit([...item.block, ...item.rescue, ...item.always]);
        continue;
      }
      if (builtinShortName(item.module) !== 'fetch') continue;
      const dest = text(argOf(item, 'dest'));
      const loop = loopText(item);
      if (dest === undefined || !dest.includes('{{') || loop === undefined) continue;
      const k = keyOf(item.span.file, dest, loop);
      out.set(k, [...(out.get(k) ?? []), item.span]);
    }
  };
  visit(items);
  return out;
}

/** Why `task`'s src is a file an earlier fetch task of its file copied to the controller, else undefined. */
export function fetchedSource(task: Task, fetched: FetchedFiles | undefined): string | undefined {
  if (!fetched?.size || builtinShortName(task.module) === 'fetch') return undefined;
  const src = text(argOf(task, 'src'));
  const loop = loopText(task);
  if (src === undefined || loop === undefined) return undefined;
  const fetch = fetched.get(keyOf(task.span.file, src, loop))?.find((s) => s.line < task.span.line);
  if (!fetch) return undefined;
  return `src ${JSON.stringify(src)} is the file the fetch task at ${fetch.file}:${fetch.line} copies from a node to the Ansible controller, which no Chef node is: this task reads the controller's copy`;
}
