# templated update_cache: apt_update on Debian-family nodes, decided at converge time
# diagnostics: none

if node['platform_family'] == 'debian'
  # tasks/main.yml:1 Install chrony
  apt_update 'apt cache' do
    frequency 600
    only_if { node['demo']['refresh'] }
  end
end

# tasks/main.yml:1 Install chrony
package 'chrony'
