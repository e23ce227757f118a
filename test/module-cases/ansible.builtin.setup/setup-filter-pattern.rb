# setup-filter-pattern
# diagnostics: none

# tasks/main.yml:1 Refresh processor facts
ohai 'Refresh processor facts'
