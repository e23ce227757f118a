# frozen_string_literal: true
#
# a2c_directory: Ansible's ansible.builtin.file with state: directory and an owner, group or mode.
# The module creates the missing parents and gives every directory it creates the owner, group and
# mode; Chef's directory resource with recursive gives them to the last directory only. The missing
# directories are listed when the action runs (converge time, after the earlier resources), from the
# top down, and each one is created by a directory resource with the attributes; an existing path
# only gets its attributes, as in Ansible.
unified_mode true
provides :a2c_directory

description 'Creates a directory and its missing parents, each with the owner, group and mode, as Ansible file state: directory does.'

property :path, String, name_property: true, description: 'The directory (Ansible path).'
property :owner, [String, Integer]
property :group, [String, Integer]
property :mode, [String, Integer]

action :create do
  description 'Create each missing directory of the path, top down, with the attributes; set them on an existing path.'

  # Locals: inside the directory blocks, owner/group/mode name the inner resource's own properties.
  want_owner = new_resource.owner
  want_group = new_resource.group
  want_mode = new_resource.mode
  (A2C::FileState.missing_directories(new_resource.path) | [new_resource.path]).each do |dir|
    directory dir do
      owner want_owner unless want_owner.nil?
      group want_group unless want_group.nil?
      mode want_mode unless want_mode.nil?
    end
  end
end
