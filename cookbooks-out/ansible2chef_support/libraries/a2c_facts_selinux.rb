# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_facts_selinux
#
# ansible_selinux.status and ansible_selinux_python_present. Ohai's selinux plugin is optional (off
# unless client.rb enables it) and reads `sestatus`, which Ansible does not. ansible-core 2.14's
# collector loads libselinux.so.1 itself (module_utils/compat/selinux.py, through ctypes): where the
# library does not load, or lacks one of the functions that wrapper binds, the status is
# 'Missing selinux Python library' and python_present false; otherwise is_selinux_enabled()
# decides: 0 is 'disabled', anything else 'enabled'. The same library and function are asked here
# through Fiddle. test/support-cookbook/facts-selinux.test.ts compares both with the collector on
# this machine and on stub libraries answering enabled, disabled and error, or lacking a function.
# The fields set only where SELinux is enabled (mode, config_mode, policyvers, type) are not
# converted: no host here has SELinux enabled to compare them on.

require 'fiddle'

module A2C
  module Facts
    # The functions ansible-core's wrapper binds when it loads: one missing fails its import.
    SELINUX_FUNCTIONS = %w(
      is_selinux_enabled is_selinux_mls_enabled lgetfilecon_raw matchpathcon security_policyvers
      selinux_getenforcemode security_getenforce lsetfilecon selinux_getpolicytype
    ).freeze

    def self.selinux_status(_node = nil, lib = 'libselinux.so.1')
      handle = selinux_library(lib)
      return 'Missing selinux Python library' unless handle

      enabled = Fiddle::Function.new(handle['is_selinux_enabled'], [], Fiddle::TYPE_INT).call
      enabled.zero? ? 'disabled' : 'enabled'
    end

    def self.selinux_python_present(_node = nil, lib = 'libselinux.so.1')
      !selinux_library(lib).nil?
    end

    # The loaded library, or nil where ctypes would fail to load it or to find a function.
    def self.selinux_library(lib)
      handle = Fiddle.dlopen(lib)
      SELINUX_FUNCTIONS.each { |f| handle[f] }
      handle
    rescue Fiddle::DLError
      nil
    end
  end
end
