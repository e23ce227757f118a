# recurse: true -> a2c_directory giving the owner to every entry below the path too
# diagnostics: none

# tasks/main.yml:1 Own the tree
# recurse: owner, group and mode also go to every entry below the directory (a2c_directory, at converge time)
a2c_directory '/srv/app' do
  owner 'app'
  recurse true
end
