# rabbitmq_user state absent -> a2c_rabbitmq_user
# diagnostics: none

# tasks/main.yml:1 Remove the guest user
a2c_rabbitmq_user 'guest' do
  state 'absent'
end
