# state absent removes without install options; oldpackage and disable_recommends false map through
# diagnostics: none

# tasks/main.yml:1 Remove docker
zypper_package 'docker' do
  allow_downgrade true
  action :remove
end

# tasks/main.yml:6 Upgrade git
zypper_package 'git' do
  allow_downgrade false
  action :upgrade
end
