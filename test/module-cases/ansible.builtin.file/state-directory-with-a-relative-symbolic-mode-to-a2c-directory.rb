# state-directory-with-a-relative-symbolic-mode-to-a2c-directory
# diagnostics: none

# tasks/main.yml:1 Private directory
# mode o-rwx,g-rwx: applied at converge time to each directory's mode (a new one's: 0777 less chef-client's umask, as the module's mkdir less its umask)
a2c_directory '/srv/vault/config' do
  mode 'o-rwx,g-rwx'
end
