# password-lock-with-templated-state-locks-on-create
# diagnostics: none

# tasks/main.yml:1 Locked, templated state
user 'robot' do
  action A2C::Tasks.action(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'robot_state')), { 'present' => 'create+lock', 'absent' => 'remove' })
end
