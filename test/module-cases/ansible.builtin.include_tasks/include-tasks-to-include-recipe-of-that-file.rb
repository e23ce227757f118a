# include_tasks -> include_recipe of that file
# diagnostics: none

# tasks/main.yml:1 Configure TLS
include_recipe 'demo::tls'
