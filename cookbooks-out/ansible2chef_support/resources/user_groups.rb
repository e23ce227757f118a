# frozen_string_literal: true
#
# a2c_user_groups: ansible.builtin.user's `groups` without `append`, which Chef's user resource
# cannot say: the supplementary groups set to exactly these (libraries/a2c_user_groups.rb).
unified_mode true
provides :a2c_user_groups

description 'Sets the supplementary groups of a user to exactly the given ones, as the user module does without append.'

property :username, String, name_property: true, description: 'The user (must exist).'
property :groups, [Array, String], required: true, description: 'The groups (a list, or names separated by commas), by name or gid; an empty list removes every supplementary group.'

action :manage do
  description 'Run usermod -G when the groups listing the user differ from the wanted ones.'

  r = new_resource
  if A2C::UserGroups.manage(user: r.username, groups: r.groups, dry_run: true)['changed']
    converge_by("set the supplementary groups of #{r.username} to #{Array(r.groups).join(',')}") do
      A2C::UserGroups.manage(user: r.username, groups: r.groups)
    end
  end
end
