# argv list
# diagnostics: none

# tasks/main.yml:1 Rebuild the CA list
execute 'Rebuild the CA list' do
  command ['update-ca-certificates', '--fresh']
end
