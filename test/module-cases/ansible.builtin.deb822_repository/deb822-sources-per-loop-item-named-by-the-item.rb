# deb822-sources-per-loop-item-named-by-the-item
# diagnostics: none

# tasks/main.yml:1 Manage apt repositories
ruby_block 'register deb822_repos (Manage apt repositories)' do
  block do
    A2C::Tasks.store(node.run_state, 'deb822_repos', { 'changed' => false, 'failed' => false })
  end
end

[{ 'name' => 'Vendor Repo', 'uris' => 'https://mirror.example.com/vendor', 'suites' => 'bookworm', 'components' => 'main,contrib', 'signed_by' => '/usr/share/keyrings/vendor.gpg' }, { 'name' => 'old_repo', 'state' => 'absent' }].each do |item|
  # tasks/main.yml:1 Manage apt repositories
  apt_update "apt cache for #{item['name']}" do
    action :nothing
    notifies :run, 'ruby_block[register deb822_repos changed]', :immediately
  end

  # tasks/main.yml:1 Manage apt repositories
  a2c_deb822_repository item['name'] do
    uris A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.out(item.fetch('uris', A2C::Jinja::OMIT))))
    suites A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.out(item.fetch('suites', A2C::Jinja::OMIT))))
    components A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.out(item.fetch('components', A2C::Jinja::OMIT))))
    signed_by A2C::Tasks.omit(A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(item.fetch('signed_by', A2C::Jinja::OMIT))), 'signed_by'))
    action A2C::Tasks.action(A2C::Tasks.omit(A2C::Jinja.convert_data(A2C::Jinja.out(item.fetch('state', A2C::Jinja::OMIT)))) || 'present', { 'present' => 'create', 'absent' => 'delete' })
    notifies :update, "apt_update[apt cache for #{item['name']}]", :immediately
    notifies :run, 'ruby_block[register deb822_repos changed]', :immediately
  end
end

# tasks/main.yml:1 Manage apt repositories
ruby_block 'register deb822_repos changed' do
  block do
    A2C::Tasks.mark_changed(node.run_state, 'deb822_repos')
  end
  action :nothing
end

# tasks/main.yml:20 Update apt repositories when config is changed
a2c_apt_update 'apt cache' do
  only_if { A2C::Tasks.result?(A2C::Tasks.registered(node.run_state, 'deb822_repos'), 'changed') }
end
