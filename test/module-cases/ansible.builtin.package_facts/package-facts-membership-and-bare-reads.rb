# package-facts-membership-and-bare-reads
# diagnostics: none

# tasks/main.yml:1 Gather the package list
# sets the fact 'packages' for later tasks, as package_facts does (node.run_state)
ruby_block 'Gather the package list' do
  block do
    A2C::Facts.register_packages(node.run_state, 'packages', false)
  end
end

# tasks/main.yml:4 Remove the old agent where it is installed
apt_package 'old-agent' do
  action :remove
  only_if { A2C::Facts.packages(node).key?('old-agent') && !A2C::Facts.packages(node).key?('new-agent') }
end

# tasks/main.yml:9 Record the installed bash version
file '/etc/bash-version' do
  content lazy { A2C::Tasks.to_str(A2C::Jinja.convert_data("#{A2C::Jinja.out(A2C::Jinja.attr(A2C::Jinja.item(A2C::Jinja.item(A2C::Tasks.registered(node.run_state, 'packages'), 'bash'), 0), 'version'))}\n"), 'content') }
end
