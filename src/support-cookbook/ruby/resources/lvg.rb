# frozen_string_literal: true
#
# a2c_lvg: community.general.lvg, through LVM's commands (libraries/a2c_lvm.rb). Chef 18 has no LVM
# resource.
unified_mode true
provides :a2c_lvg

description 'Creates, extends, reduces or removes an LVM volume group, as community.general.lvg does.'

property :vg, String, name_property: true, description: 'The volume group.'
property :pvs, [Array, String], description: 'The physical volumes (device paths; a string is split at commas, as the module does); required with state present.'
property :pesize, [String, Integer], default: '4', description: 'vgcreate -s (the extent size; megabytes without a unit).'
property :pv_options, String, default: '', description: 'Options for pvcreate, split at spaces.'
property :vg_options, String, default: '', description: 'Options for vgcreate, split at spaces.'
property :force, [true, false], default: false, description: 'Remove the group even when it holds logical volumes.'
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Create the group, add the devices it lacks and remove those not listed (state present), or remove it (absent).'

  r = new_resource
  args = { vg: r.vg, pvs: r.pvs, pesize: r.pesize, pv_options: r.pv_options, vg_options: r.vg_options, state: r.state, force: r.force }
  if A2C::Lvm.vg(**args, dry_run: true)['changed']
    converge_by("#{r.state == 'absent' ? 'remove' : 'create or resize'} LVM volume group #{r.vg}") do
      A2C::Lvm.vg(**args)
    end
  end
end
