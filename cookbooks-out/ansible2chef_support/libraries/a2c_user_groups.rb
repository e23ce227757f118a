# frozen_string_literal: true

require 'etc'

# ansible.builtin.user's `groups` (ansible-core 2.14, Linux usermod). Without `append`: the user's
# supplementary groups set to exactly the given ones. As the module does, the current groups are those
# whose member list names the user (the primary group too, when listed there), the wanted ones are the
# items split at commas and stripped, each of which must exist (by name, or by number as a gid), and
# `usermod -G` runs when the two sets differ. So naming the primary group, or a group by its number,
# changes on every run, as under Ansible. An empty list removes every supplementary group.
# With `append`: `usermod -a -G` with every wanted group runs when one of them is not a current group
# (the others stay); an empty list asks for nothing.
module A2C
  module UserGroups
    class Error < StandardError; end

    module_function

    # { 'changed' => ... } after setting the groups; dry_run (why-run) only reads.
    def manage(user:, groups:, append: false, dry_run: false)
      raise Error, "groups must be a list, not #{groups.class}" if groups.is_a?(Hash)

      text = Array(groups).join(',')
      current = members_of(user)
      wanted = text.empty? ? [] : text.split(',').reject(&:empty?).map(&:strip).uniq
      wanted.each { |g| raise Error, "Group #{g} does not exist" unless exists?(g) }
      return { 'changed' => false } if unchanged?(text, current, wanted, append)

      usermod(user, wanted, append) unless dry_run
      { 'changed' => true }
    end

    def unchanged?(text, current, wanted, append)
      return text.empty? || (wanted - current).empty? if append

      text.empty? ? current.empty? : (current | wanted) == (current & wanted)
    end

    def members_of(user)
      names = []
      Etc.group { |g| names << g.name if g.mem.include?(user) }
      names.uniq
    end

    def exists?(group)
      Etc.getgrgid(Integer(group, 10))
      true
    rescue ArgumentError, TypeError
      begin
        Etc.getgrnam(group)
        true
      rescue ArgumentError
        false
      end
    end

    def usermod(user, groups, append = false)
      require 'open3'
      _out, err, status = Open3.capture3('usermod', *(append ? ['-a'] : []), '-G', groups.join(','), user)
      raise Error, "usermod -G failed for #{user}: #{err.strip}" unless status.success?
    end
  end
end
