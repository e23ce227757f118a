# frozen_string_literal: true

# ansible.builtin.debconf (ansible-core 2.14) through debconf-show and debconf-set-selections, with
# the module's steps: the package's answers as debconf-show prints them, the question's answer
# compared as text (a boolean case-blind, and then written lower-case), and the answer written only
# when it differs or the question is unknown. Without a question the module only reads.
require 'open3'
require_relative 'a2c_bin_path'
require 'shellwords'

module A2C
  module Debconf
    class Error < StandardError; end

    VTYPES = %w(boolean error multiselect note password seen select string text title).freeze

    module_function

    # { 'changed' => ..., 'current' => ... }; dry_run only reads.
    def manage(name:, question: nil, vtype: nil, value: nil, unseen: false, dry_run: false)
      raise Error, "value of vtype must be one of: #{VTYPES.join(', ')}, got: #{vtype}" unless vtype.nil? || VTYPES.include?(vtype)

      given = [question, vtype, value].compact.length
      raise Error, 'parameters are required together: question, vtype, value' if given.positive? && given < 3

      prev = selections(name)
      return { 'changed' => false, 'current' => prev } if question.nil?

      if vtype == 'boolean'
        value = value.downcase
        existing = prev[question]&.downcase
      else
        existing = prev[question]
      end
      return { 'changed' => false, 'current' => prev } if prev.key?(question) && value == existing

      set_selection(name, question, vtype, value, unseen) unless dry_run
      { 'changed' => true, 'current' => { question => value } }
    end

    # The module runs `debconf-show <name>` as one line (split as a shell would).
    def selections(name)
      out, err, status = Open3.capture3(*Shellwords.split("#{A2C::BinPath.find('debconf-show', Error)} #{name}"))
      raise Error, err unless status.success?

      out.lines.to_h do |line|
        key, value = line.chomp.split(':', 2)
        raise Error, "not enough values to unpack (expected 2, got 1) in #{line.inspect}" if value.nil?

        [key.gsub(/\A\*+|\*+\z/, '').strip, value.strip]
      end
    end

    def set_selection(name, question, vtype, value, unseen)
      cmd = [A2C::BinPath.find('debconf-set-selections', Error)]
      cmd << '-u' if unseen
      # The module's run_command(data=) ends the line with a newline.
      _out, err, status = Open3.capture3(*cmd, stdin_data: "#{[name, question, vtype, value].join(' ')}\n")
      raise Error, err unless status.success?
    end
  end
end
