# frozen_string_literal: true
#
# a2c_line: Ansible's ansible.builtin.lineinfile. Semantics in
# libraries/a2c_file_edit_line.rb; regular expressions are Python's (see
# libraries/a2c_python_regex.rb).
unified_mode true
provides :a2c_line

description 'Ensures a line is present in or absent from a file, as Ansible lineinfile does.'

property :path, String, name_property: true, description: 'File to edit (Ansible path/dest).'
property :line, String, description: 'The line to insert or replace (Ansible line/value).'
property :regexp, String, description: 'Python regular expression selecting the line to replace or remove.'
property :search_string, String, description: 'Literal string selecting the line to replace or remove.'
property :state, String, equal_to: %w(present absent), default: 'present'
property :insertafter, String, description: "Python regex, or 'EOF'/'BOF'."
property :insertbefore, String, description: "Python regex, or 'BOF'."
property :backrefs, [true, false], default: false
property :create, [true, false], default: false
property :firstmatch, [true, false], default: false
use '_file_edit'
property :verify, String, description: 'Ansible validate: a command run on the new content before it replaces the file; %{path} names the temporary copy.'

action :edit do
  description 'Edit the file as lineinfile would.'

  a2c_edit do |content|
    A2C::FileEdit.lineinfile(
      content,
      line: new_resource.line, regexp: new_resource.regexp, search_string: new_resource.search_string,
      state: new_resource.state, insertafter: new_resource.insertafter, insertbefore: new_resource.insertbefore,
      backrefs: new_resource.backrefs, create: new_resource.create, firstmatch: new_resource.firstmatch
    )
  end
end
