# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_file_state
#
# What Ansible's file module (ansible-core 2.14) looks at on the node before it acts: the current
# type of a path (its default `state`) and the directories `state: directory` will create (each one
# gets the task's owner, group and mode). Read at converge time, when the earlier tasks have run.

require 'etc'

module A2C
  module FileState
    module_function

    # The module's get_state: 'link', 'directory', 'hard' (a file with more than one link), 'file'
    # (anything else that exists) or 'absent'.
    def path_state(path)
      st = ::File.lstat(path)
      return 'link' if st.symlink?
      return 'directory' if st.directory?

      st.nlink > 1 ? 'hard' : 'file'
    rescue Errno::ENOENT, Errno::ENOTDIR
      'absent'
    end

    # The directories `state: directory` creates for `path`, from the top down: each prefix of the
    # path that does not exist (os.path.exists follows links), as the module walks the path component
    # by component. Empty when the path exists.
    def missing_directories(path)
      return [] if ::File.exist?(path)

      absolute = path.start_with?('/')
      current = nil
      path.split('/').reject(&:empty?).filter_map do |part|
        current = if current.nil?
                    absolute ? "/#{part}" : part
                  else
                    "#{current}/#{part}"
                  end
        current unless ::File.exist?(current)
      end
    end

    # --- a symbolic mode on one path ----------------------------------------------------------

    # The mode (octal digits, as Chef's mode takes them) the module gives `resource`'s path for a
    # symbolic mode with user letters (`o-rwx`, `u+rw,g-wx`): the mode applied to the path's mode
    # when Chef acts on the resource, or, for a path not there yet, to the mode the module creates
    # it with: 0666 for a file (atomic_move), 0777 for a directory (mkdir), less the umask, which
    # is the one Chef creates them with too. The umask is chef-client's here and the module
    # process's in Ansible (both inherit the service's or login's, usually 022). Computed once per
    # resource: Chef reads a lazy mode more than once while it acts, and a second application of
    # `g+X` or `u=g,g=u` gives another mode. A link fails the run: the module's follow rules for
    # it are not reproduced.
    def symbolic_mode_of(resource, symbolic, directory)
      memo = resource.instance_variable_get(:@a2c_symbolic_mode)
      return memo unless memo.nil?

      path = resource.path
      st = ::File.lstat(path) if ::File.exist?(path) || ::File.symlink?(path)
      raise ArgumentError, "ansible2chef: #{path} is a symbolic link; a symbolic mode on a link is not converted" if st&.symlink?

      created = directory ? 0o777 : 0o666
      prev = st ? st.mode & 0o7777 : created & ~::File.umask
      mode = format('%04o', symbolic_mode(prev, st ? st.directory? : directory, symbolic))
      resource.instance_variable_set(:@a2c_symbolic_mode, mode)
    end

    # --- recurse: true -------------------------------------------------------------------------

    S_IRWXU = 0o700
    S_IRWXG = 0o070
    S_IRWXO = 0o007
    S_ISUID = 0o4000
    S_ISGID = 0o2000
    S_ISVTX = 0o1000

    # The module's recursive_set_attributes: owner, group, then mode on every entry below `path`
    # (not `path` itself), each read again before it is set, as set_fs_attributes_if_different
    # does. `mode` is octal digits or a symbolic mode with user letters (applied to each entry's
    # current mode and type). A symbolic link inside the tree fails: the module changes the link
    # itself (and, without lchmod, may touch its target), which is not reproduced. Returns the
    # entries changed.
    def recurse_attributes(path, owner, group, mode)
      uid = owner.nil? ? nil : user_id(owner)
      gid = group.nil? ? nil : group_id(group)
      changed = []
      entries_below(path).each do |entry|
        before = ::File.lstat(entry)
        raise ArgumentError, "ansible2chef: #{entry} is a symbolic link; recurse on a tree holding links is not converted" if before.symlink?

        ::File.lchown(uid, nil, entry) if uid && before.uid != uid
        ::File.lchown(nil, gid, entry) if gid && ::File.lstat(entry).gid != gid
        if mode
          st = ::File.lstat(entry)
          want = wanted_mode(st.mode & 0o7777, st.directory?, mode)
          ::File.chmod(want, entry) if want != (st.mode & 0o7777)
        end
        after = ::File.lstat(entry)
        changed << entry if [after.uid, after.gid, after.mode] != [before.uid, before.gid, before.mode]
      end
      changed
    end

    # The entries below `path` whose owner, group or mode recurse_attributes would change.
    def recurse_pending(path, owner, group, mode)
      uid = owner.nil? ? nil : user_id(owner)
      gid = group.nil? ? nil : group_id(group)
      entries_below(path).select do |entry|
        st = ::File.lstat(entry)
        (uid && st.uid != uid) || (gid && st.gid != gid) || st.symlink? ||
          (mode && wanted_mode(st.mode & 0o7777, st.directory?, mode) != (st.mode & 0o7777))
      end
    end

    # Every path below `path`, parents before children; links are listed, never followed.
    def entries_below(path)
      out = []
      ::Dir.each_child(path).sort.each do |name|
        entry = ::File.join(path, name)
        out << entry
        out.concat(entries_below(entry)) if ::File.lstat(entry).directory?
      end
      out
    end

    def user_id(owner)
      owner.to_s.match?(/\A\d+\z/) ? Integer(owner.to_s, 10) : Etc.getpwnam(owner.to_s).uid
    end

    def group_id(group)
      group.to_s.match?(/\A\d+\z/) ? Integer(group.to_s, 10) : Etc.getgrnam(group.to_s).gid
    end

    def wanted_mode(prev, directory, mode)
      text = mode.is_a?(Integer) ? mode.to_s(8) : mode.to_s
      return Integer(text.delete_prefix('0o'), 8) if text.match?(/\A(0o)?[0-7]+\z/)

      symbolic_mode(prev, directory, text)
    end

    # AnsibleModule._symbolic_mode_to_octal (ansible-core 2.14) for clauses with user letters:
    # each clause reads the file's mode as it was, `X` sets x on a directory or on a file that
    # has an x bit, `=` clears the class's bits (with its setuid/setgid/sticky bit) first.
    def symbolic_mode(prev, directory, symbolic)
      mode = prev
      symbolic.split(',').each do |clause|
        users, *perms = clause.split(/[+=-]/, -1)
        ops = clause.scan(/[+=-]/)
        raise ArgumentError, "ansible2chef: symbolic mode #{clause} without user letters depends on the umask" if users.empty?

        users = 'ugo' if users == 'a'
        raise ArgumentError, "bad symbolic permission for mode: #{clause}" if users.match?(/[^ugo]/)
        perms.each_with_index do |p, i|
          raise ArgumentError, "bad symbolic permission for mode: #{clause}" if p.match?(/[^rwxXstugo]/)

          users.each_char { |u| mode = apply_operation(u, ops[i], permission_bits(prev, directory, u, p), mode) }
        end
      end
      mode
    end

    def apply_operation(user, op, bits, current)
      case op
      when '='
        mask = { 'u' => S_IRWXU | S_ISUID, 'g' => S_IRWXG | S_ISGID, 'o' => S_IRWXO | S_ISVTX }.fetch(user)
        (current & ~mask & 0o7777) | bits
      when '+' then current | bits
      else current & ~bits
      end
    end

    def permission_bits(prev, directory, user, perms)
      shift = { 'u' => 6, 'g' => 3, 'o' => 0 }.fetch(user)
      table = {
        'r' => 4 << shift, 'w' => 2 << shift, 'x' => 1 << shift,
        'X' => directory || (prev & 0o111).positive? ? 1 << shift : 0,
        's' => { 'u' => S_ISUID, 'g' => S_ISGID }.fetch(user, 0),
        't' => user == 'o' ? S_ISVTX : 0,
        'u' => ((prev & S_IRWXU) >> 6) << shift,
        'g' => ((prev & S_IRWXG) >> 3) << shift,
        'o' => (prev & S_IRWXO) << shift
      }
      perms.each_char.reduce(0) { |acc, elem| acc | table.fetch(elem) }
    end
  end
end
