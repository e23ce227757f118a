# templated src -> one of the role templates, chosen when the recipe compiles
# diagnostics: none

# tasks/main.yml:1 Write the config
template '/etc/app.conf' do
  source A2C::Tasks.template_source(node['demo']['conf_template'])
end
