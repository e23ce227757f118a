# set_fact conditioned on a registered result: a ruby_block sets it at converge time under the condition (only_if)
# diagnostics: none

# tasks/main.yml:1 Check the flag file
# registers 'flag' for later tasks (node.run_state)
ruby_block 'Check the flag file' do
  block do
    A2C::Tasks.register_stat(node.run_state, 'flag', '/etc/app/regen')
  end
end

# tasks/main.yml:5 Decide
# sets 'regen' when it runs, with the registered results it reads (node.run_state)
ruby_block 'Decide' do
  block do
    A2C::Tasks.set_fact(node.run_state, 'regen', true)
  end
  only_if { A2C::Tasks.registered(node.run_state, 'flag')['stat']['exists'] }
end

# tasks/main.yml:9 Regenerate
execute 'Regenerate' do
  command ['/usr/local/bin/regen']
  only_if { A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Tasks.registered(node.run_state, 'regen') }) }
end
