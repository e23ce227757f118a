# modprobe persistent -> kernel_module install
# diagnostics: none

# tasks/main.yml:1 Load the iSCSI target module
# persistent: present makes the load persistent (action :install)
kernel_module 'target_core_mod'
