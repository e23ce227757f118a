# size-opts-and-shrink-to-a2c-lvol
# diagnostics: none

# Lists set outside the converted input whose items are read as plain Chef because their fields
# are known from use, and dicts the input sets only to {} read so (libraries/input_contracts.rb):
# an item or dict that is not a dict, or a field of another type, fails the run now.
A2C::Inputs.check_items!(node, DemoCookbook::ITEM_CONTRACTS)

# Read once for the statements below: nothing the recipe compiles changes what is read.
lv = node.read!('ansible', 'lv')

# tasks/main.yml:1 create_lv | creating new LVM logical volume(s)
a2c_lvol A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(lv, 'lvname'))), 'lv') do
  vg A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(A2C::Jinja.input(node, 'ansible', 'vg'), 'vgname'))), 'vg')
  size A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(lv, 'size'))), 'size')
  shrink false
  opts((node.exist?('ansible', 'lv', 'opts') ? node['ansible']['lv']['opts'] : '').to_s)
  state 'present'
end
