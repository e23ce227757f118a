# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_distribution_version
#
# Ansible's distribution_version has no Ohai attribute: Ohai's platform_version is os-release's
# VERSION_ID, while ansible-core 2.14 (module_utils/common/sys_info.py) asks the distro library
# (1.8, Debian's python3-distro) for the first version of its sources, and on Debian and CentOS
# for the most precise one: Debian 12.11 from /etc/debian_version where Ohai says 12. It is
# computed here from the same files and the same lsb_release output, on the distributions the
# facts table names. Elsewhere, without a VERSION_ID, or where a file Ansible's own distribution
# parsers read would change the answer, the run fails rather than guess.
# test/support-cookbook/facts-distribution-version.test.ts compares it with Ansible's collector
# on generated hosts.

require 'open3'

module A2C
  module Facts
    module DistroHost
      module_function

      def file?(path) = ::File.file?(path)

      def read(path) = ::File.read(path, encoding: 'UTF-8')

      def etc_files = ::Dir.children('/etc').select { |f| ::File.file?(::File.join('/etc', f)) }

      # `lsb_release -a` as the distro library runs it: nil when missing or failing.
      def lsb_release
        out, status = Open3.capture2('lsb_release', '-a', err: ::File::NULL)
        status.success? ? out : nil
      rescue SystemCallError
        nil
      end
    end

    # distro ids whose version Ansible takes unchanged from the distro library.
    DISTRO_VERSION_IDS = %w(debian ubuntu rhel centos rocky almalinux fedora).freeze
    # Files whose parser in Ansible's DistributionFiles can set another version (or whose
    # distribution this helper does not cover): where one exists, the run fails.
    DISTRO_OVERRIDE_FILES = %w(
      /etc/altlinux-release /etc/oracle-release /etc/slackware-version /etc/vmware-release
      /etc/openwrt_release /etc/alpine-release /etc/arch-release /etc/SuSE-release /etc/gentoo-release
      /etc/sourcemage-release /etc/coreos/update.conf
    ).freeze
    # Names that make Ansible's Debian parser accept a file without touching the version, and
    # names for which it sets a version of its own.
    DISTRO_DEBIAN_KEEPS = %w(Debian Raspbian Ubuntu SteamOS Kali Parrot).freeze
    DISTRO_DEBIAN_SETS = %w(Devuan Cumulus Mint UOS Uos uos Deepin deepin).freeze
    DISTRO_RELEASE_IGNORED = %w(debian_version lsb-release oem-release os-release system-release plesk-release iredmail-release).freeze
    DISTRO_RELEASE_REVERSED = /\A(?:[^)]*\)(.*)\()? *(?:STL )?([\p{Nd}.+\-a-z]*\p{Nd}) *(?:esaeler *)?(.+)/
    DISTRO_NORMALIZED_IDS = [
      { 'ol' => 'oracle', 'opensuse-leap' => 'opensuse' },
      {
        'enterpriseenterpriseas' => 'oracle', 'enterpriseenterpriseserver' => 'oracle',
        'redhatenterpriseworkstation' => 'rhel', 'redhatenterpriseserver' => 'rhel', 'redhatenterprisecomputenode' => 'rhel'
      },
      { 'redhat' => 'rhel' },
    ].freeze

    def self.distribution_version(_node, host = DistroHost)
      distribution_version_from(host)
    end

    def self.distribution_version_from(host)
      why = distro_parser_override(host)
      raise ArgumentError, "ansible2chef: ansible_distribution_version is not computed: #{why}" if why

      os = host.file?('/etc/os-release') || !host.file?('/usr/lib/os-release') ? '/etc/os-release' : '/usr/lib/os-release'
      os_release = host.file?(os) ? parse_os_release(host.read(os)) : {}
      lsb = (out = host.lsb_release) ? parse_lsb_release(out) : {}
      release = distro_release(host)
      id = distro_id(os_release, lsb, release)
      unless DISTRO_VERSION_IDS.include?(id) && !os_release.fetch('version_id', '').empty?
        raise ArgumentError, "ansible2chef: ansible_distribution_version is not computed on #{id.inspect} without a VERSION_ID"
      end

      versions = [
        os_release['version_id'], lsb['release'], release['version_id'],
        parse_release_line(os_release.fetch('pretty_name', ''))['version_id'],
        parse_release_line(lsb.fetch('description', ''))['version_id']
      ].map { |v| v || '' }
      if id == 'debian' || os_release.fetch('id_like', '').split.include?('debian')
        versions << debian_version(host)
      end
      # Only Debian and CentOS take the most precise version (the first with the most dots).
      return versions.first unless %w(debian centos).include?(id)

      best = versions.reduce('') { |acc, elem| acc.empty? || elem.count('.') > acc.count('.') ? elem : acc }
      id == 'centos' ? best.split('.', -1)[0, 2].join('.') : best
    end

    # Why Ansible's distribution file parsers (walked in their order until one accepts a file)
    # could give another version than the distro library's, or nil when they leave it.
    def self.distro_parser_override(host)
      hit = DISTRO_OVERRIDE_FILES.find { |f| host.file?(f) }
      return "#{hit} exists" if hit

      centos = dist_file_data(host, '/etc/centos-release')
      return if centos&.include?('CentOS Stream')
      return '/etc/centos-release names TencentOS' if centos&.include?('TencentOS Server')

      redhat = dist_file_data(host, '/etc/redhat-release')
      return redhat.split.empty? ? '/etc/redhat-release is blank' : nil unless redhat.nil?

      os = dist_file_data(host, '/etc/os-release')
      return '/etc/os-release names Amazon' if os&.include?('Amazon')
      return '/etc/system-release names Amazon' if dist_file_data(host, '/etc/system-release')&.include?('Amazon')
      return if os&.include?('Arch Linux')
      return '/etc/os-release names SUSE' if os&.downcase&.include?('suse')

      # The Debian parser reads os-release, then lsb-release (where Mandriva's parser follows it).
      verdict = [os, dist_file_data(host, '/etc/lsb-release')].compact.map { |data| debian_parser_verdict(data) }.compact.first
      return verdict == :keeps ? nil : verdict if verdict

      usr = dist_file_data(host, '/usr/lib/os-release')
      name = usr && /NAME="(.*)"/.match(usr)
      return "/usr/lib/os-release is read as Clear Linux's" if usr && (name.nil? || name[1].include?('Clear Linux'))

      nil
    end

    def self.debian_parser_verdict(data)
      return :keeps if DISTRO_DEBIAN_KEEPS.any? { |n| data.include?(n) }

      sets = (DISTRO_DEBIAN_SETS + ['Mandriva']).find { |n| data.include?(n) }
      "a distribution file names #{sets}" if sets
    end

    # A distribution file as Ansible's parsers read it: nil when missing or empty, else stripped
    # of whitespace, then of quotes and backslashes.
    def self.dist_file_data(host, path)
      return unless host.file?(path)

      text = host.read(path)
      text.empty? ? nil : text.strip.gsub(/\A['"\\]+|['"\\]+\z/, '')
    end

    def self.debian_version(host)
      return '' unless host.file?('/etc/debian_version')

      text = host.read('/etc/debian_version')
      raise ArgumentError, 'ansible2chef: /etc/debian_version is not ASCII' unless text.ascii_only?

      first_line(text).rstrip
    end

    def self.distro_id(os_release, lsb, release)
      [os_release['id'], lsb['distributor_id'], release['id']].each_with_index do |v, i|
        next if v.nil? || v.empty?

        v = v.downcase.tr(' ', '_')
        return DISTRO_NORMALIZED_IDS[i].fetch(v, v)
      end
      ''
    end

    # The first /etc/*-release or *_version file (by name) whose first line gives a name.
    def self.distro_release(host)
      host.etc_files.reject { |f| DISTRO_RELEASE_IGNORED.include?(f) }.sort.each do |base|
        m = /\A([[:word:]]+)[-_](release|version)\n?\z/.match(base)
        next unless m

        begin
          info = parse_release_line(first_line(host.read("/etc/#{base}")))
        rescue SystemCallError
          next
        end
        return info.merge('id' => m[1]) if info.key?('name')
      end
      {}
    end

    # Python reads text with universal newlines: a lone CR ends a line too.
    def self.first_line(text) = text[/\A[^\r\n]*(?:\r\n|\r|\n)?/]

    def self.parse_release_line(line)
      m = DISTRO_RELEASE_REVERSED.match(line.strip.reverse)
      return line.empty? ? {} : { 'name' => line.strip } unless m

      info = { 'name' => m[3].reverse }
      info['version_id'] = m[2].reverse unless m[2].to_s.empty?
      info['codename'] = m[1].reverse unless m[1].to_s.empty?
      info
    end

    def self.parse_lsb_release(out)
      out.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\u0085\u2028\u2029]/).each_with_object({}) do |line, props|
        k, v = line.split(':', 2)
        props[k.tr(' ', '_').downcase] = v.strip unless v.nil?
      end
    end

    # KEY=value words of an os-release file, split as Python's shlex (POSIX mode) splits them.
    def self.parse_os_release(text)
      shlex_words(text.gsub(/\r\n?/, "\n")).each_with_object({}) do |word, props|
        k, v = word.split('=', 2)
        props[k.downcase] = v unless v.nil?
      end
    end

    def self.shlex_words(text)
      words = []
      word = +''
      quoted = false
      state = ' '
      escaped_state = nil
      chars = text.each_char.to_a
      i = 0
      while i <= chars.length
        ch = chars[i]
        i += 1
        case state
        when ' ', 'a'
          if ch.nil?
            words << word if !word.empty? || quoted
            break
          elsif " \t\r\n".include?(ch) || ch == '#'
            # A comment runs to the end of its line and ends the word before it.
            i += 1 while ch == '#' && i < chars.length && chars[i - 1] != "\n"
            words << word if !word.empty? || quoted
            word = +''
            quoted = false
            state = ' '
          elsif ch == '\\'
            escaped_state = 'a'
            state = ch
          elsif %W(' ").include?(ch)
            quoted = true
            state = ch
          else
            word << ch
            state = 'a'
          end
        when '"', "'"
          raise ArgumentError, 'ansible2chef: os-release: no closing quotation' if ch.nil?

          if ch == state
            state = 'a'
          elsif state == '"' && ch == '\\'
            escaped_state = state
            state = ch
          else
            word << ch
          end
        when '\\'
          raise ArgumentError, 'ansible2chef: os-release: no escaped character' if ch.nil?

          word << '\\' if escaped_state == '"' && ch != '\\' && ch != '"'
          word << ch
          state = escaped_state
        end
      end
      words
    end
  end
end
