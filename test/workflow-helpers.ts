// Shared by the workflow tests: build and run the CLI, lay out synthetic projects on disk, snapshot
// an output tree (bytes and mtimes), so each test states only what it checks.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');
export const CLI = join(REPO, 'dist', 'cli', 'main.js');

/**
 * The CLI tests run the compiled tool. Rebuild only when a source file is newer than dist/, under a
 * lock directory, so parallel test files never run the CLI while another one rewrites dist/.
 */
export function ensureBuilt(): void {
  const lock = join(REPO, 'dist', '.workflow-build-lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} is held; remove it if no test is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    if (!existsSync(CLI) || newestMtime(join(REPO, 'src')) > statSync(CLI).mtimeMs) {
      const r = spawnSync('npx', ['tsc', '-p', '.'], { cwd: REPO, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`tsc failed:\n${r.stdout}${r.stderr}`);
    }
  } finally {
    rmdirSync(lock);
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function runCli(args: string[], cwd = REPO, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--no-warnings', CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}

export function tempDir(prefix = 'a2c-wf-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const full = join(root, ...rel.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

/** A project of `roles` small roles, each with tasks, defaults, a handler and a template; `tag` varies the content. */
export function syntheticProject(roles: number, tag = 'v1'): Record<string, string> {
  const files: Record<string, string> = {};
  const names = Array.from({ length: roles }, (_, i) => `svc${String(i).padStart(3, '0')}`);
  files['site.yml'] = `---\n- name: All services\n  hosts: all\n  roles:\n${names.map((n) => `    - ${n}\n`).join('')}`;
  files['inventory/hosts.yml'] = `---\nall:\n  hosts:\n    node1:\n`;
  for (const n of names) {
    files[`roles/${n}/defaults/main.yml`] = `---\n${n}_port: 8080\n${n}_release: ${tag}\n${n}_options:\n${Array.from({ length: 5 }, (_, i) => `  - opt${i}_${tag}\n`).join('')}`;
    files[`roles/${n}/handlers/main.yml`] = `---\n- name: restart ${n}\n  ansible.builtin.service:\n    name: ${n}\n    state: restarted\n`;
    files[`roles/${n}/templates/${n}.conf.j2`] = `# ${tag}\n[main]\nport = {{ ${n}_port }}\n{% for o in ${n}_options %}\noption = {{ o }}\n{% endfor %}\n`;
    files[`roles/${n}/tasks/main.yml`] = [
      '---',
      `- name: Install ${n}`,
      '  ansible.builtin.package:',
      `    name: ${n}-${tag}`,
      '    state: present',
      `- name: Configure ${n}`,
      '  ansible.builtin.template:',
      `    src: ${n}.conf.j2`,
      `    dest: /etc/${n}.conf`,
      '    mode: "0644"',
      `  notify: restart ${n}`,
      `- name: Start ${n}`,
      '  ansible.builtin.service:',
      `    name: ${n}`,
      '    state: started',
      '',
    ].join('\n');
  }
  return files;
}

export interface Snapshot {
  bytes: Map<string, Buffer>;
  mtimes: Map<string, number>;
}

/** Every file under root (relative posix path -> bytes, mtime in ns). */
export function snapshot(root: string): Snapshot {
  const bytes = new Map<string, Buffer>();
  const mtimes = new Map<string, number>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const st = statSync(full, { bigint: true });
      if (st.isDirectory()) walk(full);
      else {
        const rel = relative(root, full).split(sep).join('/');
        bytes.set(rel, readFileSync(full));
        mtimes.set(rel, Number(st.mtimeNs));
      }
    }
  };
  walk(root);
  return { bytes, mtimes };
}

export function cookbookFiles(s: Snapshot, cookbook: string): string[] {
  return [...s.bytes.keys()].filter((p) => p.startsWith(cookbook + '/'));
}
