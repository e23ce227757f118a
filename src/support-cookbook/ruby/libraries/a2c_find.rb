# frozen_string_literal: true

require 'digest'
require 'etc'

# ansible.builtin.find (ansible-core 2.14) with register: the same walk and filters, giving the result the
# module returns (`files` with each entry's stat keys, `matched`, `examined`, `msg`, `skipped_paths`).
# The walk follows os.walk: one directory's entries in the order the file system lists them, files
# before directories, then each subdirectory in turn. Filters on age, size and content are not here
# (the converter keeps such tasks TODO).
module A2C
  module Find
    module_function

    # find's result for the module's arguments (already converted to their types).
    def result(paths:, patterns: [], excludes: nil, file_type: 'file', recurse: false, hidden: false, follow: false,
               get_checksum: false, use_regex: false, depth: nil)
      raise ArgumentError, "value of file_type must be one of: any, directory, file, link, got: #{file_type}" unless %w(any directory file link).include?(file_type)

      patterns = list_arg(patterns) || []
      patterns = [use_regex ? '.*' : '*'] if patterns.empty?
      matchers = patterns.map { |p| matcher(p, use_regex) }
      excluders = (list_arg(excludes) || []).map { |p| matcher(p, use_regex) }
      files = []
      skipped = {}
      looked = 0
      list_arg(paths).each do |given|
        top = A2C::Tasks.ansible_path(given)
        begin
          raise Errno::ENOTDIR, top unless ::File.directory?(top)

          walk(top, follow) do |root, dirs, nondirs, prune|
            looked += nondirs.length + dirs.length
            (nondirs + dirs).each do |entry|
              path = normpath(::File.join(root, entry))
              if depth && depth != 0 && path.count('/') - "#{top.sub(%r{/+\z}, '')}/".count('/') + 1 > depth
                prune.call
                next
              end
              next if entry.start_with?('.') && !hidden

              st = ::File.lstat(path)
              next unless wanted?(st, file_type) && pick?(entry, matchers, excluders)

              row = { 'path' => path }.merge(statinfo(st))
              row['checksum'] = Digest::SHA1.file(path).hexdigest if get_checksum && st.file? && %w(file any).include?(file_type)
              files << row
            end
            recurse
          end
        rescue Errno::ENOTDIR
          skipped[top] = "'#{top}' is not a directory"
        rescue SystemCallError => e
          # Python's OSError text: [Errno N] strerror: 'path'.
          skipped[top] = "[Errno #{e.errno}] #{e.message.split(' @ ').first.split(' - ').first}: '#{e.message[/ - (.*)\z/, 1] || top}'"
        end
      end
      msg = skipped.empty? ? 'All paths examined' : 'Not all paths examined, check warnings for details'
      { 'files' => files, 'changed' => false, 'failed' => false, 'msg' => msg, 'matched' => files.length,
        'examined' => looked, 'skipped_paths' => skipped }
    end

    # A list argument as AnsibleModule converts it (a templated value reaches here as it renders):
    # text is split on commas, a number is one item, list items become text (elements='str').
    def list_arg(value)
      case value
      when nil then nil
      when Array then value.map { |v| v.is_a?(String) ? v : v.to_s }
      when String then value.empty? ? [''] : value.split(',', -1)
      when Numeric then [value.to_s]
      else raise ArgumentError, "#{value.class} cannot be converted to a list"
      end
    end

    # register: the result stored for later tasks.
    def register(run_state, name, **args)
      A2C::Tasks.store(run_state, name, result(**args))
    end

    # os.walk, top-down: yields (root, dirs, nondirs, prune); the block returns whether to go deeper.
    # A link to a directory counts as a directory; it is entered only with follow.
    def walk(root, follow, &block)
      names = Dir.children(root)
      dirs, nondirs = names.partition { |n| ::File.directory?(::File.join(root, n)) }
      pruned = false
      deeper = yield(root, dirs, nondirs, -> { pruned = true })
      return if !deeper || pruned

      dirs.each do |d|
        path = ::File.join(root, d)
        next if !follow && ::File.symlink?(path)

        walk(path, follow, &block)
      end
    end

    def wanted?(st, file_type)
      case file_type
      when 'any' then true
      when 'directory' then st.directory?
      when 'file' then st.file?
      when 'link' then st.symlink?
      end
    end

    # The module's pfilter: a name matching a pattern is kept unless it matches an exclude.
    def pick?(name, matchers, excluders)
      matchers.any? { |m| m.match?(name) } && excluders.none? { |m| m.match?(name) }
    end

    # use_regex: Python re.match (anchored at the start only); else fnmatch (the whole name).
    def matcher(pattern, use_regex)
      if use_regex
        compiled = A2C::PythonRegex.compile(pattern, mode: :text).regex
        Regexp.new("\\A(?:#{compiled.source})", compiled.options)
      else
        Regexp.new("\\A#{fnmatch_source(pattern)}\\z", Regexp::MULTILINE)
      end
    end

    # Python's fnmatch.translate: * ? [seq] [!seq]; an unclosed [ is literal; no escapes.
    def fnmatch_source(pattern)
      out = +''
      i = 0
      while i < pattern.length
        c = pattern[i]
        i += 1
        case c
        when '*' then out << '.*'
        when '?' then out << '.'
        when '['
          j = i
          j += 1 if j < pattern.length && pattern[j] == '!'
          j += 1 if j < pattern.length && pattern[j] == ']'
          j += 1 while j < pattern.length && pattern[j] != ']'
          if j >= pattern.length
            out << '\\['
          else
            stuff = pattern[i...j]
            i = j + 1
            stuff = stuff.gsub('\\', '\\\\\\\\').gsub('&', '\\&').gsub('~', '\\~').gsub('|', '\\|')
            if stuff.start_with?('!')
              stuff = "^#{stuff[1..]}"
            elsif stuff.start_with?('^', '[')
              stuff = "\\#{stuff}"
            end
            out << "[#{stuff}]"
          end
        else
          out << Regexp.escape(c)
        end
      end
      out
    end

    # posixpath.normpath.
    def normpath(path)
      return '.' if path.empty?

      # POSIX keeps exactly two leading slashes; more collapse to one.
      lead = ''
      lead = '/' if path.start_with?('/')
      lead = '//' if path.start_with?('//') && !path.start_with?('///')
      parts = []
      path.split('/').each do |comp|
        next if comp.empty? || comp == '.'

        if comp != '..' || (lead.empty? && parts.empty?) || (!parts.empty? && parts.last == '..')
          parts << comp
        elsif !parts.empty?
          parts.pop
        end
      end
      out = lead + parts.join('/')
      out.empty? ? '.' : out
    end

    # The module's statinfo for one entry (os.lstat).
    def statinfo(st)
      mode = st.mode
      {
        'mode' => format('%04o', mode & 0o7777), 'isdir' => st.directory?, 'ischr' => st.chardev?,
        'isblk' => st.blockdev?, 'isreg' => st.file?, 'isfifo' => st.pipe?, 'islnk' => st.symlink?,
        'issock' => st.socket?, 'uid' => st.uid, 'gid' => st.gid, 'size' => st.size, 'inode' => st.ino,
        'dev' => st.dev, 'nlink' => st.nlink, 'atime' => A2C::Tasks.py_stat_time(st.atime), 'mtime' => A2C::Tasks.py_stat_time(st.mtime),
        'ctime' => A2C::Tasks.py_stat_time(st.ctime), 'gr_name' => name_of { Etc.getgrgid(st.gid).name },
        'pw_name' => name_of { Etc.getpwuid(st.uid).name },
        'wusr' => mode.anybits?(0o200), 'rusr' => mode.anybits?(0o400), 'xusr' => mode.anybits?(0o100),
        'wgrp' => mode.anybits?(0o020), 'rgrp' => mode.anybits?(0o040), 'xgrp' => mode.anybits?(0o010),
        'woth' => mode.anybits?(0o002), 'roth' => mode.anybits?(0o004), 'xoth' => mode.anybits?(0o001),
        'isuid' => mode.anybits?(0o4000), 'isgid' => mode.anybits?(0o2000)
      }
    end

    def name_of
      yield
    rescue StandardError
      ''
    end
  end
end
