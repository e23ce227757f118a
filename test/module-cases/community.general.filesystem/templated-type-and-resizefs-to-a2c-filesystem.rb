# templated-type-and-resizefs-to-a2c-filesystem
# diagnostics: none

# Lists set outside the converted input whose items are read as plain Chef because their fields
# are known from use, and dicts the input sets only to {} read so (libraries/input_contracts.rb):
# an item or dict that is not a dict, or a field of another type, fails the run now.
A2C::Inputs.check_items!(node, DemoCookbook::ITEM_CONTRACTS)

# Read once for the statements below: nothing the recipe compiles changes what is read.
lv = node.read!('ansible', 'lv')

# tasks/main.yml:1 create_fs | creating new filesystem on new LVM logical volume(s)
a2c_filesystem "/dev/#{node.read!('ansible', 'vg').fetch('vgname')}/#{lv.fetch('lvname')}" do
  fstype A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(lv, 'filesystem'))), 'fstype')
  resizefs true
end
