# apt_key url -> remote_file in trusted.gpg.d
# diagnostics: none

# tasks/main.yml:1 Trust the Ceph key
remote_file '/etc/apt/trusted.gpg.d/release.asc' do
  source 'https://download.ceph.com/keys/release.asc'
  mode '0644'
end
