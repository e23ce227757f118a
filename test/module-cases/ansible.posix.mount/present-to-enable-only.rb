# present -> :enable only
# diagnostics: none

# tasks/main.yml:1 Record the mount
mount '/srv' do
  device '/dev/sdb1'
  fstype 'ext4'
  pass 0
  action :enable
end
