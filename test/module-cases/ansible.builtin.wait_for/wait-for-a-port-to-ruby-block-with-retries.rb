# wait for a port -> ruby_block with retries
# diagnostics: none

# tasks/main.yml:1 Wait for keystone
ruby_block 'Wait for keystone' do
  block do
    TCPSocket.new('::1', 5000).close
  end
  retries 30
  retry_delay 2
end
