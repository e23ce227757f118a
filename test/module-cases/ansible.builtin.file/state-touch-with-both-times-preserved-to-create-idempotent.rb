# state: touch with both times preserved -> :create (idempotent touch)
# diagnostics: none

# tasks/main.yml:1 Slow query log exists
# state: touch with both times preserved -> :create (an existing file keeps its times)
file '/var/log/mysql/slow.log' do
  mode '0640'
end
