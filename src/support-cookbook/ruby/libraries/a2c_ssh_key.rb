# frozen_string_literal: true

require 'etc'
require 'socket'

# ansible.builtin.user's `generate_ssh_key` (ansible-core 2.14, after the user is created or
# updated, state present only). The key file is ssh_key_file, or `.ssh/id_<type>`; a relative path
# is under the user's home directory, which must exist. A missing key directory is created (one
# level, mode 0700 under the umask, owned by the user and their primary group). An existing private
# key, or an existing public key alone, is kept (no change) unless `force`, which overwrites both.
# ssh-keygen then runs as the module runs it (`-t type`, `-b bits` when bits > 0, `-C comment`, the
# comment being `ansible-generated on <hostname>` by default, `-f file`, `-N ''`), and the two files
# are given to the user and their primary group.
module A2C
  module SshKey
    class Error < StandardError; end

    module_function

    # { 'changed' => ..., 'ssh_key_file' => path }; dry_run (why-run) only reads.
    def generate(user:, type: 'rsa', bits: 0, file: nil, comment: nil, force: false, dry_run: false)
      info = passwd(user)
      path = key_path(info, file || File.join('.ssh', "id_#{type}"))
      pub = "#{path}.pub"
      result = { 'changed' => true, 'ssh_key_file' => path }
      dir = File.dirname(path)
      unless File.exist?(dir)
        return result if dry_run

        begin
          Dir.mkdir(dir, 0o700)
          File.chown(info.uid, info.gid, dir)
        rescue SystemCallError => e
          raise Error, "Failed to create #{dir}: #{e.message}"
        end
      end
      overwrite = File.exist?(path)
      return result.merge('changed' => false) if (overwrite || File.exist?(pub)) && !force
      return result if dry_run

      File.unlink(pub) if File.exist?(pub)
      keygen(type, bits, comment || "ansible-generated on #{Socket.gethostname}", path, overwrite)
      File.chown(info.uid, info.gid, path, pub)
      result
    end

    def passwd(user)
      Etc.getpwnam(user)
    rescue ArgumentError
      raise Error, "user #{user} does not exist"
    end

    def key_path(info, file)
      return file if file.start_with?('/')
      raise Error, "User #{info.name} home directory does not exist" unless File.exist?(info.dir)

      File.join(info.dir, file)
    end

    def keygen(type, bits, comment, path, overwrite)
      require 'open3'
      argv = ['ssh-keygen', '-t', type.to_s]
      argv += ['-b', bits.to_s] if bits.to_i > 0
      argv += ['-C', comment.to_s, '-f', path, '-N', '']
      # ssh-keygen asks before replacing an existing private key: the module answers yes.
      _out, err, status = Open3.capture3(*argv, stdin_data: overwrite ? "y\n" : '')
      raise Error, err.strip unless status.success?
    end
  end
end
