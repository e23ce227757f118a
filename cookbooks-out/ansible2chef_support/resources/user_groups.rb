# frozen_string_literal: true
#
# a2c_user_groups: ansible.builtin.user's `groups`, which Chef's user resource cannot say: without
# `append` the supplementary groups set to exactly these, with it these added to the user's
# (libraries/a2c_user_groups.rb).
unified_mode true
provides :a2c_user_groups

description 'Sets the supplementary groups of a user to exactly the given ones, or adds the given ones with append, as the user module does.'

property :username, String, name_property: true, description: 'The user (must exist).'
property :groups, [Array, String], required: true, description: 'The groups (a list, or names separated by commas), by name or gid; an empty list removes every supplementary group (nothing with append).'
property :append, [true, false], default: false, description: 'Add the user to these groups (usermod -a -G) instead of setting exactly these.'

action :manage do
  description 'Run usermod -G (-a -G with append) when the groups listing the user differ from the wanted ones (with append: lack one of them).'

  r = new_resource
  if A2C::UserGroups.manage(user: r.username, groups: r.groups, append: r.append, dry_run: true)['changed']
    verb = r.append ? 'add' : 'set'
    converge_by("#{verb} the supplementary groups of #{r.username}: #{Array(r.groups).join(',')}") do
      A2C::UserGroups.manage(user: r.username, groups: r.groups, append: r.append)
    end
  end
end
