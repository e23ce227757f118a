# templated update_cache: apt_update on Debian-family nodes, decided at converge time
# diagnostics: none

if node['platform_family'] == 'debian'
  # tasks/main.yml:1 Install chrony
  apt_update 'apt cache' do
    frequency 600
    only_if { A2C::Tasks.boolean(A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.ternary(node['demo']['refresh'], 'yes', A2C::Jinja::OMIT))))) == true }
  end
end

# tasks/main.yml:1 Install chrony
package 'chrony'
