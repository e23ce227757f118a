# api_timeout stays a TODO
# diagnostics: A2C-TODO-PARAM

# TODO(ansible2chef): A2C-TODO-PARAM argument 'api_timeout' of openstack.cloud.endpoint: the openstack client has no per-call API timeout
# tasks/main.yml:1 Drop the public volume endpoint
#   - name: Drop the public volume endpoint
#     openstack.cloud.endpoint:
#       cloud: default
#       service: cinder
#       endpoint_interface: public
#       url: http://ctl:8776/v3
#       state: absent
#       api_timeout: 30
