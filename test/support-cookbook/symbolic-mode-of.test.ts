// A symbolic mode relative to a file's current mode (`o-rwx`, `u+rw,g-wx`) on a copy, a template or a
// directory: ansible-playbook (ansible-core 2.14) sets it on files and directories that exist with
// several modes and on ones it creates (missing parents too); A2C::FileState.symbolic_mode_of, run
// as Chef runs a lazy mode (before the path is created, then again), must give every path the mode
// Ansible gave it. a2c_directory's action is run with a stand-in for Chef's DSL.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTool, requireOrSkip } from '../helpers/real-tools.js';
import { ansibleEnv } from '../helpers/ansible-env.js';

const ROOT = resolve(import.meta.dirname, '../..');

// No s/t bits: an unprivileged run may not set them on files, and the comparison would test the kernel.
const MODES = ['o-rwx', 'u+rw,g-wx,o-rwx', 'o-rwx,g-rwx', 'o-rx', 'g+X', 'u=g,g=u', 'a+X,o-w', 'u=rwX,go=rX', 'g=u,o='];
/** Modes of the paths that exist before the run; undefined: the path is missing (created by the task). */
const STARTS: Array<number | undefined> = [0o644, 0o750, 0o601, 0o711, undefined];

const modeOf = (p: string): string => (statSync(p).mode & 0o7777).toString(8);

/** One side's paths, created with the start modes: f<i>_<j> files, d<i>_<j> directories. */
function prepare(side: string): void {
  mkdirSync(side);
  MODES.forEach((_, i) =>
    STARTS.forEach((start, j) => {
      if (start === undefined) return;
      const f = join(side, `f${i}_${j}`);
      writeFileSync(f, 'old\n');
      chmodSync(f, start);
      const d = join(side, `d${i}_${j}`);
      mkdirSync(d);
      chmodSync(d, start | 0o700);
    }),
  );
}

describe('A2C::FileState.symbolic_mode_of', () => {
  const tools = requireOrSkip('ansible-playbook', hasTool('ansible-playbook')) && requireOrSkip('ruby', hasTool('ruby'));

  it.skipIf(!tools)(
    'gives files and directories the modes ansible-playbook gives them',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'a2c-symbolic-'));
      try {
        const a = join(dir, 'a');
        const b = join(dir, 'b');
        prepare(a);
        prepare(b);
        const tasks: string[] = [];
        MODES.forEach((m, i) =>
          STARTS.forEach((_, j) => {
            tasks.push(`- copy: {content: "new\\n", dest: "${a}/f${i}_${j}", mode: "${m}"}`);
            // A missing directory is created under a missing parent: both get the mode.
            const path = STARTS[j] === undefined ? `${a}/d${i}_${j}/sub` : `${a}/d${i}_${j}`;
            tasks.push(`- file: {path: "${path}", state: directory, mode: "${m}"}`);
          }),
        );
        writeFileSync(
          join(dir, 'site.yml'),
          `- hosts: localhost\n  gather_facts: false\n  tasks:\n${tasks.join('\n').replace(/^/gm, '    ')}\n`,
        );
        // Both sides under a umask other than the usual 022, so a new path's starting mode is tested.
        const r = spawnSync('sh', ['-c', 'umask 002 && exec ansible-playbook -i localhost, -c local site.yml'], {
          cwd: dir,
          encoding: 'utf8',
          env: ansibleEnv(),
        });
        expect(r.status, r.stdout + r.stderr).toBe(0);

        // Chef's side: a file resource reads its lazy mode before it writes a missing file (which
        // it creates as the module does, 0666 less the umask) and again after; a2c_directory's
        // directory resources likewise around Dir.mkdir.
        const script = `
          require 'json'
          require_relative 'src/support-cookbook/ruby/libraries/a2c_file_state'
          FileRes = Struct.new(:path)
          class Props
            attr_reader :set
            def initialize; @set = {}; end
            %w[owner group mode].each { |m| define_method(m) { |v| @set[m] = v } }
            def lazy(&blk) = blk
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
          JSON.parse(STDIN.read).each do |kind, path, mode|
            if kind == 'file'
              res = FileRes.new(path)
              first = A2C::FileState.symbolic_mode_of(res, mode, false)
              File.write(path, "new\\n")
              again = A2C::FileState.symbolic_mode_of(res, mode, false)
              raise "read twice: #{first} then #{again}" unless first == again
              File.chmod(Integer(first, 8), path)
            else
              run = Object.new
              run.define_singleton_method(:description) { |*| }
              run.define_singleton_method(:new_resource) { Want.new(path, nil, nil, mode, false, nil) }
              run.define_singleton_method(:directory) do |name, &blk|
                props = Props.new
                props.instance_eval(&blk)
                want = props.set['mode']
                res = FileRes.new(name)
                first = want.respond_to?(:call) ? want.call(res) : want
                Dir.mkdir(name) unless File.directory?(name)
                again = want.respond_to?(:call) ? want.call(res) : want
                raise "read twice: #{first} then #{again}" unless first == again
                File.chmod(Integer(first, 8), name)
              end
              run.instance_eval(&definition.actions.fetch(:create))
            end
          end`;
        const work: Array<[string, string, string]> = [];
        MODES.forEach((m, i) =>
          STARTS.forEach((start, j) => {
            work.push(['file', join(b, `f${i}_${j}`), m]);
            work.push(['dir', start === undefined ? join(b, `d${i}_${j}`, 'sub') : join(b, `d${i}_${j}`), m]);
          }),
        );
        const rb = spawnSync('sh', ['-c', 'umask 002 && exec ruby -e "$0"', script], {
          cwd: ROOT,
          encoding: 'utf8',
          input: JSON.stringify(work),
        });
        expect(rb.stderr).toBe('');
        expect(rb.status).toBe(0);
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        MODES.forEach((m, i) =>
          STARTS.forEach((start, j) => {
            const names = [`f${i}_${j}`, `d${i}_${j}`, ...(start === undefined ? [`d${i}_${j}/sub`] : [])];
            for (const n of names) {
              want[`${m} ${start?.toString(8) ?? 'new'} ${n}`] = modeOf(join(a, n));
              got[`${m} ${start?.toString(8) ?? 'new'} ${n}`] = modeOf(join(b, n));
            }
          }),
        );
        expect(got).toEqual(want);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );

  it.skipIf(!tools)('fails on a symbolic link rather than guess the module follow rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2c-symbolic-link-'));
    try {
      writeFileSync(join(dir, 'target'), 'x');
      symlinkSync(join(dir, 'target'), join(dir, 'link'));
      const script = `
        require_relative 'src/support-cookbook/ruby/libraries/a2c_file_state'
        begin
          A2C::FileState.symbolic_mode_of(Struct.new(:path).new(ARGV[0]), 'o-rwx', false)
        rescue ArgumentError => e
          print e.message
        end`;
      const rb = spawnSync('ruby', ['-e', script, join(dir, 'link')], { cwd: ROOT, encoding: 'utf8' });
      expect(rb.stdout).toBe(`ansible2chef: ${join(dir, 'link')} is a symbolic link; a symbolic mode on a link is not converted`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
