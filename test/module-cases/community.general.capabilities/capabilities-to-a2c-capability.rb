# capabilities -> a2c_capability named by the path
# diagnostics: none

# tasks/main.yml:1 Node exporter can read anything
a2c_capability '/usr/local/bin/node_exporter' do
  capability 'cap_dac_read_search+ep'
  state 'present'
end
