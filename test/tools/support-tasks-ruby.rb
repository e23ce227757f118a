# frozen_string_literal: true

# The converted side of test/support-cookbook/support-tasks.test.ts: the same JSON batch as support-tasks-ansible.py,
# answered by the support cookbook's A2C::Tasks helpers. Argument 1 is the libraries directory.
# Errors are reported as {"error" => "<exception class>"}.
require 'json'
libdir = ARGV.fetch(0)
require File.join(libdir, 'a2c_jinja')
require File.join(libdir, 'a2c_tasks')

def answer
  { 'ok' => yield }
rescue StandardError => e
  { 'error' => e.class.name }
end

batch = JSON.parse($stdin.read)
vars_files = Dir.children(File.join(batch['role_dir'], 'vars')).sort
out = {
  'shlex' => batch['shlex'].map { |s| answer { A2C::Tasks.shlex_split(s) } },
  # nil means "neither true nor false", where Ansible's strict boolean() raises.
  'boolean' => batch['boolean'].map { |v| answer { A2C::Tasks.boolean(v).tap { |b| raise TypeError, 'not a boolean' if b.nil? } } },
  'subelements' => batch['subelements'].map do |list, key, flags|
    answer { A2C::Tasks.subelements(list, key, A2C::Tasks.boolean((flags || {})['skip_missing']) || false) }
  end,
  'nested' => batch['nested'].map { |lists| answer { A2C::Tasks.nested(*lists) } },
  'first_found' => batch['first_found'].map { |c| answer { A2C::Tasks.first_found(c['candidates'], vars_files, c['skip']) } }
}
$stdout.write(JSON.generate(out))
