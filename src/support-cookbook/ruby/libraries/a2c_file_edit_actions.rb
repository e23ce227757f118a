# frozen_string_literal: true
#
# What the a2c_line, a2c_block, a2c_replace and a2c_ini_setting actions share:
# read the file, let an A2C::FileEdit function compute the new content, and hand
# any change to a `file` resource, so why-run, diffs, backups and notifications
# behave as for any Chef-managed file. Mixed into each resource's action_class.
module A2C
  module FileEditActions
    # The file's bytes, or nil when it does not exist.
    def a2c_current_content
      path = new_resource.path
      ::File.exist?(path) ? ::File.binread(path) : nil
    end

    # Runs the edit; A2C::FileEdit errors (Ansible would fail the task) name the resource.
    def a2c_edit
      result = yield a2c_current_content
      a2c_apply(result)
    rescue A2C::FileEdit::Error => e
      raise "#{new_resource}: #{e.message}"
    end

    # Ansible writes only when the content changed, and applies owner/group/mode
    # to the file whenever it exists afterwards; so does this.
    def a2c_apply(result)
      path = new_resource.path
      exists = ::File.exist?(path)
      return unless result.changed || exists

      parent = ::File.dirname(path)
      unless exists || ::File.directory?(parent)
        directory parent do
          recursive true
        end
      end
      edit = new_resource
      file path do
        content result.content if result.changed
        owner edit.owner unless edit.owner.nil?
        group edit.group unless edit.group.nil?
        mode edit.mode unless edit.mode.nil?
        backup edit.backup ? 5 : false
        # Ansible runs validate on a temporary copy holding the new content, and only when it
        # changed; Chef's file verify does the same before the copy replaces the file.
        verify edit.verify if result.changed && edit.respond_to?(:verify) && edit.verify
        sensitive edit.sensitive
      end
    end
  end
end
