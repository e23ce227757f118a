# frozen_string_literal: true
#
# a2c_replace: Ansible's ansible.builtin.replace. Semantics in
# libraries/a2c_file_edit_replace.rb; regexp, after and before are Python regular
# expressions, replace is a Python replacement template (\1, \g<name>).
unified_mode true
provides :a2c_replace

description 'Replaces every match of a regular expression in a file, as Ansible replace does.'

property :path, String, name_property: true, description: 'File to edit (Ansible path/dest); must exist.'
property :regexp, String, required: true, description: 'Python regular expression, compiled with MULTILINE.'
property :replace, String, default: '', description: 'Python replacement template.'
property :after, String, description: 'Only edit text after the first match of this Python regex.'
property :before, String, description: 'Only edit text before this Python regex.'
use '_file_edit'
property :verify, String, description: 'Ansible validate: a command run on the new content before it replaces the file; %{path} names the temporary copy.'

action :edit do
  description 'Edit the file as replace would.'

  a2c_edit do |content|
    A2C::FileEdit.replace(
      content,
      regexp: new_resource.regexp, replace: new_resource.replace,
      after: new_resource.after, before: new_resource.before
    )
  end
end
