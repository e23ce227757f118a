# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_architecture
#
# Ansible's architecture fact is the machine name (uname -m, Ohai's kernel/machine) except that
# ansible-core 2.14 names every 32-bit x86 (i386...i686, Solaris' i86pc) i386, and on AIX and
# OpenBSD asks other commands (getconf, uname -p), whose answer Ohai does not hold: there the
# run fails rather than guess. test/facts-architecture.test.ts compares it with Ansible's collector.

module A2C
  module Facts
    def self.architecture(node)
      system = node.read!('kernel', 'name')
      if %w(AIX OpenBSD).include?(system)
        raise ArgumentError, "ansible2chef: ansible_architecture on #{system} is read by a command Ohai does not run"
      end

      machine = node.read!('kernel', 'machine')
      machine != 'x86_64' && machine.match?(/i(?:[3456]86|86pc)/) ? 'i386' : machine
    end
  end
end
