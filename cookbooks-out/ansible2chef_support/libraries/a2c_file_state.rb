# frozen_string_literal: true

#
# Cookbook:: ansible2chef_support
# Library:: a2c_file_state
#
# What Ansible's file module (ansible-core 2.14) looks at on the node before it acts: the current
# type of a path (its default `state`) and the directories `state: directory` will create (each one
# gets the task's owner, group and mode). Read at converge time, when the earlier tasks have run.

module A2C
  module FileState
    module_function

    # The module's get_state: 'link', 'directory', 'hard' (a file with more than one link), 'file'
    # (anything else that exists) or 'absent'.
    def path_state(path)
      st = ::File.lstat(path)
      return 'link' if st.symlink?
      return 'directory' if st.directory?

      st.nlink > 1 ? 'hard' : 'file'
    rescue Errno::ENOENT, Errno::ENOTDIR
      'absent'
    end

    # The directories `state: directory` creates for `path`, from the top down: each prefix of the
    # path that does not exist (os.path.exists follows links), as the module walks the path component
    # by component. Empty when the path exists.
    def missing_directories(path)
      return [] if ::File.exist?(path)

      absolute = path.start_with?('/')
      current = nil
      path.split('/').reject(&:empty?).filter_map do |part|
        current = if current.nil?
                    absolute ? "/#{part}" : part
                  else
                    "#{current}/#{part}"
                  end
        current unless ::File.exist?(current)
      end
    end
  end
end
