// `{{ role_path }}/tasks/x.yml`, `{{ role_path }}/templates/x.j2`: an absolute controller path to a
// file of the role the task belongs to (Ansible sets role_path to that role's folder). Ansible reads
// exactly that file, so the role-relative rest names it: no search through other folders applies.
// Only a literal rest is read so; anything else after role_path stays templated (a TODO where it is).
import { containsJinja } from '../jinja/index.js';
import { insideRoot, join } from './input.js';

const ROLE_PATH = /^\{\{\s*role_path\s*\}\}\/(.+)$/s;

/** The role-relative path after `{{ role_path }}/`, or undefined when the text is not of that form. */
export function rolePathRest(text: string): string | undefined {
  const m = ROLE_PATH.exec(text);
  if (!m || containsJinja(m[1]!)) return undefined;
  const rest = join(m[1]!);
  return rest !== '' && insideRoot(rest) ? rest : undefined;
}

/** The path below the role's `folder` (`templates`, `files`) a `{{ role_path }}/<folder>/...` text names. */
export function rolePathUnder(text: string, folder: string): string | undefined {
  const rest = rolePathRest(text);
  return rest?.startsWith(`${folder}/`) ? rest.slice(folder.length + 1) : undefined;
}
