# frozen_string_literal: true
#
# a2c_authorized_key: ansible.posix.authorized_key, with the module's parsing, key identity, ordering,
# exclusive and file modes (libraries/a2c_authorized_key.rb). Keys given as a URL are refused.
unified_mode true
provides :a2c_authorized_key

description 'Adds or removes SSH keys in a user authorized_keys file, as ansible.posix.authorized_key does.'

property :user, String, name_property: true, description: 'The user whose file is edited (and who owns it).'
property :key, String, required: true, description: 'One key, or several lines of keys.'
property :path, String, description: 'The file, instead of ~user/.ssh/authorized_keys.'
property :manage_dir, [true, false], default: true, description: "Create the file's directory, mode 0700, owned by the user."
property :state, String, equal_to: %w(present absent), default: 'present'
property :key_options, String, description: 'Options written before every given key.'
property :exclusive, [true, false], default: false, description: 'Remove every other line of the file.'
property :comment, String, description: 'Comment written after every given key.'
property :follow, [true, false], default: false, description: 'Write through a symbolic link instead of replacing it.'

action :manage do
  description 'Bring the keys to the wanted state, writing the file only when a key is added, changed or removed.'

  r = new_resource
  args = {
    user: r.user, key: r.key, path: r.path, manage_dir: r.manage_dir, state: r.state,
    key_options: r.key_options, exclusive: r.exclusive, comment: r.comment, follow: r.follow
  }
  if A2C::AuthorizedKey.manage(**args, dry_run: true)['changed']
    converge_by("#{r.state == 'present' ? 'add' : 'remove'} SSH keys of #{r.user}") do
      A2C::AuthorizedKey.manage(**args)
    end
  end
end
