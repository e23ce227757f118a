# timezone -> timezone (action :set is the default)
# diagnostics: none

# tasks/main.yml:1 Set the time zone
timezone 'Etc/UTC'
