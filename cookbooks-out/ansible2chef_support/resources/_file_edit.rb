# frozen_string_literal: true
#
# Partial (`use '_file_edit'`): what the file-editing resources (a2c_line, a2c_block, a2c_replace,
# a2c_ini_setting) share: the attributes of the file they write, Ansible's `backup`, and the editing
# steps of libraries/a2c_file_edit_actions.rb. Chef skips resource files whose name starts with '_'.
property :owner, [String, Integer]
property :group, [String, Integer]
property :mode, [String, Integer]
property :backup, [true, false], default: false

action_class do
  include A2C::FileEditActions
end
