# frozen_string_literal: true
#
# a2c_filesystem: community.general.filesystem for ext2/ext3/ext4 and xfs (libraries/a2c_filesystem.rb).
# Chef 18 has no filesystem resource.
unified_mode true
provides :a2c_filesystem

description 'Makes, grows (ext) or wipes a filesystem on a device, as community.general.filesystem does.'

property :dev, String, name_property: true, description: 'The device (or image file).'
property :fstype, String, description: 'ext2, ext3, ext4 or xfs; required with state present.'
property :opts, String, description: 'mkfs options, split at spaces.'
property :force, [true, false], default: false, description: 'Make the filesystem over another one.'
property :resizefs, [true, false], default: false, description: 'Grow a filesystem of the same type to the device (ext: resize2fs).'
property :state, String, equal_to: %w(present absent), default: 'present'

action :manage do
  description 'Make the filesystem on an empty device (or with force), grow it with resizefs, or wipe the device (absent).'

  r = new_resource
  args = { dev: r.dev, fstype: r.fstype, opts: r.opts, force: r.force, resizefs: r.resizefs, state: r.state }
  if A2C::Filesystem.make(**args, dry_run: true)['changed']
    converge_by("#{r.state == 'absent' ? 'wipe' : "make or grow #{r.fstype} on"} #{r.dev}") do
      A2C::Filesystem.make(**args)
    end
  end
end
