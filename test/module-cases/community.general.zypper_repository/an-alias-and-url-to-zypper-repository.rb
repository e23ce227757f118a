# an alias and a URL: zypper_repository, gpgcheck from disable_gpg_check, no refresh unless runrefresh
# diagnostics: none

# tasks/main.yml:1 Enable nginx repo.
zypper_repository 'nginx' do
  baseurl "http://nginx.org/packages/sles/#{node.read!('platform_version').split('.')[0]}"
  gpgcheck false
  autorefresh true
  refresh_cache false
end
