# expires-with-templated-state
# diagnostics: none

# tasks/main.yml:1 Expiring, templated state
user 'guest' do
  expire_date lazy { A2C::Modules.user_expire_date('guest', '2015-01-28') }
  action A2C::Tasks.action(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'guest_state')), { 'present' => 'create', 'absent' => 'remove' })
end
