# pinned-with-allow-downgrade-needs-no-note
# diagnostics: none

# tasks/main.yml:1 Install nginx 1.18, downgrading if need be
# allow_downgrade: with literal pinned versions (name=version): apt_package always passes --allow-downgrades, as the module does when this is true; true without a pin stays a TODO
apt_package 'nginx' do
  version '1.18.0-6ubuntu14'
end
