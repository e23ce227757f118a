# absent -> [:umount, :disable]
# diagnostics: none

# tasks/main.yml:1 Drop the old mount
mount '/mnt/old' do
  action [:umount, :disable]
end
