// lookup('file', x) of a role's own file. Ansible reads the file on the controller while it
// templates the value, searching the role's files/ and then the role's folder first
// (DataLoader.path_dwim_relative_stack over the task's search path), so the text it reads is the
// role's file in the input: the conversion embeds that text, right-stripped as the plugin does
// by default. Anything else (an absolute path, a file only the play's folders or tasks/ hold, a
// vault-encrypted or non-UTF-8 file) stays a TODO.
import type { Role } from '../load/ansible/model.js';
import { type InputIndex, join } from '../load/ansible/input.js';

// Python's str.isspace() characters (str.rstrip() with no argument strips these).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point: Python counts them as space.
const PY_TRAILING_SPACE = /[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;

export function roleFileReader(input: InputIndex, role: Role): (term: string) => string | undefined {
  return (term) => {
    if (term === '' || term.startsWith('/') || term.startsWith('~') || term.includes('{{') || term.split('/').includes('..'))
      return undefined;
    // The first two places searched; a file found only later (tasks/files/, the play's folders)
    // depends on where the task is, which the conversion does not follow.
    const candidates = [...(term.split('/')[0] === 'files' ? [] : [join(role.dir, 'files', term)]), join(role.dir, term)];
    const found = candidates.find((c) => input.has(c));
    const bytes = found === undefined ? undefined : input.bytes(found);
    if (!bytes) return undefined;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
    if (text.startsWith('$ANSIBLE_VAULT;')) return undefined;
    return text.replace(PY_TRAILING_SPACE, '');
  };
}

/**
 * Why lookup('file', term) cannot find its file in the input at all, or undefined when some file
 * of the input ends with that path (the role's files/ may still not be where Ansible looks first;
 * roleFileReader decides) or the term is no plain relative path. Ansible searches only folders of
 * the input (the role's files/ and folder, its tasks/, the play's folders), so its templating of
 * the lookup fails there too: the input lacks the file (A2C-MISSING-FILE), not the converter.
 */
export function roleFileAbsence(input: InputIndex, role?: Role): (term: string) => string | undefined {
  return (term) => {
    if (term === '' || term.startsWith('/') || term.startsWith('~') || term.includes('{{') || term.split('/').includes('..'))
      return undefined;
    const path = join(term);
    if (input.tree.files.has(path) || [...input.tree.files.keys()].some((f) => f.endsWith(`/${path}`))) return undefined;
    const first = role ? join(role.dir, 'files', path) : `files/${path} of the role`;
    return `no file of the input is ${path} (Ansible looks in ${first}, the role's folder and tasks/, and the play's folders): add it to the role's files/`;
  };
}
