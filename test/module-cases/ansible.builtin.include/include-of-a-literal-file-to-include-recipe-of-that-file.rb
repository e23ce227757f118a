# include of a literal file -> include_recipe of that file
# ansible-core 2.14's deprecated bare include: a literal name is static (import_tasks' lookup).
# diagnostics: none

# tasks/main.yml:1
include_recipe 'demo::tls'
