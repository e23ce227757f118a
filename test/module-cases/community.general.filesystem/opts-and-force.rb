# opts-and-force
# diagnostics: none

# tasks/main.yml:1 ext4 with a label
a2c_filesystem '/dev/vg0/data' do
  fstype 'ext4'
  opts '-L data -m 1'
  force true
end
