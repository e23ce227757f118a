# frozen_string_literal: true

# community.general.filesystem (its release shipped with Debian's ansible, read for this) for the
# ext2/ext3/ext4 and xfs types: the device must exist (state absent: nothing to do otherwise);
# `blkid -c /dev/null -o value -s TYPE` names what it holds. state present: the same type is kept,
# or grown to the device with resizefs (ext: resize2fs when tune2fs's block count times block size is
# below the device's size); another type fails unless force; an empty device, or with force, gets
# `mkfs.<type>` with the module's force flag and opts split at spaces. state absent: a device holding
# something gets `wipefs --all`. Other types (and growing xfs, which needs its mount point) fail
# naming what is not converted, rather than do something else.
module A2C
  module Filesystem
    class Error < StandardError; end

    # mkfs command and its force flags, per type the conversion handles.
    MKFS = {
      'ext2' => ['mkfs.ext2', '-F'],
      'ext3' => ['mkfs.ext3', '-F'],
      'ext4' => ['mkfs.ext4', '-F'],
      'xfs' => ['mkfs.xfs', '-f'],
    }.freeze
    # blkid's names of the module's filesystem classes (ext4dev is ext4's class).
    CLASS = {
      'ext2' => 'ext2', 'ext3' => 'ext3', 'ext4' => 'ext4', 'ext4dev' => 'ext4', 'f2fs' => 'f2fs', 'reiserfs' => 'reiserfs',
      'xfs' => 'xfs', 'btrfs' => 'btrfs', 'vfat' => 'vfat', 'ocfs2' => 'ocfs2', 'LVM2_member' => 'lvm', 'swap' => 'swap', 'ufs' => 'ufs'
    }.freeze
    C_LOCALE = { 'LANG' => 'C', 'LC_ALL' => 'C', 'LC_MESSAGES' => 'C' }.freeze

    module_function

    # { 'changed' => ... }; dry_run (why-run) reads only.
    def make(dev:, fstype: nil, opts: nil, force: false, resizefs: false, state: 'present', dry_run: false)
      fstype = 'LVM2_member' if fstype == 'lvm'
      kind = CLASS[fstype]
      if state == 'present' && !MKFS.key?(kind)
        raise Error, "filesystem type #{fstype.inspect} is not converted (a2c_filesystem handles ext2, ext3, ext4 and xfs)"
      end
      unless File.exist?(dev)
        raise Error, "Device #{dev} not found." if state == 'present'

        return { 'changed' => false }
      end
      fs = capture('blkid', '-c', '/dev/null', '-o', 'value', '-s', 'TYPE', dev)[0].strip
      return wipe(dev, fs, dry_run) unless state == 'present'

      same = !fs.empty? && !CLASS[fs].nil? && CLASS[fs] == kind
      return { 'changed' => false } if same && !resizefs && !force
      return grow(dev, kind, dry_run) if same && resizefs
      raise Error, "'#{dev}' is already used as #{fs}, use force=true to overwrite" if !fs.empty? && !force
      return { 'changed' => true } if dry_run

      mkfs, flag = MKFS[kind]
      run!(mkfs, flag, *opts.to_s.split, dev)
      { 'changed' => true }
    end

    def wipe(dev, fs, dry_run)
      return { 'changed' => false } if fs.empty?

      run!('wipefs', '--all', dev) unless dry_run
      { 'changed' => true }
    end

    def grow(dev, kind, dry_run)
      raise Error, "growing #{kind} (xfs_growfs on its mount point) is not converted" unless kind.start_with?('ext')
      return { 'changed' => false } unless fs_size(dev) < device_size(dev)
      return { 'changed' => true } if dry_run

      run!('resize2fs', dev)
      { 'changed' => true }
    end

    # tune2fs -l's block count times block size.
    def fs_size(dev)
      out = run!('tune2fs', '-l', dev)
      count = out[/^Block count:\s*(\d+)/, 1]
      size = out[/^Block size:\s*(\d+)/, 1]
      raise Error, "unable to process tune2fs output for #{dev}" unless count && size

      Integer(count, 10) * Integer(size, 10)
    end

    def device_size(dev)
      stat = File.stat(dev)
      return Integer(run!('blockdev', '--getsize64', dev).strip, 10) if stat.blockdev?
      return stat.size if stat.file?

      raise Error, "Target device not supported: #{dev}"
    end

    def capture(*argv)
      require 'open3'
      Open3.capture3(C_LOCALE, *argv)
    end

    def run!(*argv)
      out, err, status = capture(*argv)
      raise Error, "#{argv.first} failed: #{err.strip}" unless status.success?

      out
    end
  end
end
