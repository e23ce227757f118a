# frozen_string_literal: true
#
# a2c_assemble: Ansible's ansible.builtin.assemble with remote_src (fragments already on the node).
# The content comes from libraries/a2c_assemble.rb; a file resource writes it, so Chef reports a
# change only when the content or the attributes change, and verify runs before the file is
# replaced, as the module's validate does.
unified_mode true
provides :a2c_assemble

description 'Assembles a file from the fragments in a directory, as Ansible assemble does.'

property :path, String, name_property: true, description: 'The file to write (Ansible dest).'
property :source, String, required: true, description: 'Directory of fragments on the node (Ansible src).'
property :delimiter, String, description: 'Written between fragments; backslash escapes decoded as the module does.'
property :regexp, String, description: 'Python regular expression: only fragment names it finds are used.'
property :ignore_hidden, [true, false], default: false
property :owner, [String, Integer]
property :group, [String, Integer]
property :mode, [String, Integer]
property :verify, String, description: 'Command that checks the assembled file; %{path} names it (Ansible validate).'

action :create do
  description 'Write the assembled file when its content or attributes differ.'

  assembled = A2C::Assemble.from_fragments(
    new_resource.source,
    delimiter: new_resource.delimiter, regexp: new_resource.regexp, ignore_hidden: new_resource.ignore_hidden
  )
  # Locals: the block below runs on the file resource, where owner/group/mode name its own properties.
  want_owner = new_resource.owner
  want_group = new_resource.group
  want_mode = new_resource.mode
  check = new_resource.verify
  file new_resource.path do
    content assembled
    owner want_owner unless want_owner.nil?
    group want_group unless want_group.nil?
    mode want_mode unless want_mode.nil?
    verify check unless check.nil?
  end
end
