# absent -> remove
# diagnostics: none

# tasks/main.yml:1 Drop the games group
group 'games' do
  action :remove
end
