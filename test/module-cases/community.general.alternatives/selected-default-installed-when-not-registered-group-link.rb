# selected (default): installed when not registered (group link, priority 50), then set
# diagnostics: none

# tasks/main.yml:1 Use Java 17
alternatives 'java (install)' do
  link_name 'java'
  path '/usr/lib/jvm/java-17-openjdk-amd64/bin/java'
  link lazy { A2C::Modules.alternatives_link('java') }
  priority 50
  not_if { A2C::Modules.alternative?('java', '/usr/lib/jvm/java-17-openjdk-amd64/bin/java') }
end

# tasks/main.yml:1 Use Java 17
alternatives 'java (select)' do
  link_name 'java'
  path '/usr/lib/jvm/java-17-openjdk-amd64/bin/java'
  action :set
end
