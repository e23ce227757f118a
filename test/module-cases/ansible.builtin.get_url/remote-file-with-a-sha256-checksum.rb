# remote_file with a sha256 checksum
# diagnostics: none

# tasks/main.yml:1 Download node_exporter
remote_file '/opt/ne.tar.gz' do
  source 'https://example.com/ne.tar.gz'
  checksum 'abababababababababababababababababababababababababababababababab'
  mode '0644'
end
