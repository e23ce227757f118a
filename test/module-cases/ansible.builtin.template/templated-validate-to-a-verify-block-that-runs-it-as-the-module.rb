# templated validate that may be omit -> a verify block that runs it as the module does (omit: no check)
# diagnostics: none

# tasks/main.yml:1 Write the proxy configuration
template '/etc/proxy/proxy.cfg' do
  source 'proxy.cfg.erb'
  mode '0644'
  verify do |a2c_path|
    A2C::Tasks.validate(A2C::Jinja.convert_data(A2C::Jinja.out(node['demo']['proxy_check'] ? "#{node['demo']['proxy_bin']} -c -f %s" : A2C::Jinja::OMIT)), a2c_path)
  end
end
