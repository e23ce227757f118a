# frozen_string_literal: true

# community.general.make: make runs only when `make -q` (the question make answers with its exit code:
# 0 when the target is up to date) says it is not, as the module decides. The command line is the
# module's: gmake where there is one, else make (or the `make` argument); -j <jobs>; -f <file>; the
# target when given; each param as key=value (Python's str of the value); every word expanded as
# AnsibleModule.run_command expands a list ($VAR and ${VAR} from the environment, then a leading ~),
# run in chdir. A failed make fails the task; `make -q` failing for another reason (exit 2) also
# runs make, as the module does.
module A2C
  module Make
    class Error < StandardError; end

    module_function

    # The module's result: 'changed', 'stdout', 'stderr', 'command'. dry_run asks `make -q` only.
    def run(chdir:, target: nil, params: nil, file: nil, jobs: nil, make: nil, dry_run: false)
      require 'mixlib/shellout'
      cwd = A2C::Tasks.ansible_path(chdir)
      words = command(target: target, params: params, file: file, jobs: jobs, make: make)
      # The module reports the words as it built them, shell-quoted (shlex.quote), before expansion:
      # a missing target shows as '' there, and run_command drops it.
      shown = words.map { |w| A2C::Jinja.quote(w.to_s) }.join(' ')
      argv = words.compact.map { |w| A2C::Tasks.ansible_path(w) }
      rc, out, err = sh(argv + ['-q'], cwd)
      return result(false, out, err, shown) if rc.zero?
      return result(true, out, err, shown) if dry_run

      rc, out, err = sh(argv, cwd)
      raise Error, "#{shown} failed (rc=#{rc}): #{err.empty? ? out : err}" unless rc.zero?

      result(true, out, err, shown)
    end

    # make's words, as the module builds them (nil for no target; run_command then expands each).
    def command(target: nil, params: nil, file: nil, jobs: nil, make: nil)
      words = [make.nil? ? program : make.to_s]
      words += ['-j', jobs.to_s] unless jobs.nil?
      words += ['-f', file.to_s] unless file.nil?
      words << target&.to_s
      words += params.map { |k, v| "#{k}=#{A2C::Jinja.str(v)}" } unless params.nil?
      words
    end

    # gmake where the node has it (the module prefers GNU make on systems that name it so), else make.
    def program
      A2C::BinPath.find('gmake', Error)
    rescue Error
      A2C::BinPath.find('make', Error)
    end

    def sh(argv, cwd)
      so = Mixlib::ShellOut.new(*argv, cwd: cwd, timeout: 86_400)
      so.run_command
      # The module strips trailing line breaks from both streams.
      [so.exitstatus, so.stdout.sub(/[\r\n]+\z/, ''), so.stderr.sub(/[\r\n]+\z/, '')]
    end

    def result(changed, out, err, shown)
      { 'changed' => changed, 'failed' => false, 'stdout' => out, 'stderr' => err, 'command' => shown }
    end
  end
end
