# copy: no (the old name of remote_src: yes) -> archive_file on the archive already on the node
# diagnostics: none

# tasks/main.yml:1 Extract the downloaded tarball
# copy: copy: no is remote_src: yes (the archive is on the node); given with remote_src the task fails
archive_file '/var/cache/app/app-1.2.tar.gz' do
  destination '/opt/app'
  not_if { File.exist?('/opt/app/bin/app') }
end
