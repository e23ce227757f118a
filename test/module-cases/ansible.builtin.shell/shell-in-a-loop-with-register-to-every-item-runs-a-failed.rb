# shell in a loop with register -> every item runs, a failed one fails the task afterwards unless ignore_errors
# diagnostics: none

# tasks/main.yml:1 Check each unit
# registers 'units' (a result per loop item) for later tasks (node.run_state)
ruby_block 'Check each unit' do
  block do
    A2C::Tasks.register_each(node.run_state, 'units', %w(cinder-volume cinder-backup), 'item', ignore_errors: true) { |item| A2C::Tasks.command_result("systemctl is-enabled #{item}") }
  end
end
