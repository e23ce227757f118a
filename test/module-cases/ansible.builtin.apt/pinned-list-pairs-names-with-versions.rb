# pinned-list-pairs-names-with-versions
# diagnostics: A2C-PIN-DOWNGRADE

# tasks/main.yml:1 Upgrade curl, keep libssl3 at its version
apt_package %w(curl libssl3) do
  version [nil, '3.0.2-0ubuntu1.10']
  action :upgrade
end
