# content-with-a-symbolic-mode-at-converge
# diagnostics: none

# tasks/main.yml:1 Write a key
file '/etc/app/key.pem' do
  content A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'key')), 'content')
  mode lazy { |a2c_file| A2C::FileState.symbolic_mode_of(a2c_file, 'u+rw,g-wx,o-rwx', false) }
end
