# until <condition> on a registered shell -> the attempt loop of A2C::Tasks.register_until
# diagnostics: none

# tasks/main.yml:1 Wait for the service to answer
# registers 'health' for later tasks (node.run_state)
ruby_block 'Wait for the service to answer' do
  block do
    A2C::Tasks.register_until(node.run_state, 'health', 10, 3, ->(result) { A2C::Jinja.contains(A2C::Jinja.attr(result, 'stdout'), 'ok') }) { A2C::Tasks.command_result('curl -s http://127.0.0.1:8080/health') }
  end
end
