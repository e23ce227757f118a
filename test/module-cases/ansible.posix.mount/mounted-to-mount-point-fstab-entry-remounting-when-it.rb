# mounted -> mount point, fstab entry remounting when it changes, :mount
# diagnostics: none

# tasks/main.yml:1 Mount the volume store
# the module makes the mount point when it is missing
directory '/var/lib/cinder' do
  recursive true
  not_if { File.exist?('/var/lib/cinder') }
end

# tasks/main.yml:1 Mount the volume store
# a changed fstab line remounts a mounted filesystem, as the module does
mount '/var/lib/cinder (fstab)' do
  mount_point '/var/lib/cinder'
  device '/dev/vg0/cinder'
  fstype 'xfs'
  options 'noatime'
  pass 0
  action :enable
  notifies :remount, 'mount[/var/lib/cinder]', :immediately
end

# tasks/main.yml:1 Mount the volume store
mount '/var/lib/cinder' do
  device '/dev/vg0/cinder'
  fstype 'xfs'
  options 'noatime'
  pass 0
  supports({ remount: true })
end
