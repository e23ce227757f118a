# frozen_string_literal: true

# community.general.lvg (its release shipped with Debian's ansible, read for this): a volume group
# made of physical volumes, through LVM's own commands with the module's arguments and in its order.
# state present: every device must exist (paths resolved as realpath); `pvs` (selected by these
# devices or this group) must not show a device in another group; a missing group gets `pvcreate
# <pv_options> -f` per device, then `vgcreate <vg_options> -s <pesize> <vg> <devices>`; an existing
# one gets the devices it lacks (pvcreate, `vgextend`) and loses those not listed (`vgreduce
# --force`). state absent: an existing group is removed with `vgremove --force` when it holds no
# logical volume, or with force; otherwise the run fails, as the module does.
module A2C
  module Lvm
    class Error < StandardError; end

    module_function

    # { 'changed' => ... }; dry_run (why-run) reads only, and answers as the module's check mode does.
    def vg(vg:, pvs: nil, pesize: '4', pv_options: '', vg_options: '', state: 'present', force: false, dry_run: false)
      given = devices(pvs)
      raise Error, 'No physical volumes given.' if given.empty? && state == 'present'

      devs = given.map { |d| real(d) }
      pv_list = state == 'present' ? present_pvs(vg, devs, given) : []
      this = vgs.find { |v| v[:name] == vg }
      if this.nil?
        return { 'changed' => false } unless state == 'present'

        return vg_create(vg, devs, pesize, pv_options, vg_options, dry_run)
      end
      return vg_remove(vg, this, force, dry_run) if state == 'absent'

      current = pv_list.select { |pv| pv[:vg] == vg }.map { |pv| real(pv[:name]) }
      add = (devs - current).uniq
      remove = (current - devs).uniq
      return { 'changed' => false } if add.empty? && remove.empty?
      return { 'changed' => true } if dry_run

      unless add.empty?
        add.each { |d| pvcreate(pv_options, d) }
        run!("Unable to extend #{vg} by #{add.join(' ')}.", 'vgextend', vg, *add)
      end
      run!("Unable to reduce #{vg} by #{remove.join(' ')}.", 'vgreduce', '--force', vg, *remove) unless remove.empty?
      { 'changed' => true }
    end

    # The module's list argument: a string is split at commas (empty items kept, as Python's split).
    def devices(pvs)
      return Array(pvs).map(&:to_s) unless pvs.is_a?(String)

      pvs.empty? ? [''] : pvs.split(',', -1)
    end

    # Python's os.path.realpath: symlinks resolved; a path that does not exist is made absolute.
    def real(path)
      File.realpath(path)
    rescue SystemCallError
      File.expand_path(path)
    end

    def present_pvs(vg, devs, given)
      devs.each { |d| raise Error, "Device #{d} not found." unless File.exist?(d) }
      select = devs.empty? ? [] : ['--select', "#{(devs + given).map { |x| "pv_name = #{x}" }.join(' || ')} || vg_name = #{vg}"]
      out = run!('Failed executing pvs command.', 'pvs', '--noheadings', '-o', 'pv_name,vg_name', '--separator', ';', *select)
      list = out.lines.map do |line|
        name, vg_name = line.strip.split(';', -1)
        { name: name.start_with?('/dev/dm-') ? mapper_name(name) : name, vg: vg_name.to_s }
      end
      used = list.find { |pv| devs.include?(pv[:name]) && !pv[:vg].empty? && pv[:vg] != vg }
      raise Error, "Device #{used[:name]} is already in #{used[:vg]} volume group." if used

      list
    end

    def mapper_name(dm)
      "/dev/mapper/#{run!('Failed executing dmsetup command.', 'dmsetup', 'info', '-C', '--noheadings', '-o', 'name', dm).rstrip}"
    end

    def vgs
      out = run!('Failed executing vgs command.', 'vgs', '--noheadings', '-o', 'vg_name,pv_count,lv_count', '--separator', ';')
      out.lines.map do |line|
        name, pv_count, lv_count = line.strip.split(';')
        { name: name, pv_count: Integer(pv_count, 10), lv_count: Integer(lv_count, 10) }
      end
    end

    def vg_create(vg, devs, pesize, pv_options, vg_options, dry_run)
      return { 'changed' => true } if dry_run

      devs.each { |d| pvcreate(pv_options, d) }
      run!("Creating volume group '#{vg}' failed", 'vgcreate', *vg_options.to_s.split, '-s', pesize.to_s, vg, *devs)
      { 'changed' => true }
    end

    def vg_remove(vg, this, force, dry_run)
      return { 'changed' => true } if dry_run
      raise Error, "Refuse to remove non-empty volume group #{vg} without force=true" unless this[:lv_count].zero? || force

      run!("Failed to remove volume group #{vg}", 'vgremove', '--force', vg)
      { 'changed' => true }
    end

    def pvcreate(pv_options, dev)
      run!("Creating physical volume '#{dev}' failed", 'pvcreate', *pv_options.to_s.split, '-f', dev)
    end

    # The command's stdout; a failure raises the module's message with LVM's error.
    def run!(message, *argv)
      require 'open3'
      out, err, status = Open3.capture3(*argv)
      raise Error, "#{message} #{err.strip}".strip unless status.success?

      out
    end
  end
end
