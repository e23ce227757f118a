# cron_file with a dot -> TODO (cron_d would write another file name)
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM cron_file must be a static file name in /etc/cron.d without dots (cron_d turns dots into dashes)
# tasks/main.yml:1 Backup
#   - name: Backup
#     cron:
#       name: nightly backup
#       cron_file: backup.job
#       job: /usr/local/bin/backup
#       user: root
