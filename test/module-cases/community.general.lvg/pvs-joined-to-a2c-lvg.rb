# pvs-joined-to-a2c-lvg
# diagnostics: none

# Lists set outside the converted input whose items are read as plain Chef because their fields
# are known from use, and dicts the input sets only to {} read so (libraries/input_contracts.rb):
# an item or dict that is not a dict, or a field of another type, fails the run now.
A2C::Inputs.check_items!(node, DemoCookbook::ITEM_CONTRACTS)

# Read once for the statements below: nothing the recipe compiles changes what is read.
vg = node.read!('ansible', 'vg')

# tasks/main.yml:1 create_vg | creating new LVM volume group(s)
a2c_lvg A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(vg, 'vgname'))), 'vg') do
  pvs A2C::Jinja.convert_data(vg.fetch('disks').join(','))
  state 'present'
end
