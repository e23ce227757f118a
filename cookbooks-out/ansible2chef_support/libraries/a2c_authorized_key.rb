# frozen_string_literal: true

require 'etc'
require 'fileutils'

# ansible.posix.authorized_key (1.5) on the node, with the module's reading and writing of the file, so a
# converted task leaves the same bytes as the module would:
# - a line is split on blanks (the module's shlex without quotes); its first word that is a known key
#   type is the type, the words before it the options, the next word the key, the rest (joined by one
#   space) the comment, which the module writes back after a space even when empty;
# - a key is identified by its base64 text alone; options are compared as the module's keydict compares
#   them (per name, the values in order, whatever the order of the names);
# - lines that are not keys (comments, blanks, junk) are kept, but like keys they are identified by
#   their text, so a repeated one is written once;
# - a new key, or one whose type, options or comment differ, goes after the existing lines; `exclusive`
#   drops every line that is not one of the task's keys;
# - the .ssh directory (with `path`: its parent directory) and the file get the user as owner and
#   modes 0700 / 0600, but only when the file is written.
# Fetching keys from a URL is not done here: the converter keeps such a task a TODO.
module A2C
  module AuthorizedKey
    class Error < StandardError; end

    TYPES = %w(
      sk-ecdsa-sha2-nistp256@openssh.com sk-ecdsa-sha2-nistp256-cert-v01@openssh.com
      webauthn-sk-ecdsa-sha2-nistp256@openssh.com ecdsa-sha2-nistp256 ecdsa-sha2-nistp256-cert-v01@openssh.com
      ecdsa-sha2-nistp384 ecdsa-sha2-nistp384-cert-v01@openssh.com ecdsa-sha2-nistp521
      ecdsa-sha2-nistp521-cert-v01@openssh.com sk-ssh-ed25519@openssh.com sk-ssh-ed25519-cert-v01@openssh.com
      ssh-ed25519 ssh-ed25519-cert-v01@openssh.com ssh-dss ssh-rsa ssh-xmss@openssh.com
      ssh-xmss-cert-v01@openssh.com rsa-sha2-256 rsa-sha2-512 ssh-rsa-cert-v01@openssh.com
      rsa-sha2-256-cert-v01@openssh.com rsa-sha2-512-cert-v01@openssh.com ssh-dss-cert-v01@openssh.com
    ).freeze

    # Python's str.splitlines boundaries (\r\n counts once).
    LINE = /[^\n\r\v\f\x1c-\x1e\u0085\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\u0085\u2028\u2029])|[^\n\r\v\f\x1c-\x1e\u0085\u2028\u2029]+/
    BLANKS = /[ \t\r\n]+/
    OPTION = /((?:[^,"']|"[^"]*"|'[^']*')+)/

    # An entry: [key, type, options, comment, rank]; options is [[name, value or nil], ...];
    # lines that are not keys have type 'skipped' and the line as key.
    module_function

    # { 'changed' => ..., 'keyfile' => ... } after bringing the keys to `state`; dry_run (Chef's why-run,
    # the module's check mode) only reads.
    def manage(user:, key:, path: nil, manage_dir: true, state: 'present', key_options: nil, exclusive: false,
               comment: nil, follow: false, dry_run: false)
      raise Error, "keys from a URL (#{key}) are not fetched by a2c_authorized_key" if key.start_with?('http')

      new_keys = splitlines(key).map { |l| l.sub(/(?:\r\n|[\n\r\v\f\x1c-\x1e\u0085\u2028\u2029])\z/, '') }
      new_keys = new_keys.reject { |s| s.empty? || s.start_with?('#') }
      file = keyfile(user, path, manage_dir, follow: false, write: false, dry_run: dry_run)
      before = File.file?(file) ? File.read(file) : ''
      existing = parse_keys(before)
      keys_to_exist = []
      max_rank = existing.size
      write = false

      new_keys.each_with_index do |line, rank|
        parsed = parse_key(line, rank)
        raise Error, "invalid key specified: #{line}" unless parsed

        parsed[2] = parse_options(key_options) unless key_options.nil?
        parsed[3] = comment unless comment.nil?
        id = parsed[0]
        matched = false
        stale = false
        if existing.key?(id)
          matched = same?(parsed, existing[id]) || state != 'present'
          stale = !matched
        end
        if state == 'present'
          keys_to_exist << id
          if stale
            existing.delete(id)
            write = true
          end
          unless matched
            existing[id] = parsed[0, 4] + [max_rank + rank]
            write = true
          end
        elsif matched
          existing.delete(id)
          write = true
        end
      end

      if state == 'present' && exclusive
        (existing.keys - keys_to_exist).each do |id|
          existing.delete(id)
          write = true
        end
      end

      if write && !dry_run
        file = keyfile(user, path, manage_dir, follow: follow, write: true, dry_run: false)
        replace(file, serialize(existing))
      end
      { 'changed' => write, 'keyfile' => file }
    end

    def splitlines(text)
      text.scan(LINE)
    end

    def parse_options(text)
      return [] if text.nil? || text.empty?

      # The module splits on its option pattern and keeps what lies between the matches (the commas,
      # and any stray quote) as names too, except a lone comma.
      parts = []
      last = nil
      text.scan(OPTION) do
        m = Regexp.last_match
        parts << text[last...m.begin(0)] if last
        parts << m[0]
        last = m.end(0)
      end
      parts.each_with_object([]) do |part, out|
        if part.include?('=')
          out << part.split('=', 2)
        elsif part != ','
          out << [part, nil]
        end
      end
    end

    def parse_key(raw, rank)
      raw = raw.gsub('\\#', '#')
      words = raw.sub(/\A[ \t\r\n]+/, '').split(BLANKS)
      return [raw, 'skipped', nil, nil, rank] if words.first == '#'

      index = words.index { |w| TYPES.include?(w) }
      return if index.nil?
      raise Error, "no key after the key type in: #{raw}" if words[index + 1].nil?

      options = parse_options(index.positive? ? words[0...index].join(' ') : nil)
      [words[index + 1], words[index], options, words[(index + 2)..].join(' '), rank]
    end

    # Insertion-ordered like the module's dict: a repeated key keeps its first place and its last rank.
    def parse_keys(text)
      splitlines(text).each_with_index.with_object({}) do |(line, rank), keys|
        entry = parse_key(line, rank)
        entry ||= [line, 'skipped', nil, nil, rank]
        keys[entry[0]] = entry
      end
    end

    def same?(a, b)
      a[0] == b[0] && a[1] == b[1] && option_map(a[2]) == option_map(b[2]) && a[3] == b[3]
    end

    def option_map(options)
      options&.group_by(&:first)&.transform_values { |pairs| pairs.map(&:last) }
    end

    def serialize(keys)
      keys.values.each_with_index.sort_by { |(entry, i)| [entry[4], i] }.map do |(entry, _)|
        key, type, options, comment, = entry
        next key if type == 'skipped'

        opts = options.map { |name, value| value.nil? ? name : "#{name}=#{value}" }.join(',')
        "#{opts.empty? ? '' : "#{opts} "}#{type} #{key} #{comment}\n"
      end.join
    end

    # The file's path; with write, the directory and file made and given to the user as the module does.
    def keyfile(user, path, manage_dir, follow:, write:, dry_run:)
      return follow ? realpath(path) : path if dry_run && path

      entry = lookup(user, dry_run)
      sshdir = path ? File.dirname(path) : File.join(entry.dir, '.ssh')
      file = path || File.join(sshdir, 'authorized_keys')
      file = realpath(file) if follow
      return file if !write || dry_run

      if manage_dir
        unless File.exist?(sshdir)
          begin
            Dir.mkdir(sshdir, 0o700)
          rescue SystemCallError => e
            raise Error, "Failed to create directory #{sshdir} : #{e.message}"
          end
        end
        File.chown(entry.uid, entry.gid, sshdir)
        File.chmod(0o700, sshdir)
      end
      unless File.exist?(file)
        FileUtils.mkdir_p(File.dirname(file))
        File.write(file, '')
      end
      begin
        File.chown(entry.uid, entry.gid, file)
        File.chmod(0o600, file)
      rescue SystemCallError
        nil
      end
      file
    end

    def lookup(user, dry_run)
      Etc.getpwnam(user)
    rescue ArgumentError => e
      raise Error, 'Either user must exist or you must provide full path to key file in check mode' if dry_run

      raise Error, "Failed to lookup user #{user}: #{e.message}"
    end

    # Python's os.path.realpath: links resolved as far as the path exists.
    def realpath(path)
      File.realpath(path)
    rescue SystemCallError
      parent = File.dirname(path)
      parent == path ? path : File.join(realpath(parent), File.basename(path))
    end

    # The module's atomic move: a temporary file given the mode and owner of what it replaces (a link
    # is replaced by a file unless follow resolved it).
    def replace(file, content)
      stat = File.stat(file)
      tmp = File.join(File.dirname(file), ".#{File.basename(file)}.a2c-#{Process.pid}")
      File.write(tmp, content)
      File.chmod(stat.mode & 0o7777, tmp)
      File.chown(stat.uid, stat.gid, tmp)
      File.rename(tmp, file)
    end
  end
end
