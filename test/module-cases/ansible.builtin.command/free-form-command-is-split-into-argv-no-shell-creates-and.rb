# free-form command is split into argv (no shell); creates and chdir
# diagnostics: none

# tasks/main.yml:1 Initialise the database
execute 'Initialise the database' do
  command ['keystone-manage', 'db_sync', '--log', 'a b']
  creates '/var/lib/keystone/.synced'
  cwd '/var/lib/keystone'
end
