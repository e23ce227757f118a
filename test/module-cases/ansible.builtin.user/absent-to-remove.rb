# absent -> remove
# diagnostics: none

# tasks/main.yml:1 Drop the games user
user 'games' do
  action :remove
end
