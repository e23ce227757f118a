# with_items -> each over the list (a literal list without nested lists needs no flatten)
# diagnostics: none

['/srv/a', '/srv/b'].each do |item|
  # tasks/main.yml:1 Create dirs
  directory item do
    recursive true
  end
end
