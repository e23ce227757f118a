# frozen_string_literal: true
#
# a2c_apt_package: ansible.builtin.apt with policy_rc_d. Chef's apt_package installs, upgrades or
# removes the packages inside A2C::PolicyRcD.around (libraries/a2c_policy_rc_d.rb), so no service is
# started or stopped by the packages' maintainer scripts while it runs; the file is put back after.
unified_mode true
provides :a2c_apt_package

description "Chef's apt_package run with /usr/sbin/policy-rc.d exiting with policy_rc_d, as ansible.builtin.apt does."

property :package_name, [String, Array], name_property: true
property :version, [String, Array]
property :default_release, String
property :options, [String, Array]
property :policy_rc_d, [Integer, nil], description: 'The exit code policy-rc.d gives while the packages change (nil: not written).'

action_class do
  # The apt_package step, run (unified mode) inside the block that sets policy-rc.d up and puts it back.
  def apt_step(step)
    r = new_resource
    # why-run previews the package step only: policy-rc.d is a change on the node too.
    code = Chef::Config[:why_run] ? nil : r.policy_rc_d
    A2C::PolicyRcD.around(code) do
      apt_package r.package_name do
        version r.version unless r.version.nil?
        default_release r.default_release unless r.default_release.nil?
        options r.options unless r.options.nil?
        action step
      end
    end
  end
end

action :install do
  apt_step(:install)
end

action :upgrade do
  apt_step(:upgrade)
end

action :remove do
  apt_step(:remove)
end

action :purge do
  apt_step(:purge)
end
