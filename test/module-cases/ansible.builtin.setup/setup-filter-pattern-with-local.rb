# setup-filter-pattern-with-local
# diagnostics: none

# tasks/main.yml:1 Refresh facts by pattern
ohai 'Refresh facts by pattern'

# tasks/main.yml:1 Refresh facts by pattern
ruby_block 'Refresh facts by pattern (local facts)' do
  block do
    A2C::Facts.refresh_local(node)
  end
end
