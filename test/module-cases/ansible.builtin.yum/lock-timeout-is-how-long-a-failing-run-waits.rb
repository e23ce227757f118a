# lock_timeout is how long a run blocked by the yum lock waits: ignored with the reason
# diagnostics: none

# tasks/main.yml:1 Install pymongo
# lock_timeout: the yum command Chef runs waits for the yum lock until it is free (the module gives up after lock_timeout seconds)
yum_package 'python-pymongo'
