# frozen_string_literal: true

# Registered results as the converted recipes produce them, for test/support-cookbook/support-tasks.test.ts to compare
# with what ansible-playbook registered for the same stat paths and commands. Argument 1 is the
# libraries directory; stdin is {"paths": [...], "commands": [...]} where a command is a shell string
# or an argv array (the command module). Prints {"stats": [...], "commands": [...]}.
require 'json'
libdir = ARGV.fetch(0)
require File.join(libdir, 'a2c_jinja')
require File.join(libdir, 'a2c_tasks')

batch = JSON.parse($stdin.read)
run_state = {}
stats = batch['paths'].each_with_index.map do |path, i|
  A2C::Tasks.register_stat(run_state, "stat#{i}", path)
  A2C::Tasks.registered(run_state, "stat#{i}")
end
followed = batch['paths'].each_with_index.map do |path, i|
  A2C::Tasks.register_stat(run_state, "follow#{i}", path, follow: true)
  A2C::Tasks.registered(run_state, "follow#{i}")
end
slurps = batch['paths'].each_with_index.map do |path, i|
  A2C::Tasks.register_slurp(run_state, "slurp#{i}", path, ignore_errors: true)
end
commands = batch['commands'].each_with_index.map do |command, i|
  # ignore_errors, as the playbook sets it, so a non-zero rc is registered instead of raised.
  A2C::Tasks.register_command(run_state, "cmd#{i}", command, ignore_errors: true)
end
# The same three looped stats as the playbook: `when: "'missing' not in item"`, an empty loop, `when: false`.
loops = [
  [batch['paths'], ->(p) { p.include?('missing') ? A2C::Tasks.skipped_result : A2C::Tasks.stat_result(p) }],
  [[], ->(p) { A2C::Tasks.stat_result(p) }],
  [batch['paths'], ->(_p) { A2C::Tasks.skipped_result }],
  # ignore_errors, as the playbook sets it: the failed item is registered, the task goes on.
  [['echo a', 'echo oops >&2; exit 3', 'printf b'], ->(c) { A2C::Tasks.command_result(c) }]
].each_with_index.map do |(items, per_item), i|
  A2C::Tasks.register_each(run_state, "loop#{i}", items, 'item', ignore_errors: true) { |item| per_item.call(item) }
  A2C::Tasks.registered(run_state, "loop#{i}")
end
bashes = (batch['bashes'] || []).each_with_index.map do |command, i|
  A2C::Tasks.register_command(run_state, "bash#{i}", command, executable: '/bin/bash', ignore_errors: true)
end
$stdout.write(JSON.generate('stats' => stats, 'followed' => followed, 'slurps' => slurps, 'loops' => loops, 'bashes' => bashes, 'commands' => commands))
