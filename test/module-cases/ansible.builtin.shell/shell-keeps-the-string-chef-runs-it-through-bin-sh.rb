# shell keeps the string (Chef runs it through /bin/sh)
# diagnostics: none

# tasks/main.yml:1 Count the rules
execute 'Count the rules' do
  command 'iptables -S | wc -l > /tmp/rules'
  creates '/tmp/rules'
end
