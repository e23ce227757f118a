# symbolic mode relative to the current mode -> computed at converge time (A2C::FileState.symbolic_mode_of)
# diagnostics: none

# tasks/main.yml:1 Write motd
template '/etc/motd' do
  source 'motd.erb'
  mode lazy { |a2c_file| A2C::FileState.symbolic_mode_of(a2c_file, 'u=rw,g+r,o=r', false) }
end
