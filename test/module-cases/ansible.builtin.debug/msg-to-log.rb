# msg -> log
# diagnostics: none

# Variables set outside the converted input, read here as plain Chef because their type is known:
# a value of another type fails the run now, rather than converging differently from Ansible.
A2C::Inputs.check!(
  node,
  'ansible',
  { 'bind_host' => ['str|int', 'inferred from its use at tasks/main.yml:3'] }
)

# tasks/main.yml:1 Say where
log 'Say where' do
  message "listening on #{node.read!('ansible', 'bind_host')}"
  level :info
end
