# recurse: false is the module's default (accepted); a setgid mode string '02755' is octal
# diagnostics: none

# tasks/main.yml:1 Create the data directory
a2c_directory '/var/lib/mysql' do
  mode '02755'
end
