# allow-unauthenticated-templated-to-options-where-true
# diagnostics: none

# tasks/main.yml:1 Install, unsigned unless a key is set
apt_package 'kibana' do
  options_value = if A2C::Jinja.truthy(A2C::Jinja.input(node, 'ansible', 'kibana_apt_key')) ? false : true
                    ['--allow-unauthenticated']
                  else
                    []
                  end
  options options_value
  action :upgrade
end
