# templated src -> one of the role files, chosen when the recipe compiles
# diagnostics: none

# tasks/main.yml:1 Install the unit override
cookbook_file '/etc/systemd/system/app.service' do
  source A2C::Tasks.file_source(node['demo']['unit_file'])
end
