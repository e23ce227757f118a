# state-absent-remove-force-to-manage-home-force
# diagnostics: none

A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'users_retired')).each do |item|
  # tasks/main.yml:1 Delete old user accounts
  user A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'username'))), 'name') do
    uid A2C::Tasks.omit(A2C::Tasks.to_int(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'uid') }, A2C::Jinja::OMIT))), 'uid'))
    manage_home A2C::Tasks.to_bool(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'remove') }, 'yes'))), 'remove')
    force A2C::Tasks.to_bool(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'force') }, 'no'))), 'force')
    action :remove
  end
end
