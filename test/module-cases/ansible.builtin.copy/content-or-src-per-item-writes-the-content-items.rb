# content-or-src-per-item-writes-the-content-items
# diagnostics: none

A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'static_files')).each do |item|
  # tasks/main.yml:1 Copy static files
  file A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'dest'))), 'dest') do
    content A2C::Modules.copy_content(A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'content') }, A2C::Jinja::OMIT))), 'content'), A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'src') }, A2C::Jinja::OMIT))))
    mode '0644'
  end
end
