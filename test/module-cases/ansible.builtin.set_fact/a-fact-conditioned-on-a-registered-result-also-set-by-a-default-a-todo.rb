# set_fact conditioned on a registered result, also set by a role default: a TODO (where the task is skipped the default is read)
# diagnostics: A2C-TODO-REGISTER

# tasks/main.yml:1 Check the flag file
# registers 'flag' for later tasks (node.run_state)
ruby_block 'Check the flag file' do
  block do
    A2C::Tasks.register_stat(node.run_state, 'flag', '/etc/app/regen')
  end
end

# TODO(ansible2chef): A2C-TODO-REGISTER set_fact regen is conditioned on a registered result, which does not exist yet when the recipe compiles; 'regen' is also set elsewhere, whose value a skipped task would leave readable
# tasks/main.yml:5 Decide
#   - name: Decide
#     ansible.builtin.set_fact:
#       regen: true
#     when: flag.stat.exists
