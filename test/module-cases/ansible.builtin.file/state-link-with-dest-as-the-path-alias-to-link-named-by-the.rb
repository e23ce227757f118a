# state: link with dest as the path alias -> link named by the link path
# diagnostics: none

# tasks/main.yml:1 Link the site
link '/etc/nginx/sites-enabled/site' do
  to '/etc/nginx/sites-available/site'
end
