# authorized-key-templated
# diagnostics: none

A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'admins')).each do |item|
  # tasks/main.yml:1 Keys of every admin
  a2c_authorized_key A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'name'))), 'user') do
    key A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'key'))), 'key')
    path "/etc/ssh/keys/#{A2C::Jinja.out(A2C::Jinja.attr(item, 'name'))}"
    manage_dir false
    comment A2C::Tasks.to_str(A2C::Jinja.convert_data("#{A2C::Jinja.out(A2C::Jinja.attr(item, 'name'))}@#{node.name}"), 'comment')
  end
end
