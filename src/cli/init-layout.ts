// What `init` records as the input: the Ansible project found in the directory it is run for, so
// a config written in a repository with site.yml and roles/ at its top converts that repository.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Layout {
  /** The input path to record, relative to the directory. */
  input: string;
  /** What was found, for the user: "site.yml and roles/". */
  found: string;
}

const YAML = /\.ya?ml$/;
/** A play: a list item with `hosts:` (possibly after `name:`), as Ansible's playbooks begin. */
const PLAY = /^\s*-?\s*hosts\s*:/m;
const INVENTORIES = ['inventory', 'inventory.ini', 'inventory.yml', 'inventory.yaml', 'hosts', 'hosts.ini', 'hosts.yml', 'hosts.yaml'];
/** Where projects often keep their Ansible tree below the repository root. */
const SUBDIRS = ['playbooks', 'ansible'];

/** The project in dir, or in one of its usual subdirectories; undefined when none is recognised. */
export function detectLayout(dir: string): Layout | undefined {
  const here = projectIn(dir);
  if (here) return { input: '.', found: here };
  for (const sub of SUBDIRS) {
    const found = isDir(join(dir, sub)) ? projectIn(join(dir, sub)) : undefined;
    if (found)
      return {
        input: sub,
        found: found
          .split(', ')
          .map((f) => `${sub}/${f}`)
          .join(', '),
      };
  }
  return undefined;
}

/** What in dir makes it an Ansible project, a roles directory or a role ("site.yml, roles/"). */
function projectIn(dir: string): string | undefined {
  const names = readdirSync(dir).sort();
  const found: string[] = [];
  found.push(...names.filter((n) => YAML.test(n) && isFile(join(dir, n)) && PLAY.test(textOf(join(dir, n)))));
  if (isDir(join(dir, 'roles'))) found.push('roles/');
  if (found.length) found.push(...names.filter((n) => INVENTORIES.includes(n)).map((n) => (isDir(join(dir, n)) ? `${n}/` : n)));
  else if (isRole(dir)) found.push('tasks/main.yml');
  else {
    const roles = names.filter((n) => isDir(join(dir, n)) && isRole(join(dir, n)));
    if (roles.length) found.push(`roles ${roles.slice(0, 3).join(', ')}${roles.length > 3 ? ', …' : ''}`);
  }
  return found.length ? found.join(', ') : undefined;
}

function isRole(dir: string): boolean {
  return ['tasks/main.yml', 'tasks/main.yaml'].some((f) => isFile(join(dir, f)));
}

function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

/** A file's text, or '' when it cannot be read: init only guesses, convert reports the file later. */
function textOf(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}
