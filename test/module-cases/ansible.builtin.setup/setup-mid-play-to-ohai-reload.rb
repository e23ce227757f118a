# setup mid-play -> ohai reload
# diagnostics: none

# tasks/main.yml:1 Refresh facts
ohai 'Refresh facts'

# tasks/main.yml:1 Refresh facts
ruby_block 'Refresh facts (local facts)' do
  block do
    A2C::Facts.refresh_local(node)
  end
end
