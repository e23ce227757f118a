# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_pkg_mgr
#
# Ansible's pkg_mgr fact has no Ohai attribute. It is computed here, on the node, by the rules
# ansible-core 2.14's setup module applies (which package manager binaries exist, then the
# OS family's official default), so a recipe tests the same value a playbook tested.
# test/facts-pkg-mgr.test.ts compares it with Ansible's own collector on generated hosts.

module A2C
  module Facts
    # Binaries in Ansible's order: when several exist, the last one found wins.
    PKG_MGRS = [
      ['/usr/bin/rpm-ostree', 'atomic_container'],
      ['/usr/bin/yum', 'yum'],
      ['/usr/bin/dnf', 'dnf'],
      ['/usr/bin/apt-get', 'apt'],
      ['/usr/bin/zypper', 'zypper'],
      ['/usr/sbin/urpmi', 'urpmi'],
      ['/usr/bin/pacman', 'pacman'],
      ['/bin/opkg', 'opkg'],
      ['/usr/pkg/bin/pkgin', 'pkgin'],
      ['/opt/local/bin/pkgin', 'pkgin'],
      ['/opt/tools/bin/pkgin', 'pkgin'],
      ['/opt/local/bin/port', 'macports'],
      ['/usr/local/bin/brew', 'homebrew'],
      ['/opt/homebrew/bin/brew', 'homebrew'],
      ['/sbin/apk', 'apk'],
      ['/usr/sbin/pkg', 'pkgng'],
      ['/usr/sbin/swlist', 'swdepot'],
      ['/usr/bin/emerge', 'portage'],
      ['/usr/sbin/pkgadd', 'svr4pkg'],
      ['/usr/bin/pkg', 'pkg5'],
      ['/usr/bin/xbps-install', 'xbps'],
      ['/usr/local/sbin/pkg', 'pkgng'],
      ['/usr/bin/swupd', 'swupd'],
      ['/usr/sbin/sorcery', 'sorcery'],
      ['/usr/bin/installp', 'installp'],
      ['/QOpenSys/pkgs/bin/yum', 'yum'],
    ].freeze

    # What pkg_mgr looks at on the host; replaced in tests to describe other hosts.
    module Host
      module_function

      def exist?(path) = ::File.exist?(path)

      # Whether the RPM database owns /usr/bin/apt-get (APT-RPM rather than Debian's APT).
      def rpm_provides_apt_get?
        ok = system('/usr/bin/rpm', '-q', '--whatprovides', '/usr/bin/apt-get', out: ::File::NULL, err: ::File::NULL)
        raise 'ansible2chef: /usr/bin/rpm could not be run' if ok.nil?

        ok
      end
    end

    # The pkg_mgr fact for a node. os_family and distribution come from the same tables as the
    # translated facts (an unknown platform fails rather than guessing); distribution is read
    # only on the Red Hat family, where Ansible reads it.
    def self.pkg_mgr(node, host = Host)
      os_family = lookup(A2C::Jinja.var(node, 'platform_family'), 'os_family')
      major = -> { A2C::Jinja.fact_major_version(A2C::Jinja.var(node, 'platform_version')) }
      pkg_mgr_from(os_family, -> { lookup(A2C::Jinja.var(node, 'platform'), 'distribution') }, major, host)
    end

    def self.pkg_mgr_from(os_family, distribution, major, host)
      # Ansible runs a collector of its own on OpenBSD.
      return 'openbsd_pkg' if os_family == 'OpenBSD'

      candidates = os_family == 'Altlinux' ? PKG_MGRS.reject { |path, _| path == '/usr/bin/pkg' } : PKG_MGRS
      name = 'unknown'
      candidates.each { |path, mgr| name = mgr if host.exist?(path) }
      if os_family == 'RedHat'
        name = red_hat_pkg_mgr(name, distribution.call, major.call, host)
      elsif os_family == 'Debian' && name != 'apt'
        # yum, zypper... installed on Debian do not make them the system's package manager.
        name = 'apt'
      elsif os_family == 'Altlinux' && name == 'apt'
        name = 'apt_rpm'
      end
      name = 'apt_rpm' if name == 'apt' && host.exist?('/usr/bin/rpm') && host.rpm_provides_apt_get?
      name
    end

    def self.red_hat_pkg_mgr(name, distribution, major, host)
      return 'atomic_container' if host.exist?('/run/ostree-booted')

      exists = ->(mgr) { PKG_MGRS.any? { |path, m| m == mgr && host.exist?(path) } }
      number = python_int(major)
      case distribution
      when 'Fedora', 'Amazon'
        # Python's int(): a version that is no integer means a new release (dnf).
        return 'dnf' if number.nil?

        wanted = if number < (distribution == 'Fedora' ? 23 : 2022)
                   'yum'
                 else
                   'dnf'
                 end
        exists.call(wanted) ? wanted : name
      else
        # RHEL and its rebuilds: yum before 8, dnf from 8, whatever is installed.
        raise ArgumentError, "ansible2chef: invalid major version #{major.inspect} for pkg_mgr" if number.nil?

        number < 8 ? 'yum' : 'dnf'
      end
    end

    # Python's int() of a string: surrounding whitespace, a sign and '_' between digits allowed.
    def self.python_int(text)
      s = text.to_s.strip
      return unless s.match?(/\A[+-]?\d+(?:_\d+)*\z/)

      Integer(s.delete('_'), 10)
    end
  end
end
