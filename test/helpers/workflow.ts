// Shared by the workflow tests: build and run the CLI, lay out synthetic projects on disk, snapshot
// an output tree (bytes and mtimes), so each test states only what it checks.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { LAST_RUN_PATH } from '../../src/workspace/last-run.js';
import { sharedBuild } from './shared-build.js';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
/** The CLI under test: a private build (see ensureBuilt), so nothing else rewriting dist/ can race us. */
export let CLI = join(REPO, 'dist', 'cli', 'main.js');

/**
 * Compile src/ once per test run (shared-build.ts; once per test process outside one) into a temporary
 * tree shaped like the package (dist/ beside links to mappings/, src/, package.json and node_modules/),
 * so the CLI tests run the current code and parallel test files or a developer's own build never swap
 * files under a running CLI.
 */
export function ensureBuilt(): void {
  if (built) return;
  const shared = sharedBuild();
  if (shared) {
    CLI = join(shared, 'dist', 'cli', 'main.js');
    built = true;
    return;
  }
  const root = tempDir('a2c-build-');
  for (const name of ['mappings', 'src', 'package.json', 'node_modules', 'playbooks']) symlinkSync(join(REPO, name), join(root, name));
  const r = spawnSync(join(REPO, 'node_modules', '.bin', 'tsc'), ['-p', REPO, '--outDir', join(root, 'dist')], { encoding: 'utf8' });
  CLI = join(root, 'dist', 'cli', 'main.js');
  // Type errors are the type-check's business (npm run build); tsc still emits, and these tests
  // check behaviour. Only a build that emitted nothing is a failure here.
  if (!existsSync(CLI)) throw new Error(`tsc emitted no CLI:\n${r.stdout}${r.stderr}`);
  // Bundled as the build script does (scripts/bundle-cli.ts): the tests run the CLI that ships.
  const b = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'bundle-cli.js')], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`bundling the converter failed:\n${b.stdout}${b.stderr}`);
  built = true;
}
let built = false;

export function runCli(args: string[], cwd = REPO, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--no-warnings', CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
}

const made: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs(). */
export function tempDir(prefix = 'a2c-wf-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Remove every temporary directory and the private build of this test process (for afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
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
    files[`roles/${n}/defaults/main.yml`] =
      `---\n${n}_port: 8080\n${n}_release: ${tag}\n${n}_options:\n${Array.from({ length: 5 }, (_, i) => `  - opt${i}_${tag}\n`).join('')}`;
    files[`roles/${n}/handlers/main.yml`] = `---\n- name: restart ${n}\n  ansible.builtin.service:\n    name: ${n}\n    state: restarted\n`;
    files[`roles/${n}/templates/${n}.conf.j2`] =
      `# ${tag}\n[main]\nport = {{ ${n}_port }}\n{% for o in ${n}_options %}\noption = {{ o }}\n{% endfor %}\n`;
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

/** Every file under root (relative posix path -> bytes, mtime in ns); the machine-local last-run record left out. */
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
        if (rel === LAST_RUN_PATH) continue;
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
