# allow-downgrades-alias-with-a-state-choosing-installs
# diagnostics: none

# tasks/main.yml:1 Pinned when a version is set, else the latest
apt_package "gitlab-runner#{A2C::Jinja.out(A2C::Jinja.length(A2C::Jinja.input(node, 'ansible', 'runner_version')) != 0 ? A2C::Jinja.add('=', A2C::Jinja.input(node, 'ansible', 'runner_version')) : '')}" do
  options A2C::Tasks.to_bool(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'unsigned')), 'allow_unauthenticated') ? ['--allow-unauthenticated', '--allow-downgrades'] : ['--allow-downgrades']
  action A2C::Tasks.action(A2C::Jinja.length(A2C::Jinja.input(node, 'ansible', 'runner_version')) != 0 ? 'present' : 'latest', { 'present' => 'install', 'installed' => 'install', 'latest' => 'upgrade', 'absent' => 'remove', 'removed' => 'remove', 'purged' => 'purge' })
end
