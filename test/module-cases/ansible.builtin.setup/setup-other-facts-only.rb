# setup-other-facts-only
# diagnostics: none

# tasks/main.yml:1 Refresh the interfaces
ohai 'Refresh the interfaces'
