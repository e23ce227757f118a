# absent-with-force
# diagnostics: none

# tasks/main.yml:1 Remove the volume group and its volumes
a2c_lvg 'data' do
  state 'absent'
  force true
end
