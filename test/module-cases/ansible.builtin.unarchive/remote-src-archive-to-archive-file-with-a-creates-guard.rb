# remote_src archive -> archive_file with a creates guard
# diagnostics: none

# tasks/main.yml:1 Unpack
# remote_src: a controller-side archive is shipped as a cookbook_file first
archive_file '/opt/ne.tar.gz' do
  destination '/opt/ne'
  not_if { File.exist?('/opt/ne/node_exporter') }
end
