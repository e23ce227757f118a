# pinned-list-pairs-names-with-versions
# diagnostics: none

# tasks/main.yml:1 Upgrade curl, keep libssl3 at its version
# apt_package passes --allow-downgrades: where a newer version is installed it installs the pinned one, where the module (allow_downgrade false) fails the run
apt_package %w(curl libssl3) do
  version [nil, '3.0.2-0ubuntu1.10']
  action :upgrade
end
