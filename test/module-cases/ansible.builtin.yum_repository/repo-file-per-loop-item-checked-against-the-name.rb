# repo-file-per-loop-item-checked-against-the-name
# diagnostics: none

A2C::Jinja.convert_data(A2C::Jinja.input(node, 'ansible', 'extra_repos')).each do |item|
  # tasks/main.yml:1 Install required repositories
  yum_repository A2C::Modules.yum_repo_file(A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'name'))), 'name'), A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'file') }, A2C::Jinja::OMIT)))) do
    description A2C::Tasks.omit(A2C::Tasks.to_str(A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.default(A2C::Jinja.try { A2C::Jinja.attr(item, 'description') }, A2C::Jinja::OMIT))), 'description'))
    baseurl A2C::Jinja.convert_data(A2C::Jinja.out(A2C::Jinja.attr(item, 'baseurl')))
  end
end
