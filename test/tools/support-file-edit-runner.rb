# frozen_string_literal: true
#
# Test driver for the support cookbook's A2C::FileEdit functions: applies a batch
# of cases to files the way the custom resources do (read, transform, write only
# when changed) and prints one JSON result per case.
# Usage: ruby support-file-edit-runner.rb LIBRARIES_DIR CASES_JSON
require 'json'
require 'fileutils'

libdir, cases_file = ARGV
%w[a2c_python_regex a2c_file_edit a2c_file_edit_ini a2c_file_edit_line a2c_file_edit_block
   a2c_file_edit_replace].each { |name| require File.join(libdir, name) }

results = JSON.parse(File.read(cases_file)).map do |c|
  path = c.fetch('path')
  params = c.fetch('params').transform_keys(&:to_sym)
  begin
    content = File.exist?(path) ? File.binread(path) : nil
    result = A2C::FileEdit.public_send(c.fetch('module'), content, **params)
    if result.changed
      FileUtils.mkdir_p(File.dirname(path))
      File.binwrite(path, result.content)
    end
    { 'id' => c['id'], 'changed' => result.changed, 'failed' => false, 'msg' => result.msg }
  rescue A2C::FileEdit::Error => e
    { 'id' => c['id'], 'changed' => false, 'failed' => true, 'msg' => e.message }
  end
end
puts JSON.generate(results)
