# content -> file with content
# diagnostics: none

# tasks/main.yml:1 Write the limits
file '/etc/security/limits.d/nofile.conf' do
  content "* soft nofile 4096\n"
end
