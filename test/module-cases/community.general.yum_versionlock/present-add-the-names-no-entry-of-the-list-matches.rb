# present: yum versionlock add on the names no entry of the list matches
# diagnostics: none

# tasks/main.yml:1 Hold the MongoDB packages
ruby_block 'yum versionlock present (Hold the MongoDB packages)' do
  block do
    A2C::Modules.versionlock_apply(node['demo']['mongodb_pkg_hold_list'], 'present')
  end
  only_if { A2C::Modules.versionlock_pending(node['demo']['mongodb_pkg_hold_list'], 'present').any? }
end
