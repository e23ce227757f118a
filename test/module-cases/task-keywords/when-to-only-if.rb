# when -> only_if
# diagnostics: none

# tasks/main.yml:1 Install nginx
package 'nginx' do
  only_if { platform_family?('debian') }
end
