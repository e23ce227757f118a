# frozen_string_literal: true
#
# a2c_lvol: community.general.lvol for plain logical volumes, through LVM's commands
# (libraries/a2c_lvol.rb). Chef 18 has no LVM resource.
unified_mode true
provides :a2c_lvol

description 'Creates, resizes, activates or removes an LVM logical volume, as community.general.lvol does.'

property :lv, String, name_property: true, description: 'The logical volume (a vg/lv path names it too).'
property :vg, String, required: true, description: 'Its volume group.'
property :size, String, description: '[+-]N[bskmgtpe] (-L, megabytes without a unit) or [+-]N%VG|PVS|FREE (-l).'
property :opts, String, description: 'Extra lvcreate options.'
property :pvs, String, description: 'Physical volumes to use, separated by commas.'
property :state, String, equal_to: %w(present absent), default: 'present'
property :force, [true, false], default: false, description: 'Allow removing and shrinking.'
property :shrink, [true, false], default: true, description: 'Shrink when the size is smaller (with force).'
property :active, [true, false], default: true, description: 'lvchange -ay, or -an when false.'
property :resizefs, [true, false], default: false, description: 'Resize the filesystem with the volume (--resizefs).'

action :manage do
  description 'Create the volume, resize it when its size differs, set its activation, or remove it (with force).'

  r = new_resource
  args = {
    vg: r.vg, lv: r.lv, size: r.size, opts: r.opts, pvs: r.pvs, state: r.state,
    force: r.force, shrink: r.shrink, active: r.active, resizefs: r.resizefs
  }
  if A2C::Lvol.lv(**args, dry_run: true)['changed']
    converge_by("#{r.state == 'absent' ? 'remove' : 'create, resize or activate'} LVM logical volume #{r.vg}/#{r.lv}") do
      A2C::Lvol.lv(**args)
    end
  end
end
