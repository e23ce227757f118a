# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_modules
#
# What converted modules read from the node at converge time to act as the Ansible module does
# where the Chef resource alone would not: local modifications of a git checkout, the state of an
# alternatives group, dpkg diversions, a user's account expiry.

module A2C
  module Modules
    module_function

    # The git module (update: yes, force: no) fails when an existing checkout has local modifications;
    # files git does not track do not count. Chef's git :sync would discard them.
    def git_unmodified!(dest)
      return unless ::File.exist?(::File.join(dest, '.git', 'config'))

      require 'mixlib/shellout'
      so = Mixlib::ShellOut.new('git', 'status', '--porcelain', cwd: dest)
      so.run_command
      # The module reads only the output: a status that fails lists no modification.
      changed = so.stdout.lines.reject { |l| l.start_with?('??') }
      raise "Local modifications exist in the destination: #{dest} (force=no)." unless changed.empty?
    end

    # `update-alternatives --display` as the alternatives module reads it (empty for an unknown group).
    def alternatives_display(name)
      require 'mixlib/shellout'
      so = Mixlib::ShellOut.new('update-alternatives', '--display', name, environment: { 'LC_ALL' => 'C' })
      so.run_command
      so.exitstatus.zero? ? so.stdout : ''
    end

    # Is path registered in the group (the module's alternative lines: `<path> - priority <n>`)?
    def alternative?(name, path)
      alternatives_display(name).each_line.any? { |l| l.match?(/\A#{Regexp.escape(path)}\s-\s(?:family\s\S+\s)?priority\s\d+/) }
    end

    # The group's link, which the module installs with when no link is given; it fails without one.
    def alternatives_link(name)
      alternatives_display(name)[/^\s*link \w+ is (.*)$/, 1] or
        raise "Needed to install the alternative #{name}, but unable to do so as we are missing the link"
    end

    # The module returns a group to auto mode only from manual mode.
    def alternatives_manual?(name)
      alternatives_display(name)[/\s-\s(?:status\sis\s)?(\w*)(?:\smode|.)$/, 1] == 'manual'
    end

    # A diversion as the dpkg_divert module reads it: { 'holder' => package or LOCAL, 'divert' => target }, nil without one.
    def diversion(path)
      require 'mixlib/shellout'
      holder = Mixlib::ShellOut.new('dpkg-divert', '--listpackage', path).run_command.tap(&:error!).stdout.chomp
      return if holder.empty?

      { 'holder' => holder, 'divert' => Mixlib::ShellOut.new('dpkg-divert', '--truename', path).run_command.tap(&:error!).stdout.chomp }
    end

    # apt_key url: the key file a templated URL's key is written to, named as the translator names a
    # static URL's (src/translate/modules/system.ts aptKeyFile): the URL's last path part, .asc added
    # unless it ends in .asc or .gpg.
    def apt_key_file(url)
      base = url.to_s.sub(/[?#].*/, '').split('/', -1).last
      base = 'key' if base.nil? || base.empty?
      "/etc/apt/trusted.gpg.d/#{base.match?(/\.(asc|gpg)\z/) ? base : "#{base}.asc"}"
    end

    # yum_repository with a templated `file`: Chef's yum_repository writes <repositoryid>.repo, the
    # module <file>.repo (file defaults to the name). The name when both agree or file is omitted;
    # another file name fails the run rather than write the repository to another file.
    def yum_repo_file(name, file)
      return name if file.nil? || file == A2C::Jinja::OMIT || A2C::Tasks.to_str(file, 'file') == name

      raise A2C::Tasks::UnknownValue, "ansible2chef: yum_repository file #{file.inspect} is not the repository name #{name.inspect}: Chef's yum_repository writes #{name}.repo; a custom repo file name is not converted"
    end

    # copy with content and src each `default(omit)`: the content of an item that omits src. The
    # module refuses both (mutually exclusive) and neither (src or content required); a src alone
    # names a file on the controller, which is not converted: each fails the run.
    def copy_content(content, src)
      given = ->(v) { !v.nil? && v != A2C::Jinja::OMIT }
      raise A2C::Tasks::UnknownValue, 'ansible2chef: copy: parameters are mutually exclusive: content|src' if given.call(src) && given.call(content)
      raise A2C::Tasks::UnknownValue, "ansible2chef: copy src #{src.inspect} is a file on the Ansible controller; a copy from src is not converted for this task" if given.call(src)
      raise A2C::Tasks::UnknownValue, 'ansible2chef: copy: src (or content) is required' unless given.call(content)

      content
    end

    # rpm_key present: whether the key's id is among the imported gpg-pubkey packages, read as the
    # module reads it. key is a URL (fetched), a key id ((0x)XXXXXXXX...) or a key file on the node.
    def rpm_key_imported?(key)
      require 'mixlib/shellout'
      id = rpm_key_id(key.to_s)
      return false unless Mixlib::ShellOut.new('rpm', '-q', 'gpg-pubkey').run_command.exitstatus.zero?

      described = Mixlib::ShellOut.new('rpm', '-q', 'gpg-pubkey', '--qf', '%{description}').run_command.tap(&:error!).stdout
      listed = Mixlib::ShellOut.new('gpg', '--no-tty', '--batch', '--with-colons', '--fixed-list-mode', '-', input: described).run_command.tap(&:error!).stdout
      listed.each_line.any? { |line| line.strip.split(':')[4].to_s.include?(id) }
    end

    # rpm_key with a state chosen at run time or a fingerprint: whether the module changes anything
    # (present: the key id is not imported yet; absent: it is).
    def rpm_key_pending?(key, state)
      imported = rpm_key_imported?(key)
      rpm_key_state(state) == 'present' ? !imported : imported
    end

    # The module's change. present: the key file (a URL's key fetched once) is checked against the
    # fingerprint when one is given, then imported; a key id names no file to import. absent:
    # gpg-pubkey-<the key id's last 8 hex digits> is erased.
    def rpm_key_apply(key, state, fingerprint = nil)
      require 'mixlib/shellout'
      key = key.to_s
      if rpm_key_state(state) == 'absent'
        id = rpm_key_id(key)
        Mixlib::ShellOut.new('rpm', '--erase', '--allmatches', "gpg-pubkey-#{id[-8..] || id}".downcase).run_command.error!
        return
      end
      with_rpm_key_file(key) do |file|
        wanted = fingerprint.to_s.delete(' ').upcase
        unless wanted.empty?
          found = gpg_fingerprint(file)
          raise "rpm_key: The specified fingerprint, '#{wanted}', does not match the key fingerprint '#{found}'" unless wanted == found
        end
        Mixlib::ShellOut.new('rpm', '--import', file).run_command.error!
      end
    end

    def rpm_key_state(state)
      state = state.nil? ? 'present' : state.to_s
      raise ArgumentError, "rpm_key: value of state must be one of: absent, present, got: #{state}" unless %w(absent present).include?(state)

      state
    end

    # The file rpm imports: a URL's key written to a temporary file, a file on the node as it is.
    def with_rpm_key_file(key)
      require 'tempfile'
      if key.include?('://')
        Tempfile.create('a2c-rpm-key') do |f|
          f.binmode
          f.write(fetch_pubkey(key))
          f.close
          yield f.path
        end
      elsif key.match?(/\A(0x)?[0-9a-f]{8}/i)
        raise 'rpm_key: When importing a key, a valid file must be given'
      elsif ::File.file?(key)
        yield key
      else
        raise ArgumentError, "rpm_key: Not a valid key #{key}"
      end
    end

    # The fingerprint gpg lists first for a key file (the fpr line's tenth field).
    def gpg_fingerprint(file)
      require 'mixlib/shellout'
      out = Mixlib::ShellOut.new('gpg', '--no-tty', '--batch', '--with-colons', '--fixed-list-mode', '--with-fingerprint', file).run_command.tap(&:error!).stdout
      fpr = out.each_line.map(&:strip).find { |l| l.start_with?('fpr:') }
      raise 'rpm_key: Unexpected gpg output' unless fpr

      fpr.split(':')[9]
    end

    def rpm_key_id(key)
      id = if key.include?('://')
             gpg_key_id(fetch_pubkey(key))
           elsif key.match?(/\A(0x)?[0-9a-f]{8}/i)
             key
           elsif ::File.file?(key)
             gpg_key_id(::File.binread(key))
           else
             raise ArgumentError, "rpm_key: Not a valid key #{key}"
           end
      id = id.strip.upcase
      id.start_with?('0X') ? id[2..] : id
    end

    # The key id gpg lists first for a key (the pub line's fifth field).
    def gpg_key_id(text)
      require 'mixlib/shellout'
      require 'tempfile'
      Tempfile.create('a2c-rpm-key') do |f|
        f.binmode
        f.write(text)
        f.close
        out = Mixlib::ShellOut.new('gpg', '--no-tty', '--batch', '--with-colons', '--fixed-list-mode', f.path).run_command.tap(&:error!).stdout
        pub = out.each_line.map(&:strip).find { |l| l.start_with?('pub:') }
        raise 'rpm_key: Unexpected gpg output' unless pub

        pub.split(':')[4]
      end
    end

    # The module fetches a URL key (following redirects) and refuses what is no armored public key.
    def fetch_pubkey(url, redirects = 10)
      require 'net/http'
      uri = URI(url)
      res = Net::HTTP.get_response(uri)
      return fetch_pubkey(URI.join(url, res['location']).to_s, redirects - 1) if res.is_a?(Net::HTTPRedirection) && redirects.positive?
      raise "rpm_key: failed to fetch key at #{url}, status #{res.code}" unless res.code == '200'
      raise "rpm_key: Not a public key: #{url}" unless res.body.to_s.match?(/-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----/m)

      res.body
    end

    # file setype: whether the module would set the path's SELinux type: SELinux is enabled
    # (selinuxenabled; no such command is no SELinux) and the type of the path's context (read
    # without following a link, user:role:type:level) is another.
    def selinux_type_differs?(path, type)
      require 'mixlib/shellout'
      return false unless selinux_enabled?

      context = Mixlib::ShellOut.new('stat', '-c', '%C', path.to_s).run_command.tap(&:error!).stdout.strip
      context.split(':', 4)[2] != type.to_s
    end

    # selinuxenabled's answer; no such command is no SELinux.
    def selinux_enabled?
      require 'mixlib/shellout'
      Mixlib::ShellOut.new('selinuxenabled').run_command.exitstatus.zero?
    rescue Errno::ENOENT
      false
    end

    # The module's holder argument: LOCAL is a local diversion, anything else a package.
    def divert_holder_args(holder)
      holder.to_s == 'LOCAL' ? ['--local'] : ['--package', holder.to_s]
    end

    # user expires, given as its UTC date (YYYY-MM-DD): what Chef's expire_date should hold. The
    # module compares days: it runs `usermod -e` when the shadow entry's day count is another day.
    # Chef's linux user provider compares the property with that day printed in the node's local
    # time (Time.at(days * 86400)), the day before west of UTC: the date itself would be re-applied
    # on every run there, and taken as already set when the entry is one day later. So: nil (neither
    # compared nor passed) when the entry already expires on that day, else the day count, which
    # no printed date equals and which useradd/usermod -e store as given (shadow's strtoday reads a
    # number as days): the day the module's date gives from UTC-11 to UTC+12. Further east the
    # module's date stores the day before, which its own comparison then changes on every run; the
    # count stores the day it compares with.
    def user_expire_date(username, date, shadow = '/etc/shadow')
      require 'date'
      day = (::Date.strptime(date.to_s, '%Y-%m-%d') - ::Date.new(1970, 1, 1)).to_i
      shadow_expire_day(username, shadow) == day ? nil : day.to_s
    end

    # The account expiry of the user's shadow entry in days since 1970-01-01, nil without the user
    # or the field: the file useradd and usermod write, read as the module does without spwd.
    def shadow_expire_day(username, shadow = '/etc/shadow')
      line = ::File.foreach(shadow).find { |l| l.start_with?("#{username}:") }
      field = line&.chomp&.split(':', -1)&.[](7).to_s.strip
      field.match?(/\A-?\d+\z/) ? Integer(field, 10) : nil
    rescue SystemCallError
      nil
    end
  end
end
