# absent-with-force
# diagnostics: none

# tasks/main.yml:1 Remove the volume
a2c_lvol 'scratch' do
  vg 'data'
  state 'absent'
  force true
end
