# templated-state-and-fingerprint-to-ruby-block-where-pending
# diagnostics: none

A2C::Lookup.items(A2C::Lookup.listify(A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'extra_gpg_keys')))).each do |key|
  # tasks/main.yml:1 Install gpg keys
  ruby_block "rpm_key #{A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.item(key, 'key')))}" do
    block do
      A2C::Modules.rpm_key_apply(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.item(key, 'key'))), A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.item(key, 'state') }, 'present'))), 'state'), A2C::Tasks.omit(A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.item(key, 'fingerprint') }, A2C::Jinja::OMIT))), 'fingerprint')))
    end
    only_if { A2C::Modules.rpm_key_pending?(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.item(key, 'key'))), A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.item(key, 'state') }, 'present'))), 'state')) }
  end
end
