# policy-rc-d-omit-drops-the-argument
# `{{ omit }}` alone leaves the argument out, as Ansible does: no policy_rc_d, so the plain apt_package
# diagnostics: none

# tasks/main.yml:1 Install with an omitted policy
apt_package 'nginx' do
  action :upgrade
end
