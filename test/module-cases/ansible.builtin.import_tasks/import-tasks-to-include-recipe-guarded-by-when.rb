# import_tasks -> include_recipe, guarded by when
# diagnostics: none

if A2C::Jinja.truthy(A2C::Jinja.bool(A2C::Jinja.input(node, 'ansible', 'tls_enabled')))
  # tasks/main.yml:1
  include_recipe 'demo::tls'
end
