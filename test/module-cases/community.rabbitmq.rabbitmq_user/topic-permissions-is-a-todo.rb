# topic_permissions is a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'topic_permissions' of community.rabbitmq.rabbitmq_user: topic permissions are not converted (existing ones are cleared, as the module clears those not listed)
# tasks/main.yml:1 Monitoring user
#   - name: Monitoring user
#     rabbitmq_user:
#       user: monitoring
#       tags: monitoring
#       topic_permissions: []
