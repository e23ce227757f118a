# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_packages
#
# ansible_facts.packages: set by a package_facts task, undefined before one ran; afterwards it
# holds what that task saw until the next one. On Debian, ansible-core 2.14's apt manager lists
# the packages python-apt calls installed: every package dpkg knows except those in state
# config-files ("rc": removed, configuration kept) or not-installed, keyed by apt's name (the
# package name, with ':arch' for an architecture other than the native one and 'all').
#
# Ohai's packages plugin is not that list (measured with both on one dpkg database): it takes
# every line of `dpkg-query -W`, so removed packages whose configuration remains are "installed",
# and it keys by the bare name, so 'libc6:i386' is missing and two architectures of one package
# are one entry. `'x' in ansible_facts.packages` would then answer true after `apt: state=absent`
# (which keeps the configuration). The list is therefore read here from dpkg with apt's rule;
# test/support-cookbook/facts-packages.test.ts compares it with the real module on this machine's
# database and on a generated one holding every package state.
#
# Each entry holds name, version, arch and source as the module gives them. The module's category
# and origin come from apt's package lists (which archive offers the version), which dpkg does not
# know. Left out, a read of them would be a missing key's undefined value, which `default` replaces
# and `is defined` denies where Ansible gives the real value: silently wrong. They are there instead,
# as in Ansible (`is defined` and `'origin' in entry` are true, the entry's length is the module's),
# each holding a NotRead value that fails every other use, `default` included, saying why. Of
# ansible_facts.packages the translator converts only membership (facts.toml).
# What is refused, with the reason, rather than guessed: a host without dpkg-query and apt-get; a
# host with an rpm binary (manager auto tries RPM first and uses it where a Python rpm binding
# exists); packages dpkg marks as needing reinstallation (apt then fails unless an archive offers
# them). Where python3-apt is missing Ansible's module fails; this list is still read.

require 'open3'

module A2C
  module Facts
    class PackageFactsRefused < StandardError; end

    # The module's keys from apt's archive lists, which dpkg does not have.
    ARCHIVE_KEYS = %w(category origin).freeze

    # dpkg's states for which apt holds no installed version.
    DPKG_NOT_INSTALLED = %w(not-installed config-files).freeze

    # ansible_facts.packages: the snapshot the last package_facts task took; undefined before one ran.
    def self.packages(node)
      state = node.run_state
      return state['a2c_ansible_packages'] if state.key?('a2c_ansible_packages')

      raise A2C::Jinja::UndefinedError, "'dict object' has no attribute 'packages' (no package_facts task has run)"
    end

    # The task (`auto`: manager auto, which tries RPM before apt): the fact, also kept as the
    # variable `packages` is, where later reads of that name find it.
    def self.register_packages(run_state, name, auto)
      found = read_packages(auto)
      run_state['a2c_ansible_packages'] = found
      A2C::Tasks.store(run_state, name, found)
    end

    def self.read_packages(auto)
      refuse_other_managers(auto)
      native = dpkg_out('dpkg', '--print-architecture').strip
      dpkg_rows.each_with_object({}) do |(abbrev, status, name, version, arch), out|
        next if DPKG_NOT_INSTALLED.include?(status)
        if abbrev[2] == 'R'
          raise PackageFactsRefused, "package_facts: dpkg marks #{name} as needing reinstallation: apt fails there " \
                                     'unless an archive offers it; not converted'
        end

        key = [native, 'all'].include?(arch) ? name : "#{name}:#{arch}"
        (out[key] ||= []) << { 'name' => key, 'version' => version, 'arch' => arch, 'source' => 'apt' }.merge(not_read(key))
      end.sort.to_h
    end

    # The archive keys of package `name`'s entry, each failing where it is used.
    def self.not_read(name)
      ARCHIVE_KEYS.to_h do |k|
        # A value the converted list cannot give (see the header): every use but `is defined` fails.
        [k, A2C::Jinja::NotRead.new(PackageFactsRefused, "package_facts: the #{k} of #{name} is read by Ansible from apt's " \
                                                         'archive lists, which the converted package list (read from dpkg) ' \
                                                         'does not hold; not converted', defined: true)]
      end
    end

    # Where another manager than apt could give the module's answer: refused.
    def self.refuse_other_managers(auto)
      if auto && rpm_binary
        raise PackageFactsRefused, "package_facts: #{rpm_binary} exists: manager auto reads the RPM database first " \
                                   'wherever a Python rpm binding is installed; not converted (use manager: apt)'
      end
      return if %w(dpkg-query apt-get).all? { |c| bin_path(c) }

      raise PackageFactsRefused, 'package_facts: only the apt manager of Debian hosts is converted ' \
                                 '(no dpkg-query or apt-get here)'
    end

    # Every package dpkg knows: [status abbreviation, status, name, version, architecture].
    def self.dpkg_rows
      format = '${db:Status-Abbrev}\t${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\n'
      dpkg_out('dpkg-query', '-W', "-f=#{format}").lines.map { |l| l.chomp.split("\t", -1) }
    end

    def self.rpm_binary
      bin_path('rpm')
    end

    # Where Ansible's get_bin_path finds a command: PATH, then the sbin directories it adds.
    def self.bin_path(command)
      dirs = ENV.fetch('PATH', '').split(':') + %w(/sbin /usr/sbin /usr/local/sbin)
      dirs.map { |d| File.join(d, command) }.find { |f| File.file?(f) && File.executable?(f) }
    end

    def self.dpkg_out(*argv)
      out, err, status = Open3.capture3({ 'LC_ALL' => 'C' }, *argv)
      raise PackageFactsRefused, "package_facts: #{argv.first} failed: #{err.strip}" unless status.success?

      out
    end
  end
end
