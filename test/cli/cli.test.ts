// The command line as a user meets it: help, version, output modes, and the hand-edit guard that makes
// incremental conversion safe (an edited generated file is never overwritten or removed silently).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCli, REPO, runCli } from '../helpers/golden.js';

let cli: ReturnType<typeof buildCli>;
let work: string;

beforeAll(() => {
  cli = buildCli();
});
afterAll(() => cli?.cleanup());
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'a2c-cli-test-'));
  return () => rmSync(work, { recursive: true, force: true });
});

/** A roles directory with one role whose conversion is clean (no warnings) and has two recipes. */
function writeRole(root: string, opts: { extraRecipe: boolean }): void {
  const files: Record<string, string> = {
    'motd/tasks/main.yml': [
      '---',
      '- name: Write the message of the day',
      '  ansible.builtin.copy:',
      '    content: "Authorised use only\\n"',
      '    dest: /etc/motd',
      '    mode: "0644"',
      ...(opts.extraRecipe ? ['', '- name: Install figlet', '  ansible.builtin.import_tasks: banner.yml'] : []),
      '',
    ].join('\n'),
    'motd/tasks/banner.yml': [
      '---',
      '- name: Install figlet',
      '  ansible.builtin.package:',
      '    name: figlet',
      '    state: present',
      '',
    ].join('\n'),
  };
  rmSync(join(root, 'motd'), { recursive: true, force: true });
  for (const [path, text] of Object.entries(files)) {
    if (!opts.extraRecipe && path.endsWith('banner.yml')) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function convert(input: string, out: string, ...flags: string[]) {
  return runCli(cli.main, ['convert', input, '--out', out, ...flags]);
}

describe('ansible2chef CLI', () => {
  it('lists every command in --help, and each command run alone knows its own options', () => {
    // main.ts loads only the module of the command it runs; help and a bad command load them all.
    const commands = ['convert', 'audit', 'plan', 'check', 'diff', 'init', 'mappings'];
    const help = runCli(cli.main, ['--help']);
    expect(help.status).toBe(0);
    for (const c of commands) expect(help.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    for (const c of commands) {
      const r = runCli(cli.main, [c, '--help']);
      expect(r.status, c).toBe(0);
      expect(r.stdout).toContain(`Usage: ansible2chef ${c} `);
    }
    const bad = runCli(cli.main, ['nosuch']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown command 'nosuch'");
  });

  it('documents every option of convert in --help', () => {
    const r = runCli(cli.main, ['convert', '--help']);
    expect(r.status).toBe(0);
    for (const opt of ['--out', '--json', '--quiet', '--force', '--keep-edits', '--namespace']) {
      // Each option on its own help line, with a description after it.
      expect(r.stdout, opt).toMatch(new RegExp(`^\\s+(-\\w, )?${opt}\\b.*\\s{2,}\\S`, 'm'));
    }
  });

  it('prints the package.json version for --version', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const r = runCli(cli.main, ['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('prints a parseable JSON summary with --json', () => {
    const input = join(work, 'roles');
    writeRole(input, { extraRecipe: true });
    const r = convert(input, join(work, 'out'), '--json');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['cookbooks', 'tasks', 'converted', 'todo', 'ignored', 'diagnostics']) expect(summary, key).toHaveProperty(key);
    expect(summary).toMatchObject({ cookbooks: 1, tasks: 3, todo: 0, ignored: 0 });
  });

  it('prints nothing on stdout with --quiet for a clean project', () => {
    const input = join(work, 'roles');
    writeRole(input, { extraRecipe: true });
    const r = convert(input, join(work, 'out'), '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(existsSync(join(work, 'out', 'motd', 'recipes', 'default.rb'))).toBe(true);
  });

  describe('hand-edit safety', () => {
    let input: string;
    let out: string;
    let recipe: string;
    const edited = '# my own recipe now\n';
    beforeEach(() => {
      input = join(work, 'roles');
      out = join(work, 'out');
      recipe = join(out, 'motd', 'recipes', 'default.rb');
      writeRole(input, { extraRecipe: true });
      const first = convert(input, out, '--quiet');
      expect(first.status, first.stderr).toBe(0);
    });

    it('keeps an edited recipe byte for byte, names it and exits 1', () => {
      writeFileSync(recipe, edited);
      const r = convert(input, out, '--quiet');
      expect(r.status).toBe(1);
      expect(readFileSync(recipe, 'utf8')).toBe(edited);
      expect(r.stderr).toContain('motd/recipes/default.rb');
      expect(existsSync(recipe + '.new')).toBe(false);
      // The edit stays detected on the run after that, too.
      expect(convert(input, out, '--quiet').status).toBe(1);
      expect(readFileSync(recipe, 'utf8')).toBe(edited);
    });

    it('writes the new version beside it as FILE.new with --keep-edits', () => {
      const generated = readFileSync(recipe, 'utf8');
      writeFileSync(recipe, edited);
      const r = convert(input, out, '--quiet', '--keep-edits');
      expect(r.status).toBe(1);
      expect(readFileSync(recipe, 'utf8')).toBe(edited);
      expect(readFileSync(recipe + '.new', 'utf8')).toBe(generated);
    });

    it('overwrites it with --force', () => {
      const generated = readFileSync(recipe, 'utf8');
      writeFileSync(recipe, edited);
      const r = convert(input, out, '--quiet', '--force');
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(recipe, 'utf8')).toBe(generated);
      // Forced back to the generated bytes, the file is an ordinary generated file again.
      expect(convert(input, out, '--quiet').status).toBe(0);
    });

    it('removes a file the conversion no longer produces', () => {
      const banner = join(out, 'motd', 'recipes', 'banner.rb');
      expect(existsSync(banner)).toBe(true);
      writeRole(input, { extraRecipe: false });
      const r = convert(input, out, '--json');
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(banner)).toBe(false);
      // banner.rb only: the rest of the cookbook is still produced.
      expect((JSON.parse(r.stdout) as { removed: number }).removed).toBe(1);
    });

    it('keeps a file the conversion no longer produces if it was edited', () => {
      const banner = join(out, 'motd', 'recipes', 'banner.rb');
      writeFileSync(banner, edited);
      writeRole(input, { extraRecipe: false });
      const r = convert(input, out, '--quiet');
      expect(r.status).toBe(1);
      expect(readFileSync(banner, 'utf8')).toBe(edited);
      expect(r.stderr).toContain('motd/recipes/banner.rb');
    });
  });
});
