# a2c_replace
# Ruby reads '\\.' and '\.' alike; the printer escapes every backslash.
# diagnostics: none

# tasks/main.yml:1 Listen on IPv6
a2c_replace '/etc/memcached.conf' do
  regexp '^-l 127\\.0\\.0\\.1$'
  replace '-l ::1'
end
