# frozen_string_literal: true
#
# a2c_block: Ansible's ansible.builtin.blockinfile. Semantics in
# libraries/a2c_file_edit_block.rb.
unified_mode true
provides :a2c_block

description 'Inserts, updates or removes a block of lines between marker lines, as Ansible blockinfile does.'

property :path, String, name_property: true, description: 'File to edit (Ansible path/dest).'
property :block, String, default: '', description: 'Text between the markers (Ansible block/content); empty removes the block.'
property :marker, String, default: '# {mark} ANSIBLE MANAGED BLOCK'
property :marker_begin, String, default: 'BEGIN'
property :marker_end, String, default: 'END'
property :insertafter, String, description: "Python regex, or 'EOF'."
property :insertbefore, String, description: "Python regex, or 'BOF'."
property :state, String, equal_to: %w(present absent), default: 'present'
property :create, [true, false], default: false
use '_file_edit'
property :verify, String, description: 'Ansible validate: a command run on the new content before it replaces the file; %{path} names the temporary copy.'

action :edit do
  description 'Edit the file as blockinfile would.'

  a2c_edit do |content|
    A2C::FileEdit.blockinfile(
      content,
      block: new_resource.block, marker: new_resource.marker, marker_begin: new_resource.marker_begin,
      marker_end: new_resource.marker_end, insertafter: new_resource.insertafter,
      insertbefore: new_resource.insertbefore, state: new_resource.state, create: new_resource.create
    )
  end
end
