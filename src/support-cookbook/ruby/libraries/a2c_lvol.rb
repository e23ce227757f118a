# frozen_string_literal: true

require 'shellwords'

# community.general.lvol (its release shipped with Debian's ansible, read for this) for plain logical
# volumes (no snapshot, no thin pool: those stay TODOs in the conversion): every command is the
# module's own text (`lvm version` to decide on --yes, vgs/lvs in the size's unit, lvcreate,
# lvremove, lvextend/lvreduce with --resizefs, lvchange -ay/-an), split as the module splits it
# (shlex, here Shellwords), run with the C locale. Sizes: [+-]N[bskmgtpe] (-L; megabytes without a
# unit) or [+-]N%VG|PVS|FREE (-l); a volume is resized only when it differs, shrunk only with
# `shrink` and `force`, and removed only with `force`, as the module refuses otherwise.
module A2C
  module Lvol
    class Error < StandardError; end

    C_LOCALE = { 'LANG' => 'C', 'LC_ALL' => 'C', 'LC_MESSAGES' => 'C', 'LC_CTYPE' => 'C' }.freeze

    module_function

    # { 'changed' => ... }; dry_run (why-run) answers without changing anything.
    def lv(vg:, lv:, size: nil, opts: nil, pvs: nil, state: 'present', force: false, shrink: true, active: true, resizefs: false, dry_run: false)
      yesopt = lvm_version >= 2_002_099 ? '--yes' : ''
      pvs = pvs.nil? ? '' : pvs.to_s.tr(',', ' ')
      opts = opts.to_s
      s = parse_size(size)
      unit = s[:opt] == 'l' ? 'm' : s[:unit]
      ok, out, = run("vgs --noheadings --nosuffix -o vg_name,size,free,vg_extent_size --units #{unit.downcase} --separator ';' #{vg}")
      return missing_vg(vg, state) unless ok

      this_vg = parse_vgs(out).first
      ok, out, = run("lvs -a --noheadings --nosuffix -o lv_name,size,lv_attr --units #{unit.downcase} --separator ';' #{vg}")
      return missing_vg(vg, state) unless ok

      this_lv = parse_lvs(out).find { |l| [lv, lv.split('/').last].include?(l[:name]) }
      run_ = ->(cmd) { dry_run ? [true, '', ''] : run(cmd) }
      changed = false
      if this_lv.nil?
        return { 'changed' => false } unless state == 'present'

        if s[:operator]
          raise Error, "Bad size specification of '#{s[:operator]}#{s[:size]}' for creating LV" if s[:operator] == '-' || s[:whole].nil? || !%w(VG PVS FREE ORIGIN).include?(s[:whole])
        end
        raise Error, 'No size given.' if size.nil? || size.to_s.empty?

        ok, _, err = run_.call("lvcreate  #{yesopt} -n #{lv} -#{s[:opt]} #{s[:size]}#{s[:unit]} #{opts} #{vg} #{pvs}")
        raise Error, "Creating logical volume '#{lv}' failed: #{err.strip}" unless ok

        return { 'changed' => true }
      end
      if state == 'absent'
        raise Error, "Sorry, no removal of logical volume #{this_lv[:name]} without force=true." unless force

        ok, _, err = run_.call("lvremove  --force #{vg}/#{this_lv[:name]}")
        raise Error, "Failed to remove logical volume #{lv}: #{err.strip}" unless ok

        return { 'changed' => true }
      end
      changed = resize(vg, this_vg, this_lv, s, pvs, shrink, force, resizefs, run_) if size && !size.to_s.empty?
      # LVM found nothing to resize: the module ends there (no lvchange), unchanged.
      return { 'changed' => false } if changed == :same
      flag = active ? '-ay' : '-an'
      ok, _, err = run_.call("lvchange #{flag} #{vg}/#{this_lv[:name]}")
      raise Error, "Failed to #{active ? 'activate' : 'deactivate'} logical volume #{lv}: #{err.strip}" unless ok

      { 'changed' => (active ? !this_lv[:active] : this_lv[:active]) || changed }
    end

    def missing_vg(vg, state)
      raise Error, "Volume group #{vg} does not exist." unless state == 'absent'

      { 'changed' => false }
    end

    # The module's reading of size: operator, number text, unit letter, -L or -l, and VG/PVS/FREE.
    def parse_size(size)
      s = { opt: 'L', unit: 'm', operator: nil, size: size.to_s, whole: nil }
      return s if size.nil? || size.to_s.empty?

      if s[:size].start_with?('+', '-')
        s[:operator] = s[:size][0]
        s[:size] = s[:size][1..]
      end
      if s[:size].include?('%')
        percent, whole = s[:size].split('%', 2)
        s[:percent] = Integer(percent, 10)
        raise Error, 'Size percentage cannot be larger than 100%' if s[:percent] > 100
        raise Error, 'Snapshot Volumes are not supported' if whole == 'ORIGIN'
        raise Error, 'Specify extents as a percentage of VG|PVS|FREE' unless %w(VG PVS FREE).include?(whole)

        s.merge!(opt: 'l', unit: '', whole: whole)
      else
        if 'bskmgtpe'.include?(s[:size][-1].to_s.downcase) && !s[:size].empty?
          s[:unit] = s[:size][-1]
          s[:size] = s[:size][0..-2]
        end
        raise Error, "Bad size specification of '#{s[:size]}'" if number(s[:size]).nil? || !s[:size][0].to_s.match?(/\d/)
      end
      s
    end

    # Python's float() of the text, nil where it refuses.
    def number(text)
      Float(text)
    rescue ArgumentError, TypeError
      nil
    end

    def resize(vg, this_vg, this_lv, s, pvs, shrink, force, resizefs, run_)
      tool = nil
      if s[:opt] == 'l'
        requested = s[:percent] * (s[:whole] == 'FREE' ? this_vg[:free] : this_vg[:size]) / 100
        requested += this_lv[:size] if s[:operator] == '+'
        requested = this_lv[:size] - requested if s[:operator] == '-'
        requested -= requested % this_vg[:ext_size]
        if this_lv[:size] < requested
          raise Error, "Logical Volume #{this_lv[:name]} could not be extended. Not enough free space left" unless this_vg[:free] > 0 && this_vg[:free] >= requested - this_lv[:size]

          tool = 'lvextend'
        elsif shrink && this_lv[:size] > requested + this_vg[:ext_size]
          raise Error, "Sorry, no shrinking of #{this_lv[:name]} to 0 permitted." if requested < 1
          raise Error, "Sorry, no shrinking of #{this_lv[:name]} without force=true" unless force

          tool = 'lvreduce --force'
        end
      else
        wanted = Float(s[:size])
        if wanted > this_lv[:size] || s[:operator] == '+'
          tool = 'lvextend'
        elsif (shrink && wanted < this_lv[:size]) || s[:operator] == '-'
          raise Error, "Sorry, no shrinking of #{this_lv[:name]} to 0 permitted." if wanted.zero?
          raise Error, "Sorry, no shrinking of #{this_lv[:name]} without force=true." unless force

          tool = 'lvreduce --force'
        end
      end
      return false unless tool

      tool = "#{tool} --resizefs" if resizefs
      ok, out, err = run_.call("#{tool}  -#{s[:opt]} #{s[:operator]}#{s[:size]}#{s[:unit]} #{vg}/#{this_lv[:name]} #{pvs}")
      raise Error, "Unable to resize #{this_lv[:name]} to #{s[:size]}#{s[:unit]}" if out.include?('Reached maximum COW size')
      return true if ok
      return :same if err.include?('matches existing size') || err.include?('not larger than existing size')

      raise Error, "Unable to resize #{this_lv[:name]} to #{s[:size]}#{s[:unit]}: #{err.strip}"
    end

    def lvm_version
      ok, out, = run('lvm version')
      m = ok && out.match(/LVM version:\s+(\d+)\.(\d+)\.(\d+).*(\d{4}-\d{2}-\d{2})/)
      raise Error, 'Failed to get LVM version number' unless m

      (1_000_000 * m[1].to_i) + (1000 * m[2].to_i) + m[3].to_i
    end

    def parse_vgs(out)
      out.lines.map do |line|
        name, size, free, ext = line.strip.split(';')
        { name: name, size: Float(size), free: Float(free), ext_size: Float(ext) }
      end
    end

    def parse_lvs(out)
      out.lines.map do |line|
        name, size, attr = line.strip.split(';')
        { name: name.delete('[]'), size: Float(size), active: attr[4] == 'a' }
      end
    end

    # [success, stdout, stderr] of the command text, split as the module's shlex split does.
    def run(text)
      require 'open3'
      out, err, status = Open3.capture3(C_LOCALE, *Shellwords.split(text))
      [status.success?, out, err]
    end
  end
end
