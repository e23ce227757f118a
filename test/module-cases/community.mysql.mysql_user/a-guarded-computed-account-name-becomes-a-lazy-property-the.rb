# a guarded computed account name becomes a lazy property (the label names the resource)
# diagnostics: none

# tasks/main.yml:1 Replication user
a2c_mysql_user 'Replication user' do
  username lazy { A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(node['demo']['replication_user'], 'name'))), 'name') }
  host '%'
  priv '*.*:REPLICATION SLAVE'
  only_if { A2C::Jinja.is_defined(A2C::Jinja.try { A2C::Jinja.attr(node['demo']['replication_user'], 'name') }) }
end
