# frozen_string_literal: true
#
# a2c_directory: Ansible's ansible.builtin.file with state: directory and an owner, group or mode.
# The module creates the missing parents and gives every directory it creates the owner, group and
# mode; Chef's directory resource with recursive gives them to the last directory only. The missing
# directories are listed when the action runs (converge time, after the earlier resources), from the
# top down, and each one is created by a directory resource with the attributes; an existing path
# only gets its attributes, as in Ansible. With recurse, every entry below the path then gets
# them too (A2C::FileState.recurse_attributes).
unified_mode true
provides :a2c_directory

description 'Creates a directory and its missing parents, each with the owner, group and mode, as Ansible file state: directory does.'

property :path, String, name_property: true, description: 'The directory (Ansible path).'
property :owner, [String, Integer]
property :group, [String, Integer]
property :mode, [String, Integer], description: 'Octal, or a symbolic mode with user letters (applied to each directory as Ansible does).'
property :recurse, [true, false], default: false, description: 'Ansible recurse: the attributes also go to every entry below the path.'
property :recurse_mode, [String, Integer], description: 'The mode given below the path: octal, or symbolic (applied to each entry, as Ansible does).'

action :create do
  description 'Create each missing directory of the path, top down, with the attributes; set them on an existing path.'

  # Locals: inside the directory blocks, owner/group/mode name the inner resource's own properties.
  want_owner = new_resource.owner
  want_group = new_resource.group
  want_mode = new_resource.mode
  # With recurse the module wants a directory (not a link to one) before anything is created.
  if new_resource.recurse && ::File.symlink?(new_resource.path)
    raise ArgumentError, "ansible2chef: #{new_resource.path} is a symbolic link; recurse through a link is not converted"
  end
  if new_resource.recurse && ::File.exist?(new_resource.path) && !::File.directory?(new_resource.path)
    raise ArgumentError, "recurse option requires state to be 'directory' (#{new_resource.path} is not a directory)"
  end

  # A symbolic mode (`o-rwx`) is applied to each directory's own mode when it is acted on: the
  # mode it was created with, or an existing one's (A2C::FileState.symbolic_mode_of).
  symbolic = want_mode.is_a?(String) && !want_mode.match?(/\A(0o)?[0-7]+\z/)
  (A2C::FileState.missing_directories(new_resource.path) | [new_resource.path]).each do |dir|
    directory dir do
      owner want_owner unless want_owner.nil?
      group want_group unless want_group.nil?
      mode(symbolic ? lazy { |d| A2C::FileState.symbolic_mode_of(d, want_mode, true) } : want_mode) unless want_mode.nil?
    end
  end

  # unified_mode: the directories above are in place; the entries below are read now.
  pending = new_resource.recurse ? A2C::FileState.recurse_pending(new_resource.path, want_owner, want_group, new_resource.recurse_mode) : []
  unless pending.empty?
    converge_by("set owner, group and mode below #{new_resource.path} (#{pending.length} entries)") do
      A2C::FileState.recurse_attributes(new_resource.path, want_owner, want_group, new_resource.recurse_mode)
    end
  end
end
