# frozen_string_literal: true
#
# a2c_ssh_key: ansible.builtin.user's `generate_ssh_key`, which Chef's user resource cannot say: an
# SSH key pair made with ssh-keygen for the user when none is there (libraries/a2c_ssh_key.rb).
unified_mode true
provides :a2c_ssh_key

description "Generates a user's SSH key pair with ssh-keygen when the key file is absent (always with force), as the user module does."

property :username, String, name_property: true, description: 'The user (must exist).'
property :type, String, default: 'rsa', description: 'ssh-keygen -t.'
property :bits, Integer, default: 0, description: 'ssh-keygen -b, passed when above 0.'
property :file, String, description: "The private key's path; relative: under the user's home. Default .ssh/id_<type>."
property :comment, String, description: 'ssh-keygen -C. Default: ansible-generated on <hostname>.'
property :force, [true, false], default: false, description: 'Overwrite an existing key pair.'

action :generate do
  description 'Run ssh-keygen when neither key file exists (or with force), then give both files to the user.'

  r = new_resource
  args = { user: r.username, type: r.type, bits: r.bits, file: r.file, comment: r.comment, force: r.force }
  if A2C::SshKey.generate(**args, dry_run: true)['changed']
    converge_by("generate the #{r.type} SSH key of #{r.username}") do
      A2C::SshKey.generate(**args)
    end
  end
end
