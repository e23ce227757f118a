# state: absent removes
# diagnostics: none

# tasks/main.yml:1 Remove telnet
package 'telnet' do
  action :remove
end
