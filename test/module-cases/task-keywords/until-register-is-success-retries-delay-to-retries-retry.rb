# until <register> is success + retries/delay -> retries/retry_delay
# diagnostics: none

# tasks/main.yml:1 Fetch the token
# registers 'token' for later tasks (node.run_state)
ruby_block 'Fetch the token' do
  block do
    A2C::Tasks.register_command(node.run_state, 'token', ['/usr/local/bin/get-token'])
  end
  retries 5
  retry_delay 10
end
