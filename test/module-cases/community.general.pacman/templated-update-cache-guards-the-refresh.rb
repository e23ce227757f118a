# templated-update-cache-guards-the-refresh
# diagnostics: none

# tasks/main.yml:1 Install chrony
execute 'pacman --sync --refresh' do
  only_if { A2C::Tasks.boolean(A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'refresh_pacman')))) == true }
end

# tasks/main.yml:1 Install chrony
pacman_package 'chrony'
