// ansible.builtin.file with recurse: true. Differential: the module run by ansible-playbook on a
// tree of files and directories of assorted modes, and A2C::FileState.recurse_attributes (what
// a2c_directory runs below the path) on a copy; the directory's own mode is the octal the
// converter writes. Then the conversion and what stays a TODO.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertRole, outputText } from '../../helpers/convert-helpers.js';
import { hasTool, requireOrSkip } from '../../helpers/real-tools.js';
import { directorySymbolicMode } from '../../../src/translate/modules/symbolic-mode.js';
import { ansibleEnv } from '../../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Entries below the top directory and their modes; the top itself is `.`. */
const TREE: Array<[string, 'file' | 'dir', number]> = [
  ['f644', 'file', 0o644],
  ['f755', 'file', 0o755],
  ['f700', 'file', 0o700],
  ['f4755', 'file', 0o4755],
  ['f610', 'file', 0o610],
  ['f2640', 'file', 0o2640],
  ['sub', 'dir', 0o777],
  ['sub/g600', 'file', 0o600],
  ['sub/deeper', 'dir', 0o1711],
  ['sub/deeper/h666', 'file', 0o666],
  ['sub/nox', 'dir', 0o600],
  ['f000', 'file', 0o000],
];

function makeTree(dir: string): string {
  const top = join(dir, 'top');
  mkdirSync(top);
  for (const [path, kind] of TREE) {
    if (kind === 'dir') mkdirSync(join(top, path));
    else writeFileSync(join(top, path), 'x');
  }
  // Modes after creation, deepest first, so a directory without x does not lock its entries out.
  for (const [path, , mode] of [...TREE].reverse()) chmodSync(join(top, path), mode);
  chmodSync(top, 0o700);
  return top;
}

function modes(top: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      out[relative(top, p)] = (st.mode & 0o7777).toString(8);
      if (st.isDirectory()) walk(p);
    }
  };
  out['.'] = (statSync(top).mode & 0o7777).toString(8);
  walk(top);
  return out;
}

const MODES = ['u=rwX,g=rX,o=', 'u=rwx,g=rx,o=rx', 'a=rX', 'u=rw,go=r', 'ug=rwX,o=X', 'u=rwX,g=,o=', '0640', 'u+x,g-w', 'u=rwX,g+s,o-rwx'];

describe('file recurse: true', () => {
  const tools = requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'));

  it.skipIf(!tools)(
    'sets the modes ansible-playbook sets, entry by entry',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-recurse-'));
      try {
        const tasks = MODES.map((m, i) => `- file: {path: "${dir}/a${i}/top", mode: "${m}", recurse: true}`).join('\n');
        const copies = MODES.map((_, i) => {
          for (const side of ['a', 'b']) mkdirSync(join(dir, `${side}${i}`));
          return [makeTree(join(dir, `a${i}`)), makeTree(join(dir, `b${i}`))] as const;
        });
        writeFileSync(join(dir, 'site.yml'), `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks.replace(/^/gm, '    ')}\n`);
        const r = spawnSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', 'site.yml'], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        const script = `
        require 'json'
        require_relative 'src/support-cookbook/ruby/libraries/a2c_file_state'
        JSON.parse(STDIN.read).each { |top, mode| A2C::FileState.recurse_attributes(top, nil, nil, mode) }`;
        const rb = spawnSync('ruby', ['-e', script], {
          cwd: ROOT,
          encoding: 'utf8',
          input: JSON.stringify(copies.map(([, b], i) => [b, MODES[i]])),
        });
        expect(rb.stderr).toBe('');
        copies.forEach(([a, b], i) => {
          const want = modes(a);
          const got = modes(b);
          // The directory itself: a2c_directory gives it the octal the converter computed, when there is one.
          const top = /^[0-7]+$/.test(MODES[i]!) ? parseInt(MODES[i]!, 8) : directorySymbolicMode(MODES[i]!);
          if (top !== undefined) got['.'] = top.toString(8);
          else {
            delete want['.'];
            delete got['.'];
          }
          expect({ mode: MODES[i], ...got }).toEqual({ mode: MODES[i], ...want });
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  // The resource's action with a stand-in for Chef's DSL (directory creates and sets the mode,
  // converge_by runs its block and counts): the tree is set as the library sets it, and a second
  // run changes nothing, so Chef reports the resource up to date.
  it.skipIf(!tools)('a2c_directory applies recurse at converge time, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-recurse-action-'));
    try {
      const top = makeTree(dir);
      const script = `
        require 'json'
        require_relative 'src/support-cookbook/ruby/libraries/a2c_file_state'
        class Props
          attr_reader :set
          def initialize; @set = {}; end
          %w[owner group mode].each { |m| define_method(m) { |v| @set[m] = v } }
        end
        class Definition
          attr_reader :actions
          def initialize; @actions = {}; end
          %i[unified_mode provides description].each { |m| define_method(m) { |*| } }
          def property(*, **); end
          def action(name, &blk); @actions[name] = blk; end
        end
        definition = Definition.new
        definition.instance_eval(File.read('src/support-cookbook/ruby/resources/directory.rb'))
        Want = Struct.new(:path, :owner, :group, :mode, :recurse, :recurse_mode)
        converged = []
        2.times do
          run = Object.new
          run.define_singleton_method(:description) { |*| }
          run.define_singleton_method(:new_resource) { Want.new(ARGV[0], nil, nil, '0750', true, 'u=rwX,g=rX,o=') }
          run.define_singleton_method(:directory) do |name, &blk|
            props = Props.new
            props.instance_eval(&blk)
            Dir.mkdir(name) unless File.directory?(name)
            File.chmod(props.set['mode'].to_i(8), name) if props.set['mode']
          end
          run.define_singleton_method(:converge_by) { |msg, &blk| converged << msg; blk.call }
          run.instance_eval(&definition.actions.fetch(:create))
        end
        print JSON.generate(converged)`;
      const r = spawnSync('ruby', ['-e', script, top], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([`set owner, group and mode below ${top} (${TREE.length} entries)`]);
      const got = modes(top);
      expect(got['.']).toBe('750');
      expect(got['f644']).toBe('640');
      expect(got['f610']).toBe('750');
      expect(got['sub/nox']).toBe('750');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('converts to a2c_directory with the directory mode and the mode given below', async () => {
    const r = await convertRole({
      'tasks/main.yml': [
        '- name: rootwrap',
        '  file: {path: /etc/app/rootwrap.d, owner: root, group: root, mode: "u=rwX,g=rX,o=", recurse: true}',
        '- name: octal',
        '  file: {path: /srv/data, state: directory, mode: "0640", recurse: yes}',
        '- name: umask',
        '  file: {path: /srv/u, mode: "+x", recurse: true}',
        '- name: relative',
        '  file: {path: /srv/r, mode: "u+x", recurse: true}',
        '- name: not a directory',
        '  file: {path: /srv/f, state: file, recurse: true}',
        '- name: templated',
        '  file: {path: /srv/t, recurse: "{{ deep }}"}',
        '- name: directory alone',
        '  file: {path: /srv/d, state: directory, mode: "u=rwX,g=rX,o="}',
        '',
      ].join('\n'),
      'defaults/main.yml': 'deep: true\n',
    });
    const recipe = outputText(r, 'demo/recipes/default.rb');
    expect(recipe).toContain(
      "a2c_directory '/etc/app/rootwrap.d' do\n  owner 'root'\n  group 'root'\n  mode '0750'\n  recurse true\n  recurse_mode 'u=rwX,g=rX,o='\nend",
    );
    expect(recipe).toContain("a2c_directory '/srv/data' do\n  mode '0640'\n  recurse true\n  recurse_mode '0640'\nend");
    // Without recurse, a symbolic mode that is one octal mode for any directory converts too.
    expect(recipe).toContain("a2c_directory '/srv/d' do\n  mode '0750'\nend");
    const todos = r.diagnostics.filter((d) => d.code.startsWith('A2C-TODO')).map((d) => [d.span?.line, d.code, d.message]);
    // A mode relative to the directory's own: applied to it when a2c_directory acts, and below it.
    expect(recipe).toContain("a2c_directory '/srv/r' do\n  mode 'u+x'\n  recurse true\n  recurse_mode 'u+x'\nend");
    expect(todos).toEqual([
      [6, 'A2C-TODO-MODE', expect.stringContaining('umask')],
      [10, 'A2C-TODO-PARAM', "recurse option requires state to be 'directory' (state is file)"],
      [12, 'A2C-TODO-PARAM', 'recurse must be a literal boolean'],
    ]);
  });
});
