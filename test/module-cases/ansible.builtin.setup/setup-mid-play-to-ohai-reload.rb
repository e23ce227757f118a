# setup mid-play -> ohai reload
# diagnostics: none

# tasks/main.yml:1 Refresh facts
ohai 'Refresh facts'
