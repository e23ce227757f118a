# frozen_string_literal: true

# AnsibleModule.get_bin_path(required=True), which the modules the support resources follow use to
# find their commands: PATH first, then the sbin folders; the module's failure text when none has it.
module A2C
  module BinPath
    def self.find(name, error)
      dirs = ENV.fetch('PATH', '').split(':') + %w(/sbin /usr/sbin /usr/local/sbin)
      found = dirs.map { |d| File.join(d, name) }.find { |f| File.file?(f) && File.executable?(f) }
      raise error, "Failed to find required executable \"#{name}\" in paths: #{dirs.join(':')}" unless found

      found
    end
  end
end
