# frozen_string_literal: true
#
# a2c_ini_setting: community.general.ini_file. Semantics in
# libraries/a2c_file_edit_ini.rb.
unified_mode true
provides :a2c_ini_setting

description 'Manages one option (or a whole section) of an INI file, as community.general.ini_file does.'

property :path, String, name_property: true, description: 'INI file to edit (Ansible path/dest).'
property :section, String, description: 'Section name; nil edits options before the first section.'
property :option, String
property :value, String
property :values, Array, description: 'Several values for a repeated option (mutually exclusive with value).'
property :state, String, equal_to: %w(present absent), default: 'present'
property :exclusive, [true, false], default: true
property :no_extra_spaces, [true, false], default: false
property :allow_no_value, [true, false], default: false
property :create, [true, false], default: true
use '_file_edit'

action :edit do
  description 'Edit the file as ini_file would.'

  a2c_edit do |content|
    A2C::FileEdit.ini_file(
      content,
      section: new_resource.section, option: new_resource.option, value: new_resource.value,
      values: new_resource.values, state: new_resource.state, exclusive: new_resource.exclusive,
      no_extra_spaces: new_resource.no_extra_spaces, allow_no_value: new_resource.allow_no_value,
      create: new_resource.create
    )
  end
end
