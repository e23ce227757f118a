# stat follow: true looks at the link target
# diagnostics: none

# tasks/main.yml:1 Look through the link
# registers 'java' for later tasks (node.run_state)
ruby_block 'Look through the link' do
  block do
    A2C::Tasks.register_stat(node.run_state, 'java', '/etc/alternatives/java', follow: true)
  end
end
