# options-and-pesize
# diagnostics: none

# tasks/main.yml:1 Volume group with options
a2c_lvg 'data' do
  pvs ['/dev/sdb', '/dev/sdc']
  pesize '32M'
  pv_options '--dataalignment 1m'
  vg_options '--addtag data'
end
