# templated-state-and-fingerprint-to-ruby-block-where-pending
# diagnostics: none

# Lists set outside the converted input whose items are read as plain Chef because their fields
# are known from use (libraries/input_contracts.rb): an item that is not a dict, or a field of
# another type, fails the run now.
A2C::Inputs.check_items!(node, DemoCookbook::ITEM_CONTRACTS)

node.read!('ansible', 'extra_gpg_keys').each do |key|
  # tasks/main.yml:1 Install gpg keys
  ruby_block "rpm_key #{A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.item(key, 'key')))}" do
    block do
      A2C::Modules.rpm_key_apply(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.item(key, 'key'))), key.fetch('state', 'present').to_s, A2C::Tasks.omit(A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.item(key, 'fingerprint') }, A2C::Jinja::OMIT))), 'fingerprint')))
    end
    only_if { A2C::Modules.rpm_key_pending?(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.item(key, 'key'))), key.fetch('state', 'present').to_s) }
  end
end
