# frozen_string_literal: true
#
# a2c_capability: community.general.capabilities, through getcap and setcap
# (libraries/a2c_capabilities.rb), with the module's reading and comparison of the file's capabilities.
unified_mode true
provides :a2c_capability

description 'Adds or removes a file capability with setcap, as community.general.capabilities does.'

property :path, String, name_property: true, description: 'The file (Ansible path/key).'
property :capability, String, required: true, description: 'cap_name[op]flags, e.g. cap_net_bind_service+ep.'
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Set the capability list again when the wanted capability is missing (present) or there (absent).'

  r = new_resource
  args = { path: r.path, capability: r.capability, state: r.state }
  if A2C::Capabilities.manage(**args, dry_run: true)['changed']
    converge_by("#{r.state == 'present' ? 'add' : 'remove'} capability #{r.capability} on #{r.path}") do
      A2C::Capabilities.manage(**args)
    end
  end
end
