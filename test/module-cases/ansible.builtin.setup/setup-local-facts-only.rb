# setup-local-facts-only
# diagnostics: none

# tasks/main.yml:1 Refresh local facts
ruby_block 'Refresh local facts' do
  block do
    A2C::Facts.refresh_local(node)
  end
end
