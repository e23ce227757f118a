# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_container
#
# Ansible's virtualization_type fact and Ohai's virtualization/system attribute are detected by
# different rules, so the fact has no Ohai equivalent. Its container part is decided first, by
# files alone: ansible-core 2.14's Linux collector reads /proc/1/cgroup, /proc/1/environ,
# /proc/vz, /run/systemd/container and /.dockerenv before any hypervisor check, and once one of
# them has answered no later check changes the type. This reproduces that part on the node; it
# answers nil where Ansible would go on to the hypervisor checks, which give no container name.
# So `virtualization_type == 'docker'` (or another container name) is the same question here.
# test/facts-container.test.ts compares it with Ansible's own collector on generated hosts.

module A2C
  module Facts
    # What the container checks look at; replaced in tests to describe other hosts.
    module ContainerHost
      module_function

      def exist?(path) = ::File.exist?(path)

      # The file's text, or nil where Python could not open it.
      def read(path)
        ::File.readable?(path) ? ::File.read(path, mode: 'r:UTF-8') : nil
      rescue SystemCallError, IOError
        nil
      end
    end

    # Python's str.isspace characters, which str.strip removes (Ruby's strip also removes NUL).
    PY_SPACE = "[\t\n\v\f\r\x1c-\x1f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
    PY_STRIP = /\A#{PY_SPACE}+|#{PY_SPACE}+\z/

    # Ansible's get_file_content: the stripped text; nil when missing, unreadable, not UTF-8
    # (Python's decoding fails and the error is swallowed) or empty.
    def self.python_file_content(path, host)
      return unless host.exist?(path)

      text = host.read(path)
      return if text.nil? || !text.valid_encoding?

      text = text.gsub(PY_STRIP, '')
      text.empty? ? nil : text
    end

    def self.container_virtualization_type(_node, host = ContainerHost)
      type = nil
      cgroup = python_file_content('/proc/1/cgroup', host)
      # str.splitlines() also breaks at \r, \v, \f, \x1c-\x1e, \x85 and the Unicode separators.
      cgroup&.split(/\r\n|[\n\r\v\f\x1c-\x1e\u0085\u2028\u2029]/)&.each do |line|
        type ||= 'docker' if line.match?(%r{/docker(/|-[0-9a-f]+\.scope)})
        type ||= 'lxc' if line.match?(%r{/lxc/}) || line.match?(%r{/machine.slice/machine-lxc})
        type ||= 'containerd' if line.match?(%r{/system.slice/containerd.service})
      end
      environ = python_file_content('/proc/1/environ', host)
      environ&.sub(/\x00+\z/, '')&.split("\x00", -1)&.each do |entry|
        type ||= 'lxc' if entry.include?('container=lxc')
        type ||= 'podman' if entry.include?('container=podman')
        # Python's '^' and '.': the start of the entry, any character but a newline.
        type ||= 'container' if entry.match?(/\Acontainer=[^\n]/)
      end
      # OpenVZ overrides even a container found above, as Ansible's collector does.
      type = 'openvz' if host.exist?('/proc/vz') && !host.exist?('/proc/lve')
      type ||= python_file_content('/run/systemd/container', host)
      type ||= 'docker' if host.exist?('/.dockerenv') || host.exist?('/.dockerinit')
      type
    end
  end
end
