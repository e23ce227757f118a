# allow-downgrade-to-options-on-debian-nodes
# diagnostics: none

# tasks/main.yml:1 Install a pinned version on any family
package A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'runner_package')) do
  options node['platform_family'] == 'debian' ? ['--allow-downgrades'] : nil
  action :upgrade
end
