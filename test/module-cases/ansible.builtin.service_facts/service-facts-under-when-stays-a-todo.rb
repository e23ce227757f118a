# service-facts-under-when-stays-a-todo
# diagnostics: A2C-TODO-REGISTER

# TODO(ansible2chef): A2C-TODO-REGISTER service_facts under a condition or in a loop is not converted (a skipped task leaves 'services' as it was)
# tasks/main.yml:1 Populate service facts
#   - name: Populate service facts
#     service_facts:
#     when: ansible_os_family == 'Debian'
