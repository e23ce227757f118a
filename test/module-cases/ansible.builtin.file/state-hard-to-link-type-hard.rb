# state: hard -> link_type :hard
# diagnostics: none

# tasks/main.yml:1 Hard link
link '/srv/b' do
  to '/srv/a'
  link_type :hard
end
