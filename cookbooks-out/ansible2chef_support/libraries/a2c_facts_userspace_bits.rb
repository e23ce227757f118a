# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_userspace_bits
#
# ansible-core 2.14 sets userspace_bits from Python's platform.architecture() in the module's own
# interpreter ('64bit' -> '64'): `file` on sys.executable, or Python's pointer size where `file`
# gives nothing. Ohai holds no such value, so the interpreter Ansible's discovery finds first
# (INTERPRETER_PYTHON_FALLBACK, searched on chef-client's PATH) is asked the same question; a node
# with no Python, or whose Python fails to answer, fails the run rather than guess.
# test/jinja-to-ruby/facts-userspace-bits.test.ts compares it with the setup module here.

require 'open3'

module A2C
  module Facts
    PYTHON_FALLBACK = %w(python3.11 python3.10 python3.9 python3.8 python3.7 python3.6 python3.5
                         /usr/bin/python3 /usr/libexec/platform-python python2.7 /usr/bin/python python).freeze

    def self.userspace_bits(_node)
      python = discovered_python
      raise ArgumentError, 'ansible2chef: ansible_userspace_bits: no Python interpreter on this node' unless python

      out, status = Open3.capture2(python, '-c', "import platform; print(platform.architecture()[0].replace('bit', ''))")
      raise ArgumentError, "ansible2chef: ansible_userspace_bits: #{python} did not answer" unless status.success?

      out.strip
    end

    def self.discovered_python(names = PYTHON_FALLBACK)
      dirs = ENV.fetch('PATH', '').split(File::PATH_SEPARATOR)
      names.each do |name|
        candidates = name.start_with?('/') ? [name] : dirs.map { |d| File.join(d, name) }
        found = candidates.find { |p| File.file?(p) && File.executable?(p) }
        return found if found
      end
      nil
    end
  end
end
