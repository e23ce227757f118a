# pinned-with-allow-downgrade-needs-no-note
# diagnostics: none

# tasks/main.yml:1 Install nginx 1.18, downgrading if need be
apt_package 'nginx' do
  options ['--allow-downgrades']
  version '1.18.0-6ubuntu14'
end
