# state-absent-remove-force-to-manage-home-force
# diagnostics: none

# Lists set outside the converted input whose items are read as plain Chef because their fields
# are known from use (libraries/input_contracts.rb): an item that is not a dict, or a field of
# another type, fails the run now.
A2C::Inputs.check_items!(node, DemoCookbook::ITEM_CONTRACTS)

node.read!('ansible', 'users_retired').each do |item|
  # tasks/main.yml:1 Delete old user accounts
  user A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'username'))), 'name') do
    uid A2C::Tasks.omit(A2C::Tasks.to_int(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'uid') }, A2C::Jinja::OMIT))), 'uid'))
    manage_home A2C::Tasks.to_bool(item.fetch('remove', 'yes').to_s, 'remove')
    force A2C::Tasks.to_bool(item.fetch('force', 'no').to_s, 'force')
    action :remove
  end
end
