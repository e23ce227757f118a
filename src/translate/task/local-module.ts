// A module the input ships itself. Ansible looks a bare name (or `ansible.legacy.<name>`) up in the
// role's `library/` and the playbook directory's `library/` before its own modules and its routing,
// so a role whose library holds `ini_file.py` or `make.py` runs that code, not the module of that
// name: converting the task by the mapping table would be a silent guess at what the role's code does.
import type { InputIndex } from '../../load/ansible/input.js';
import { builtinShortName } from '../../mapping/module-routing.js';

/**
 * The input's own module file a task's module name finds first, or undefined: `dirs` are the
 * folders whose `library/` Ansible searches (the role's, the playbook's; '' is the input's top).
 */
export function localModuleFile(written: string, dirs: readonly string[], input: InputIndex): string | undefined {
  if (written.startsWith('ansible.builtin.')) return undefined;
  const short = builtinShortName(written);
  if (short === undefined) return undefined;
  for (const dirPath of new Set(dirs.map((d) => (d === '' ? 'library' : `${d}/library`)))) {
    if (!input.isDir(dirPath)) continue;
    const found = input.list(dirPath).find((p) => {
      const base = p.slice(p.lastIndexOf('/') + 1);
      const dot = base.indexOf('.');
      return (dot === -1 ? base : base.slice(0, dot)) === short;
    });
    if (found) return found;
  }
  return undefined;
}
