# msg -> log
# diagnostics: none

# tasks/main.yml:1 Say where
log 'Say where' do
  message "listening on #{A2C::Jinja.out(A2C::Jinja.input(node, 'ansible', 'bind_host'))}"
  level :info
end
